package org.custodian.coding.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.custodian.coding.CodingEdit;

/**
 * An encounter's coded abstract as the API and the page show it: the codes, the stay facts an
 * MS-DRG grouper needs (age at admission, sex, discharge disposition, discharge date and so the
 * fiscal year), the status and the edits of the last save with each list's version, and (inpatient)
 * its MS-DRG with weight, expected payment and why, grouped on read.
 */
public record CodedAbstract(
        long encounterId,
        long patientId,
        String encounterNumber,
        String encounterClass,
        Instant admitAt,
        Instant dischargeAt,
        int fiscalYear,
        int ageAtAdmission,
        String sex,
        String kind,
        String status,
        String coder,
        Instant savedAt,
        Instant finalizedAt,
        Code principalDiagnosis,
        List<Code> secondaryDiagnoses,
        Code principalProcedure,
        List<Code> otherProcedures,
        String dischargeDisposition,
        String admitSource,
        List<CodingEdit> edits,
        List<String> listVersions,
        List<Suggestion> suggestions,
        AbstractDrg drg) {

    /**
     * An ICD-10 code the EHR sent with the chart (FHIR Condition or Procedure). Only offered: a
     * coder adds it or not; it never reaches the abstract by itself. {@code valid} says whether it
     * is a billable code of the discharge date's set.
     */
    public record Suggestion(String kind, String code, String display, String description, boolean valid) {
    }

    /** A code on the abstract, dotted, with its title in the discharge date's set (null if not in it). */
    public record Code(String code, String description, String poa, LocalDate date) {
    }

    public boolean blocked() {
        return edits.stream().anyMatch(e -> e.severity() == CodingEdit.Severity.ERROR);
    }
}
