package org.custodian.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditQuery;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Sensitivity tags: a document's own, its encounter's, in bulk; each tagging audited. */
@CustodianTest
class SensitivityTagsIT {

    @Autowired SensitivityTags tags;
    @Autowired ChartService charts;
    @Autowired PatientRegistry patients;
    @Autowired StaffAccounts accounts;
    @Autowired AuditLog audit;

    @Test
    void aDocumentCarriesItsOwnTagsAndThoseOfItsEncounter() {
        accounts.runAs(Role.CLINICIAN, () -> {
            Patient p = patients.register(TestPatients.newPatient("Tess", TestPatients.uniqueName("Tag"), LocalDate.of(1988, 4, 4)));
            Instant at = Instant.now().minus(2, ChronoUnit.DAYS);
            long encounter = charts.record(new NewEncounter(p.id(), null, EncounterClass.OUTPATIENT, at, at.plus(1, ChronoUnit.HOURS),
                    "Dr. Vale", "Infectious disease", null)).id();
            long other = charts.record(new NewEncounter(p.id(), null, EncounterClass.OUTPATIENT, at, at.plus(1, ChronoUnit.HOURS),
                    "Dr. Vale", "Medicine", null)).id();
            long consult = file(p.id(), encounter, at);
            long plain = file(p.id(), other, at);
            long genetic = file(p.id(), other, at);

            tags.tagEncounter(encounter, Sensitivity.HIV_AIDS);
            tags.tagDocument(consult, Sensitivity.BEHAVIORAL_HEALTH);
            tags.tagDocuments(Map.of(genetic, Sensitivity.GENETIC_TESTING));
            tags.tagDocument(consult, Sensitivity.BEHAVIORAL_HEALTH); // again: no duplicate

            assertThat(tags.ofDocument(consult)).containsExactlyInAnyOrder(Sensitivity.HIV_AIDS, Sensitivity.BEHAVIORAL_HEALTH);
            assertThat(tags.ofDocument(plain)).isEmpty();
            assertThat(tags.ofEncounter(encounter)).containsExactly(Sensitivity.HIV_AIDS);
            assertThat(tags.ofDocuments(List.of(consult, plain, genetic))).containsOnlyKeys(consult, genetic);
            // Read back by an auditor: the clinician who tagged may not read the audit log (audit:read).
            accounts.runAs(Role.AUDITOR, () -> assertThat(audit.find(new AuditQuery(p.id(), null, null, null, 0, 100)))
                    .filteredOn(e -> e.detail() != null && e.detail().startsWith("sensitivity "))
                    .hasSize(4));
            assertThatThrownBy(() -> tags.tagDocument(Long.MAX_VALUE, Sensitivity.HIV_AIDS)).isInstanceOf(ChartNotFoundException.class);
        });
    }

    private long file(long patientId, long encounterId, Instant at) {
        return charts.file(new NewDocument(patientId, encounterId, DocumentType.CONSULT_NOTE, null, "Dr. Vale", "Note.",
                DocumentStatus.UNSIGNED, at, null, null)).id();
    }
}
