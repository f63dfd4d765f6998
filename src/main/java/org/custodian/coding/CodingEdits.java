package org.custodian.coding;

import java.time.LocalDate;
import java.util.List;

/**
 * The edits a coder's abstract is checked with on every save (code set validity for the discharge
 * date, POA, MCE principal/age/sex edits, procedure dates), for other modules that hold an abstract
 * of their own: the practicum grades a student's coding with the same edits a coder sees.
 */
public interface CodingEdits {

    /** The stay the abstract describes: what the edits need of the chart and the registration. */
    record Stay(LocalDate admitDate, LocalDate dischargeDate, boolean inpatient, int age, String sex) {
    }

    /** A diagnosis as entered, with its present-on-admission indicator (Y, N, U, W, 1 or blank). */
    record Diagnosis(String code, String poa) {
    }

    record Procedure(String code, LocalDate date) {
    }

    /** An abstract's codes: principal first, as on the UB-04. */
    record Abstract(Diagnosis principalDiagnosis, List<Diagnosis> secondaryDiagnoses, Procedure principalProcedure,
                    List<Procedure> otherProcedures) {

        public Abstract {
            secondaryDiagnoses = secondaryDiagnoses == null ? List.of() : List.copyOf(secondaryDiagnoses);
            otherProcedures = otherProcedures == null ? List.of() : List.copyOf(otherProcedures);
        }
    }

    List<CodingEdit> check(Abstract codes, Stay stay);
}
