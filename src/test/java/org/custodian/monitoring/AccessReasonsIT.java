package org.custodian.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.custodian.AccessReasons;
import org.custodian.AccessReasons.AccessReason;
import org.custodian.chart.ChartService;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentType;
import org.custodian.chart.NewDocument;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.staff.NewStaffMember;
import org.custodian.staff.StaffDirectory;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each module's work items explain its workers' chart accesses (45 CFR 164.308(a)(1)(ii)(D)): a coding
 * abstract, a release-of-information request, a duplicate pair's decision and a merge, an amendment
 * request, a legal hold, a break-the-glass grant; a practicum exercise explains none.
 */
@CustodianTest
class AccessReasonsIT {

    @Autowired ApplicationContext context;
    @Autowired JdbcClient jdbc;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired StaffAccounts accounts;
    @Autowired StaffDirectory staff;
    @Autowired Api api;

    long patientId;
    long otherId;
    String worker;

    @BeforeEach
    void setUp() {
        long[] ids = new long[2];
        accounts.runAs(Role.HIM_DIRECTOR, () -> {
            ids[0] = patients.register(new NewPatient(null, null, "Work", null, "Item" + tag(), LocalDate.of(1960, 1, 1),
                    AdministrativeSex.M, null, null, null, null)).id();
            ids[1] = patients.register(new NewPatient(null, null, "Work", null, "Other" + tag(), LocalDate.of(1961, 1, 1),
                    AdministrativeSex.M, null, null, null, null)).id();
        });
        patientId = Math.min(ids[0], ids[1]);
        otherId = Math.max(ids[0], ids[1]);
        worker = "wi-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffMember(worker, "Work Item", StaffAccounts.PASSWORD, Set.of(Role.HIM_DIRECTOR)));
    }

    static String tag() {
        return UUID.randomUUID().toString().replaceAll("[^a-f]", "");
    }

    List<AccessReason> reasonsOf(String beanClass) {
        AccessReasons bean = context.getBeansOfType(AccessReasons.class).values().stream()
                .filter(b -> b.getClass().getSimpleName().startsWith(beanClass)).findFirst().orElseThrow();
        Instant now = Instant.now();
        return bean.reasons(now.minusSeconds(3600), now.plusSeconds(3600)).stream()
                .filter(r -> r.username().equals(worker)).toList();
    }

    @Test
    void aCodingAbstractExplainsItsCoder() {
        jdbc.sql("insert into coding_abstract (encounter_id, patient_id, kind, status, coder, started_at, saved_at) values (?, ?, 'BILLING', 'IN_PROGRESS', ?, now(), now())")
                .params(900_000_000L + (System.nanoTime() % 99_999_999L), patientId, worker).update();
        assertThat(reasonsOf("CodingAccessReasons")).singleElement().satisfies(r -> {
            assertThat(r.patientId()).isEqualTo(patientId);
            assertThat(r.kind()).isEqualTo("coding");
            assertThat(r.end()).isNull();
        });
        // end to end: the coder's read of the chart is explained in the patient's access report
        api.request(worker, StaffAccounts.PASSWORD, "GET", "/api/patients/" + patientId, null);
        String officer = accounts.of(Role.PRIVACY_OFFICER);
        api.request(officer, StaffAccounts.PASSWORD, "POST", "/api/privacy/scan", null);
        assertThat(api.request(officer, StaffAccounts.PASSWORD, "GET", "/api/privacy/access-report?patientId=" + patientId, null).body())
                .contains(worker).contains("coding (coding abstract of encounter");
    }

    @Test
    void aReleaseOfInformationRequestExplainsItsSpecialist() {
        jdbc.sql("""
                        insert into disclosure_request (request_number, patient_id, requester_type, requester_name, purpose, delivery,
                                                        received_on, due_on, created_by, created_at)
                        values (?, ?, 'PATIENT', 'The patient', 'personal', 'PDF_DOWNLOAD', ?, ?, ?, now())""")
                // The hospital's date, not the database session's (UTC is tomorrow after 7 pm Eastern).
                .params("ROI-" + tag(), patientId, org.custodian.support.HospitalToday.date(),
                        org.custodian.support.HospitalToday.date().plusDays(30), worker).update();
        assertThat(reasonsOf("DisclosureAccessReasons")).singleElement()
                .satisfies(r -> assertThat(r.kind()).isEqualTo("release of information"));
    }

    @Test
    void aDuplicatePairDecisionAndAMergeExplainTheAnalyst() {
        long pair = jdbc.sql("""
                        insert into mpi_pair (patient_a, patient_b, weight, match_class, source, found_at)
                        values (?, ?, 12.5, 'REVIEW', 'SCAN', now() - interval '10 minutes') returning id""")
                .params(patientId, otherId).query(Long.class).single();
        jdbc.sql("insert into mpi_decision (pair_id, decision, reason, decided_by, decided_at) values (?, 'NOT_SAME', 'twins', ?, now())")
                .params(pair, worker).update();
        assertThat(reasonsOf("MpiAccessReasons")).extracting(AccessReason::patientId).containsExactlyInAnyOrder(patientId, otherId);
        assertThat(reasonsOf("MpiAccessReasons")).allSatisfy(r -> assertThat(r.kind()).isEqualTo("master patient index"));
    }

    @Test
    void anAmendmentRequestExplainsWhoReceivedIt() {
        long[] doc = new long[1];
        accounts.runAs(Role.CLINICIAN, () -> doc[0] = charts.file(new NewDocument(patientId, null, DocumentType.PROGRESS_NOTE, null,
                "Dr. Amend", "Note.", DocumentStatus.SIGNED, Instant.now(), "dr.amend", Instant.now())).id());
        jdbc.sql("""
                        insert into amendment_request (document_id, patient_id, requested_change, received_on, received_by, due_on)
                        values (?, ?, 'wrong allergy', ?, ?, ?)""")
                .params(doc[0], patientId, org.custodian.support.HospitalToday.date(), worker,
                        org.custodian.support.HospitalToday.date().plusDays(60)).update();
        assertThat(reasonsOf("AmendmentAccessReasons")).singleElement().satisfies(r -> assertThat(r.kind()).isEqualTo("amendment"));
    }

    @Test
    void aLegalHoldExplainsWhoPlacedIt() {
        jdbc.sql("insert into legal_hold (patient_id, matter, reason, placed_by, placed_at) values (?, 'Roe v. Hospital', 'litigation', ?, now())")
                .params(patientId, worker).update();
        assertThat(reasonsOf("LegalHoldAccessReasons")).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo("legal hold");
            assertThat(r.patientId()).isEqualTo(patientId);
        });
    }

    @Test
    void aBreakTheGlassGrantExplainsItsHolderUntilItExpires() {
        jdbc.sql("""
                        insert into break_glass_grant (patient_id, username, purpose, reason, granted_at, expires_at, review_due)
                        values (?, ?, 'ETREAT', 'emergency', now() - interval '1 hour', now() + interval '3 hours', now() + interval '3 days')""")
                .params(patientId, worker).update();
        assertThat(reasonsOf("JdbcConfidentiality")).singleElement().satisfies(r -> assertThat(r.kind()).isEqualTo("break the glass"));
    }

    @Test
    void aPracticumExerciseExplainsNoRealChart() {
        assertThat(reasonsOf("PracticumAccessReasons")).isEmpty();
    }
}
