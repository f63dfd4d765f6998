package org.custodian.completion;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An analyst's deficiency: a rule of the manual kind (a scanned form unsigned, a wrong-patient document, an illegible entry). */
public record NewManualDeficiency(long encounterId, Long practitionerId, @NotBlank String rule, Long documentId,
                                  @Size(max = 500) String description) {
}
