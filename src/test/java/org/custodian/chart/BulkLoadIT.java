package org.custodian.chart;

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
import org.custodian.audit.AuditRecord;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientIdentifier;
import org.custodian.patient.PatientNotFoundException;
import org.custodian.patient.PatientRegistry;
import org.custodian.patient.PatientSearch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.custodian.support.CustodianTest;

/**
 * The bulk APIs (registerAll, recordAll, fileAll) write in batches: rows land in input order
 * under the ids returned, each row is audited, and a bad row anywhere rejects the whole call.
 */
@CustodianTest
class BulkLoadIT {

    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired AuditLog audit;

    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final Instant admit = Instant.parse("2026-02-01T09:00:00Z");

    private NewPatient patient(String given, String mrn, PatientIdentifier... identifiers) {
        return new NewPatient("BULK", mrn, given, null, "Bulk" + tag, LocalDate.of(1960, 1, 2), AdministrativeSex.F,
                "123-45-6789", null, null, List.of(identifiers));
    }

    @Test
    void rowsLandInInputOrderUnderTheReturnedIdsAndAreAudited() {
        List<NewPatient> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            batch.add(patient("Given" + i, i == 3 ? "X" + tag : null,
                    new PatientIdentifier("urn:test:" + tag, "id-" + i, "MR")));
        }
        List<Long> ids = patients.registerAll(batch);
        assertThat(ids).hasSize(30).doesNotHaveDuplicates();
        for (int i = 0; i < 30; i++) {
            Patient p = patients.find(ids.get(i)).orElseThrow();
            assertThat(p.givenName()).isEqualTo("Given" + i);
            assertThat(p.ssnMasked()).isEqualTo("***-**-6789");
            assertThat(p.identifiers()).extracting(PatientIdentifier::value).containsExactly("id-" + i);
        }
        assertThat(patients.find(ids.get(3)).orElseThrow().mrn()).isEqualTo("X" + tag);
        assertThat(patients.search(new PatientSearch("bulk" + tag, null, null), 0, 100).total()).isEqualTo(30);
        assertThat(patients.existing(List.of(ids.get(0), ids.get(29), -1L))).containsExactlyInAnyOrder(ids.get(0), ids.get(29));

        List<NewEncounter> encounters = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            encounters.add(new NewEncounter(ids.get(i), i == 5 ? "E-" + tag : null, EncounterClass.OUTPATIENT,
                    admit.plus(i, ChronoUnit.DAYS), admit.plus(i, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS),
                    "Dr. " + i, "Service " + i, i % 2 == 0 ? DischargeDisposition.HOME : null));
        }
        List<Long> encounterIds = charts.recordAll(encounters);
        for (int i = 0; i < 30; i++) {
            Encounter e = charts.encounter(encounterIds.get(i));
            assertThat(e.patientId()).isEqualTo(ids.get(i));
            assertThat(e.service()).isEqualTo("Service " + i);
            assertThat(e.admitAt()).isEqualTo(admit.plus(i, ChronoUnit.DAYS));
            assertThat(e.dischargeDisposition()).isEqualTo(i % 2 == 0 ? DischargeDisposition.HOME : null);
            assertThat(e.encounterNumber()).matches(i == 5 ? "E-" + tag : "V[0-9]+");
        }

        List<NewDocument> documents = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            boolean signed = i % 3 == 0;
            documents.add(new NewDocument(ids.get(i), i == 7 ? null : encounterIds.get(i), DocumentType.PROGRESS_NOTE,
                    i == 8 ? "Custom title" : null, "Dr. " + i, "Text " + i, signed ? DocumentStatus.SIGNED : DocumentStatus.UNSIGNED,
                    admit.plus(i, ChronoUnit.DAYS), signed ? "dr" + i : null, signed ? admit.plus(i, ChronoUnit.DAYS).plusSeconds(60) : null));
        }
        List<Long> documentIds = charts.fileAll(documents);
        for (int i = 0; i < 30; i++) {
            ClinicalDocument d = charts.document(documentIds.get(i));
            assertThat(d.text()).isEqualTo("Text " + i);
            assertThat(d.encounterId()).isEqualTo(i == 7 ? null : encounterIds.get(i));
            assertThat(d.title()).isEqualTo(i == 8 ? "Custom title" : DocumentType.PROGRESS_NOTE.title());
            assertThat(d.status()).isEqualTo(i % 3 == 0 ? DocumentStatus.SIGNED : DocumentStatus.UNSIGNED);
            assertThat(d.signedBy()).isEqualTo(i % 3 == 0 ? "dr" + i : null);
        }

        List<AuditRecord> trail = audit.find(new AuditQuery(ids.get(12), null, null, null, 0, 50));
        assertThat(trail).filteredOn(r -> r.action().equals("CREATE")).extracting(AuditRecord::resourceType)
                .containsExactlyInAnyOrder("Patient", "Encounter", "DocumentReference");
    }

    @Test
    void aClashAnywhereRejectsTheWholeRegistration() {
        String mrn = "D" + tag;
        assertThatThrownBy(() -> patients.registerAll(List.of(patient("A", null), patient("B", mrn), patient("C", mrn))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(mrn);
        assertThatThrownBy(() -> patients.registerAll(List.of(patient("A", null,
                        new PatientIdentifier("urn:test:" + tag, "same", "MR")), patient("B", null,
                        new PatientIdentifier("urn:test:" + tag, "same", "MR")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identifiers");
        assertThat(patients.search(new PatientSearch("bulk" + tag, null, null), 0, 10).total()).isZero();
    }

    @Test
    void aBadRowAnywhereRejectsTheWholeLoad() {
        long id = patients.register(patient("Only", null)).id();
        NewEncounter good = new NewEncounter(id, null, EncounterClass.EMERGENCY, admit, admit.plusSeconds(3600), null, null, null);
        NewEncounter orphan = new NewEncounter(-42, null, EncounterClass.EMERGENCY, admit, null, null, null, null);
        NewEncounter backwards = new NewEncounter(id, null, EncounterClass.EMERGENCY, admit, admit.minusSeconds(1), null, null, null);
        assertThatThrownBy(() -> charts.recordAll(List.of(good, orphan))).isInstanceOf(PatientNotFoundException.class);
        assertThatThrownBy(() -> charts.recordAll(List.of(good, backwards)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dischargeAt");

        NewDocument note = new NewDocument(id, null, DocumentType.CONSULT_NOTE, null, "Dr. A", "Fine.", DocumentStatus.DRAFT,
                admit, null, null);
        NewDocument unsignedSigned = new NewDocument(id, null, DocumentType.CONSULT_NOTE, null, "Dr. A", "Fine.",
                DocumentStatus.SIGNED, admit, null, null);
        assertThatThrownBy(() -> charts.fileAll(List.of(note, unsignedSigned)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("status");
        assertThat(charts.chart(id).encounters()).isEmpty();
        assertThat(charts.chart(id).documents()).isEmpty();
        assertThat(charts.recordAll(List.of())).isEmpty();
        assertThat(charts.fileAll(List.of())).isEmpty();
        assertThat(patients.registerAll(List.of())).isEmpty();
    }
}
