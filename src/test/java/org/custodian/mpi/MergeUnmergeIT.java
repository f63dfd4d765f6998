package org.custodian.mpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditQuery;
import org.custodian.chart.Chart;
import org.custodian.chart.ChartService;
import org.custodian.chart.DischargeDisposition;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentSummary;
import org.custodian.chart.DocumentType;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.NewDocument;
import org.custodian.chart.NewEncounter;
import org.custodian.privacy.Role;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.custodian.patient.Address;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientIdentifier;
import org.custodian.patient.PatientRegistry;
import org.custodian.patient.PatientSearch;
import org.custodian.patient.PatientSummary;

@CustodianTest
@RecordApplicationEvents
class MergeUnmergeIT {

    @Autowired PatientRegistry patients;
    @Autowired MasterPatientIndex mpi;
    @Autowired ChartService charts;
    @Autowired StaffAccounts accounts;
    @Autowired AuditLog audit;
    @Autowired ApplicationEvents events;

    private static final Instant ADMIT = Instant.parse("2026-02-01T08:00:00Z");

    private Patient register(String given, String family, LocalDate dob, AdministrativeSex sex, String ssn) {
        List<Patient> out = new ArrayList<>();
        accounts.runAs(Role.CLINICIAN, () -> out.add(patients.register(new NewPatient(null, null, given, null, family, dob, sex,
                ssn, new Address("12 Elm St", "Springfield", "IL", "62701"), "217-555-0199",
                List.of(new PatientIdentifier("urn:test:dl", "DL-" + UUID.randomUUID(), "Driver license"))))));
        return out.get(0);
    }

    private void visit(long patientId, int daysBefore) {
        accounts.runAs(Role.CLINICIAN, () -> {
            Instant admit = ADMIT.minus(daysBefore, ChronoUnit.DAYS);
            long encounter = charts.record(new NewEncounter(patientId, null, EncounterClass.OUTPATIENT, admit,
                    admit.plus(2, ChronoUnit.HOURS), "Dr. Grey", "Clinic", DischargeDisposition.HOME)).id();
            charts.file(new NewDocument(patientId, encounter, DocumentType.PROGRESS_NOTE, null, "Dr. Grey",
                    "Seen in clinic.", DocumentStatus.UNSIGNED, admit.plus(1, ChronoUnit.HOURS), null, null));
        });
    }

    private <T> T as(Role role, java.util.function.Supplier<T> body) {
        List<T> out = new ArrayList<>();
        accounts.runAs(role, () -> out.add(body.get()));
        return out.get(0);
    }

