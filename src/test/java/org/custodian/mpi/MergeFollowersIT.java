package org.custodian.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditQuery;
import org.custodian.chart.Amendments;
import org.custodian.chart.ChartFindings;
import org.custodian.chart.ChartService;
import org.custodian.chart.CodedFinding;
import org.custodian.chart.DischargeDisposition;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentType;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.FindingKind;
import org.custodian.chart.NewAmendmentRequest;
import org.custodian.chart.NewDocument;
import org.custodian.chart.NewEncounter;
import org.custodian.chart.NewFinding;
import org.custodian.disclosure.AccountingOfDisclosures;
import org.custodian.privacy.Role;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.custodian.patient.Address;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientIdentifier;
import org.custodian.patient.PatientRegistry;

/**
 * Every module's patient rows follow a merge and come back on an unmerge: the chart's conditions,
 * procedures and amendment requests, the coder's worklist entry, the record-completion deficiencies
 * (the visit's missing history and physical) and the release-of-information records (the accounting of disclosures is the person's, 45 CFR 164.528).
 */
@CustodianTest
class MergeFollowersIT {

    @Autowired PatientRegistry patients;
    @Autowired MasterPatientIndex mpi;
    @Autowired ChartService charts;
    @Autowired ChartFindings findings;
    @Autowired Amendments amendments;
    @Autowired AccountingOfDisclosures accounting;
    @Autowired StaffAccounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired AuditLog audit;

    /** Table → the id column its rows are found by. */
    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("chart_finding", "id");
        TABLES.put("amendment_request", "id");
        TABLES.put("coding_worklist", "encounter_id");
        TABLES.put("accounting_request", "id");
        TABLES.put("deficiency", "id");
    }

    @Test
    void findingsAmendmentsWorklistAndDisclosureRecordsFollowMergeAndUnmerge() {
        String family = TestPatients.uniqueName("Follow");
        Patient survivor = register("Margaret", family);
        Patient retired = register("Peggy", family);
        Instant admit = Instant.parse("2026-03-02T08:00:00Z");
        long[] chartIds = new long[2];
        accounts.runAs(Role.HIM_DIRECTOR, () -> {
            long encounter = charts.record(new NewEncounter(retired.id(), null, EncounterClass.INPATIENT, admit,
                    admit.plus(3, ChronoUnit.DAYS), "Dr. Grey", "Medicine", DischargeDisposition.HOME)).id();
            long document = charts.file(new NewDocument(retired.id(), encounter, DocumentType.DISCHARGE_SUMMARY, null,
                    "Dr. Grey", "Pneumonia, treated.", DocumentStatus.SIGNED, admit.plus(3, ChronoUnit.DAYS), "Dr. Grey",
                    admit.plus(3, ChronoUnit.DAYS))).id();
            findings.recordAll(List.of(new NewFinding(retired.id(), encounter, FindingKind.CONDITION,
                    CodedFinding.ICD_10_CM, "J18.9", "Pneumonia, unspecified organism", null, admit)));
            amendments.receive(new NewAmendmentRequest(document, "My allergy list is wrong.", null, null));
            chartIds[0] = encounter;
            chartIds[1] = document;
        });
        accounts.runAs(Role.ROI_SPECIALIST, () -> accounting.receive(retired.id(), "Peggy " + family, LocalDate.of(2026, 4, 1)));
        Map<String, List<Long>> before = rowsOf(retired.id());
        before.forEach((table, ids) -> assertThat(ids).as(table).isNotEmpty());

        // Every row moved is audited on the patient it moved to, saying which merge moved it from
        // whom (HIPAA 45 CFR 164.312(b)): the chart's, the coder's and the disclosure records alike.
        List<String> moved = new ArrayList<>(List.of("Encounter/" + chartIds[0], "ClinicalDocument/" + chartIds[1]));
        Map<String, String> resourceTypes = Map.of("chart_finding", "CodedFinding", "amendment_request", "AmendmentRequest",
                "coding_worklist", "CodingWorklistItem", "accounting_request", "AccountingRequest", "deficiency", "Deficiency");
        before.forEach((table, ids) -> ids.forEach(id -> moved.add(resourceTypes.get(table) + "/" + id)));
        Instant start = Instant.now().minusSeconds(1);

        PatientMerge merge = as(() -> mpi.merge(survivor.id(), retired.id(), "duplicate registration"));
        assertThat(rowsOf(retired.id()).values()).allSatisfy(ids -> assertThat(ids).isEmpty());
        assertThat(rowsOf(survivor.id())).isEqualTo(before);
        assertThat(moveEvents(survivor.id(), start, "merge " + merge.id() + ": moved from patient " + retired.id()))
                .containsExactlyInAnyOrderElementsOf(moved);

        as(() -> mpi.unmerge(merge.id(), "two different people"));
        assertThat(rowsOf(retired.id())).isEqualTo(before);
        assertThat(rowsOf(survivor.id()).values()).allSatisfy(ids -> assertThat(ids).isEmpty());
        assertThat(moveEvents(retired.id(), start, "unmerge " + merge.id() + ": moved from patient " + survivor.id()))
                .containsExactlyInAnyOrderElementsOf(moved);
    }

    /** The patient's successful UPDATE events since {@code from} with that detail, as "ResourceType/id". */
    private List<String> moveEvents(long patientId, Instant from, String detail) {
        return audit.find(new AuditQuery(patientId, null, from, null, 0, 500)).stream()
                .filter(e -> e.action().equals("UPDATE") && e.outcome().equals("SUCCESS") && detail.equals(e.detail()))
                .map(e -> e.resourceType() + "/" + e.resourceId())
                .toList();
    }

    private Map<String, List<Long>> rowsOf(long patientId) {
        Map<String, List<Long>> rows = new LinkedHashMap<>();
        TABLES.forEach((table, id) -> rows.put(table, jdbc.sql("select " + id + " from " + table
                + " where patient_id = ? order by 1").param(patientId).query(Long.class).list()));
        return rows;
    }

    private Patient register(String given, String family) {
        List<Patient> out = new ArrayList<>();
        accounts.runAs(Role.CLINICIAN, () -> out.add(patients.register(new NewPatient(null, null, given, null, family,
                LocalDate.of(1950, 3, 9), AdministrativeSex.F, null, new Address("3 Oak St", "Springfield", "IL", "62701"),
                "217-555-0142", List.of(new PatientIdentifier("urn:test:dl", "DL-" + UUID.randomUUID(), "Driver license"))))));
        return out.get(0);
    }

    private PatientMerge as(java.util.function.Supplier<PatientMerge> body) {
        List<PatientMerge> out = new ArrayList<>();
        accounts.runAs(Role.DATA_INTEGRITY_ANALYST, () -> out.add(body.get()));
        return out.get(0);
    }
}
