package org.custodian.staff;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * A credential to record. Without a cycle, the cycle starts on the exam date; a further credential
 * of the same certifying body joins the cycle the holder already has (AHIMA aligns them).
 */
public record NewCredential(
        @NotNull @Pattern(regexp = "[A-Z0-9-]{2,16}") String code,
        @Size(max = 40) String number,
        @NotNull LocalDate earnedOn,
        LocalDate cycleStart,
        LocalDate cycleEnd) {
}