    @Test
    void mergeMovesEverythingToTheSurvivorAndUnmergeRestoresBothRecordsExactly() {
        String family = TestPatients.uniqueName("Merge");
        Patient survivor = register("William", family, LocalDate.of(1961, 7, 14), AdministrativeSex.M, "123-45-6700");
        Patient retired = register("Bill", family, LocalDate.of(1961, 7, 14), AdministrativeSex.M, null);
        visit(survivor.id(), 100);
        visit(retired.id(), 10);
        visit(retired.id(), 5);
        Patient survivorBefore = as(Role.HIM_DIRECTOR, () -> patients.find(survivor.id()).orElseThrow());
        Patient retiredBefore = as(Role.HIM_DIRECTOR, () -> patients.find(retired.id()).orElseThrow());
        Chart survivorChartBefore = as(Role.HIM_DIRECTOR, () -> charts.chart(survivor.id()));
        Chart retiredChartBefore = as(Role.HIM_DIRECTOR, () -> charts.chart(retired.id()));
        assertThat(retiredChartBefore.encounters()).hasSize(2);

        Instant before = Instant.now().minusSeconds(1);
        PatientMerge merge = as(Role.DATA_INTEGRITY_ANALYST, () -> mpi.merge(survivor.id(), retired.id(), "duplicate registration"));
        assertThat(merge.active()).isTrue();
        assertThat(merge.retiredMrn()).isEqualTo(retired.mrn());
        assertThat(merge.mergedBy()).isEqualTo(accounts.of(Role.DATA_INTEGRITY_ANALYST));
        assertThat(events.stream(PatientsMerged.class))
                .containsExactly(new PatientsMerged(merge.id(), survivor.id(), retired.id()));

        // Encounters, documents and identifiers now belong to the survivor.
        Chart merged = as(Role.HIM_DIRECTOR, () -> charts.chart(survivor.id()));
        assertThat(merged.encounters()).hasSize(3);
        assertThat(merged.documents()).hasSize(3);
        assertThat(as(Role.HIM_DIRECTOR, () -> charts.chart(retired.id())).encounters()).isEmpty();
        assertThat(as(Role.HIM_DIRECTOR, () -> patients.find(survivor.id()).orElseThrow()).identifiers())
                .containsAll(retiredBefore.identifiers()).containsAll(survivorBefore.identifiers());
        // The retired MRN is an alias that finds the survivor; the retired record no longer shows in searches.
        assertThat(mpi.resolveMrn(null, retired.mrn())).contains(survivor.id());
        assertThat(mpi.survivorOf(retired.id())).isEqualTo(survivor.id());
        assertThat(as(Role.HIM_DIRECTOR, () -> patients.search(new PatientSearch(null, retired.mrn(), null), 0, 10)).items())
                .extracting(PatientSummary::id).containsExactly(survivor.id());
        assertThat(as(Role.HIM_DIRECTOR, () -> patients.search(new PatientSearch(family, null, null), 0, 10)).items())
                .extracting(PatientSummary::id).containsExactly(survivor.id());
        // Audited on both patients, the chart's moves too.
        String analyst = accounts.of(Role.DATA_INTEGRITY_ANALYST);
        assertThat(audit.find(new AuditQuery(retired.id(), analyst, before, null, 0, 50)))
                .anySatisfy(e -> assertThat(e.resourceType()).isEqualTo("PatientMerge"));
        assertThat(audit.find(new AuditQuery(survivor.id(), analyst, before, null, 0, 50)))
                .filteredOn(e -> e.resourceType().equals("Encounter")).hasSize(2);

        // A document filed on the survivor after the merge stays with the survivor.
        visit(survivor.id(), 1);

        PatientMerge undone = as(Role.DATA_INTEGRITY_ANALYST, () -> mpi.unmerge(merge.id(), "two different people after all"));
        assertThat(undone.active()).isFalse();
        assertThat(undone.unmergeReason()).isEqualTo("two different people after all");
        assertThat(events.stream(PatientsUnmerged.class))
                .containsExactly(new PatientsUnmerged(merge.id(), survivor.id(), retired.id()));

        // Field for field: demographics with identifiers (records compare every component), and charts.
        assertThat(as(Role.HIM_DIRECTOR, () -> patients.find(retired.id()).orElseThrow())).isEqualTo(retiredBefore);
        assertThat(as(Role.HIM_DIRECTOR, () -> patients.find(survivor.id()).orElseThrow())).isEqualTo(survivorBefore);
        assertThat(as(Role.HIM_DIRECTOR, () -> charts.chart(retired.id()))).isEqualTo(retiredChartBefore);
        Chart survivorAfter = as(Role.HIM_DIRECTOR, () -> charts.chart(survivor.id()));
        assertThat(survivorAfter.encounters()).containsAll(survivorChartBefore.encounters()).hasSize(2);
        List<DocumentSummary> newDocs = new ArrayList<>(survivorAfter.documents());
        newDocs.removeAll(survivorChartBefore.documents());
        assertThat(newDocs).hasSize(1);
        assertThat(mpi.resolveMrn(null, retired.mrn())).contains(retired.id());
        assertThat(as(Role.HIM_DIRECTOR, () -> patients.search(new PatientSearch(null, retired.mrn(), null), 0, 10)).items())
                .extracting(PatientSummary::id).containsExactly(retired.id());
        assertThatThrownBy(() -> as(Role.DATA_INTEGRITY_ANALYST, () -> mpi.unmerge(merge.id(), "again")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOverlayGuardRefusesADifferentSex() {
        String family = TestPatients.uniqueName("Guard");
        Patient a = register("Jordan", family, LocalDate.of(1980, 1, 2), AdministrativeSex.M, null);
        Patient b = register("Jordan", family, LocalDate.of(1980, 1, 2), AdministrativeSex.F, null);
        assertRefused(a, b, "SEX_DIFFERS");
    }

    @Test
    void theOverlayGuardRefusesABirthDateBeyondATypo() {
        String family = TestPatients.uniqueName("Guard");
        Patient a = register("Jordan", family, LocalDate.of(1980, 1, 2), AdministrativeSex.M, null);
        Patient b = register("Jordan", family, LocalDate.of(1952, 9, 27), AdministrativeSex.M, null);
        assertRefused(a, b, "BIRTH_DATE_DIFFERS");
    }

    @Test
    void theOverlayGuardRefusesTwoDifferentSsns() {
        String family = TestPatients.uniqueName("Guard");
        Patient a = register("Jordan", family, LocalDate.of(1980, 1, 2), AdministrativeSex.M, "111-22-3333");
        Patient b = register("Jordan", family, LocalDate.of(1980, 1, 2), AdministrativeSex.M, "444-55-6666");
        assertRefused(a, b, "SSN_DIFFERS");
    }

    @Test
    void aDayMonthSwapIsATypoNotAnOverlayRisk() {
        String family = TestPatients.uniqueName("Guard");
        Patient a = register("Jordan", family, LocalDate.of(1980, 3, 4), AdministrativeSex.M, "111-22-3333");
        Patient b = register("Jordan", family, LocalDate.of(1980, 4, 3), AdministrativeSex.M, null);
        PatientMerge merge = as(Role.DATA_INTEGRITY_ANALYST, () -> mpi.merge(a.id(), b.id(), "same person"));
        assertThat(merge.overlayRisks()).isEmpty();
        assertThat(merge.overrideReason()).isNull();
    }

    private void assertRefused(Patient a, Patient b, String risk) {
        assertThatThrownBy(() -> as(Role.DATA_INTEGRITY_ANALYST, () -> mpi.merge(a.id(), b.id(), "looks like a duplicate")))
                .isInstanceOfSatisfying(OverlayRiskException.class, e -> assertThat(e.risks()).containsExactly(risk));
        // Nothing moved: the retired MRN still stands for its own record.
        assertThat(mpi.resolveMrn(null, b.mrn())).contains(b.id());
        assertThat(events.stream(PatientsMerged.class)).isEmpty();
        // A deliberate merge with an override reason goes through, and keeps the guard's objection.
        PatientMerge merge = as(Role.DATA_INTEGRITY_ANALYST,
                () -> mpi.merge(a.id(), b.id(), "looks like a duplicate", "confirmed with the patient at the front desk"));
        assertThat(merge.overlayRisks()).containsExactly(risk);
        assertThat(merge.overrideReason()).isEqualTo("confirmed with the patient at the front desk");
        assertThat(mpi.resolveMrn(null, b.mrn())).contains(a.id());
    }

    @Test
    void mergesAreUndoneNewestFirst() {
        String family = TestPatients.uniqueName("Chain");
        Patient a = register("Ann", family, LocalDate.of(1970, 5, 6), AdministrativeSex.F, null);
        Patient b = register("Anne", family, LocalDate.of(1970, 5, 6), AdministrativeSex.F, null);
        Patient c = register("Annie", family, LocalDate.of(1970, 5, 6), AdministrativeSex.F, null);
        visit(a.id(), 3);
        PatientMerge first = as(Role.DATA_INTEGRITY_ANALYST, () -> mpi.merge(b.id(), a.id(), "duplicate"));
        PatientMerge second = as(Role.DATA_INTEGRITY_ANALYST, () -> mpi.merge(c.id(), b.id(), "duplicate"));
        assertThat(mpi.resolveMrn(null, a.mrn())).contains(c.id());
        // Several at once (the HL7 feed's batches): each retired MRN to the end of its chain, an unknown one absent.
        assertThat(mpi.resolveMrns(null, List.of(a.mrn(), b.mrn(), c.mrn(), "NO-SUCH-MRN")))
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(a.mrn(), c.id(), b.mrn(), c.id(), c.mrn(), c.id()));
        assertThat(as(Role.HIM_DIRECTOR, () -> charts.chart(c.id())).encounters()).hasSize(1);
        assertThatThrownBy(() -> as(Role.DATA_INTEGRITY_ANALYST, () -> mpi.unmerge(first.id(), "wrong")))
                .hasMessageContaining("undo that merge first");
        as(Role.DATA_INTEGRITY_ANALYST, () -> mpi.unmerge(second.id(), "wrong"));
        as(Role.DATA_INTEGRITY_ANALYST, () -> mpi.unmerge(first.id(), "wrong"));
        assertThat(as(Role.HIM_DIRECTOR, () -> charts.chart(a.id())).encounters()).hasSize(1);
        assertThat(mpi.resolveMrn(null, a.mrn())).contains(a.id());
    }
}
