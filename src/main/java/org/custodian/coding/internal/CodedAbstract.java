package org.custodian.coding.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.custodian.coding.CodingEdit;

/**
 * An encounter's coded abstract as the API and the page show it: the codes, the stay facts an
 * MS-DRG grouper needs (age at admission, sex, discharge disposition, discharge date and so the
 * fiscal year), the status and the edits of the last save with each list's version.
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
        List<String> listVersions) {

    /** A code on the abstract, dotted, with its title in the discharge date's set (null if not in it). */
    public record Code(String code, String description, String poa, LocalDate date) {
    }

    public boolean blocked() {
        return edits.stream().anyMatch(e -> e.severity() == CodingEdit.Severity.ERROR);
    }
}
