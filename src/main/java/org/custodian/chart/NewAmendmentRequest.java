package org.custodian.chart;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * A request to amend as received from the patient. {@code receivedOn} defaults to today (the
 * injected clock); a request received on paper days ago is entered with its real date, because
 * the 60 days run from receipt.
 */
public record NewAmendmentRequest(long documentId,
                                  @NotBlank @Size(max = 20_000) String requestedChange,
                                  @Size(max = 20_000) String patientReason,
                                  LocalDate receivedOn) {
}
