package org.custodian.coding.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * What a coder saves: the abstract's codes and the two UB-04 fields coding owns. Codes are kept as
 * entered (an invalid code is reported by the edits, not refused), so work in progress is never lost.
 */
record AbstractInput(
        @Valid Diagnosis principalDiagnosis,
        @Valid @Size(max = 24, message = "at most 24 secondary diagnoses (UB-04 FL67A-Q and 5010 limit)") List<Diagnosis> secondaryDiagnoses,
        @Valid Procedure principalProcedure,
        @Valid @Size(max = 24, message = "at most 24 other procedures") List<Procedure> otherProcedures,
        @Size(max = 2, message = "a UB-04 discharge status code of 2 characters") String dischargeDisposition,
        @Size(max = 1, message = "a UB-04 point of origin code of 1 character") String admitSource) {

    record Diagnosis(@NotBlank(message = "must not be blank") @Size(max = 8, message = "at most 8 characters") String code,
                     @Size(max = 1, message = "one of Y, N, U, W, 1 or blank") String poa) {
    }

    record Procedure(@NotBlank(message = "must not be blank") @Size(max = 7, message = "at most 7 characters") String code,
                     LocalDate date) {
    }

    List<Diagnosis> secondaries() {
        return secondaryDiagnoses == null ? List.of() : secondaryDiagnoses;
    }

    List<Procedure> others() {
        return otherProcedures == null ? List.of() : otherProcedures;
    }
}
