package org.custodian.staff;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

/** A continuing-education activity to log; {@code domain} must be one the rules name. */
public record NewCeActivity(
        @NotNull LocalDate completedOn,
        @NotBlank @Size(max = 200) String title,
        @Size(max = 200) String provider,
        @NotNull @DecimalMin(value = "0.25") @DecimalMax(value = "100") BigDecimal ceus,
        @NotBlank String domain) {
}
