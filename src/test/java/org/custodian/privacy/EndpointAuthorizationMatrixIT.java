package org.custodian.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodian.privacy.Permission.*;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.custodian.chart.ChartFindings;
import org.custodian.chart.ChartService;
import org.custodian.chart.FindingKind;
import org.custodian.chart.NewFinding;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentType;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.NewDocument;
import org.custodian.chart.NewEncounter;
import org.custodian.disclosure.AccountingOfDisclosures;
import org.custodian.disclosure.Delivery;
import org.custodian.disclosure.NewDisclosureRequest;
import org.custodian.disclosure.ReleaseOfInformation;
import org.custodian.disclosure.RequesterType;
import org.custodian.patient.AdministrativeSex;
import org.custodian.mpi.MasterPatientIndex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.PatientRegistry;
import org.custodian.staff.Certificate;
import org.custodian.staff.ContinuingEducation;
import org.custodian.staff.NewCeActivity;
import org.custodian.practicum.Practicum;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every /api endpoint × every role → 2xx or 403, from the single table below. An endpoint added
 * without a row here (and without a matching @PreAuthorize) fails the build: deny by default is
 * kept by construction, not by review.
 */
@CustodianTest
class EndpointAuthorizationMatrixIT {

    /** The rule of each endpoint: the permission it demands. */
    static final Map<String, Permission> RULES = new LinkedHashMap<>();

    static {
        RULES.put("GET /api/patients", CHART_READ);
        RULES.put("POST /api/patients", CHART_WRITE);
        RULES.put("GET /api/patients/{id}", CHART_READ);
        RULES.put("GET /api/encounters/{id}", CHART_READ);
        RULES.put("GET /api/documents/{id}", CHART_READ);
        RULES.put("POST /api/documents/{id}/signature", DOCUMENT_SIGN);
        RULES.put("GET /api/audit/events", AUDIT_READ);
        RULES.put("GET /api/audit/verify", AUDIT_VERIFY);
        RULES.put("GET /api/audit/checkpoint", AUDIT_VERIFY);
        RULES.put("POST /api/audit/checkpoint/verify", AUDIT_VERIFY);
        RULES.put("GET /api/staff", STAFF_MANAGE);
        RULES.put("GET /api/staff/{username}", STAFF_MANAGE);
        RULES.put("POST /api/staff", STAFF_MANAGE);
        RULES.put("PUT /api/staff/{username}/roles", STAFF_MANAGE);
        RULES.put("PUT /api/staff/{username}/enabled", STAFF_MANAGE);
        RULES.put("POST /api/staff/{username}/unlock", STAFF_UNLOCK);
        RULES.put("PUT /api/staff/{username}/password", STAFF_MANAGE);
        RULES.put("GET /api/codes/search", CODING_READ);
        RULES.put("GET /api/interface/messages", INTERFACE_MANAGE);
        RULES.put("POST /api/interface/messages/{id}/reprocess", INTERFACE_MANAGE);
        RULES.put("GET /api/credentials/mine", CREDENTIALS_OWN);
        RULES.put("PUT /api/credentials/mine/{code}", CREDENTIALS_OWN);
        RULES.put("POST /api/credentials/mine/activities", CREDENTIALS_OWN);
        RULES.put("GET /api/credentials/team", CREDENTIALS_REVIEW);
        RULES.put("GET /api/credentials/export", CREDENTIALS_REVIEW);
        RULES.put("GET /api/credentials/staff/{username}/activities/{id}/certificate", CREDENTIALS_REVIEW);
        RULES.put("GET /api/mpi/pairs", MPI_REVIEW);
        RULES.put("GET /api/mpi/pairs/{id}", MPI_REVIEW);
        RULES.put("POST /api/mpi/pairs/{id}/decision", MPI_REVIEW);
        RULES.put("POST /api/mpi/pairs/{id}/merge", MPI_MERGE);
        RULES.put("POST /api/mpi/merges", MPI_MERGE);
        RULES.put("GET /api/mpi/merges/{id}", MPI_REVIEW);
        RULES.put("POST /api/mpi/merges/{id}/unmerge", MPI_MERGE);
        RULES.put("GET /api/mpi/kpis", MPI_REVIEW);
        RULES.put("GET /api/mpi/scans", MPI_REVIEW);
        RULES.put("GET /api/practicum/exercises", PRACTICUM_TEACH);
        RULES.put("POST /api/practicum/exercises", PRACTICUM_TEACH);
        RULES.put("POST /api/practicum/cohorts", PRACTICUM_TEACH);
        RULES.put("POST /api/practicum/cohorts/{id}/students", PRACTICUM_TEACH);
        RULES.put("POST /api/practicum/cohorts/{id}/assignments", PRACTICUM_TEACH);
        RULES.put("GET /api/practicum/cohorts/{id}/report", PRACTICUM_TEACH);
        RULES.put("GET /api/practicum/cohorts/{id}/grades", PRACTICUM_TEACH);
        RULES.put("GET /api/practicum/workspaces/{id}/key", PRACTICUM_TEACH);
        RULES.put("GET /api/practicum/workspaces", PRACTICUM_STUDY);
        RULES.put("GET /api/practicum/workspaces/{id}", PRACTICUM_STUDY);
        RULES.put("PUT /api/practicum/workspaces/{id}/answers", PRACTICUM_STUDY);
        RULES.put("POST /api/practicum/workspaces/{id}/submission", PRACTICUM_STUDY);
        RULES.put("POST /api/disclosures", DISCLOSURE_MANAGE);
        RULES.put("GET /api/disclosures", DISCLOSURE_READ);
        RULES.put("GET /api/disclosures/{id}", DISCLOSURE_READ);
        RULES.put("POST /api/disclosures/{id}/extension", DISCLOSURE_MANAGE);
        RULES.put("POST /api/disclosures/{id}/release", DISCLOSURE_MANAGE);
        RULES.put("GET /api/disclosures/{id}/packet", DISCLOSURE_MANAGE);
        RULES.put("GET /api/accounting/patients/{patientId}", DISCLOSURE_READ);
        RULES.put("GET /api/accounting/patients/{patientId}/report", DISCLOSURE_READ);
        RULES.put("POST /api/accounting/requests", DISCLOSURE_MANAGE);
        RULES.put("GET /api/accounting/requests", DISCLOSURE_READ);
        RULES.put("POST /api/accounting/requests/{id}/fulfilment", DISCLOSURE_MANAGE);
        RULES.put("POST /api/amendments", AMENDMENT_MANAGE);
        RULES.put("GET /api/amendments", AMENDMENT_MANAGE);
        RULES.put("GET /api/amendments/{id}", AMENDMENT_MANAGE);
        RULES.put("GET /api/amendments/statements", AMENDMENT_MANAGE);
        RULES.put("POST /api/amendments/{id}/extension", AMENDMENT_MANAGE);
        RULES.put("POST /api/amendments/{id}/acceptance", AMENDMENT_MANAGE);
        RULES.put("POST /api/amendments/{id}/denial", AMENDMENT_MANAGE);
        RULES.put("POST /api/amendments/{id}/disagreement", AMENDMENT_MANAGE);
        RULES.put("POST /api/amendments/{id}/rebuttal", AMENDMENT_MANAGE);
        RULES.put("GET /api/retention/schedules", RETENTION_MANAGE);
        RULES.put("PUT /api/retention/schedules", RETENTION_MANAGE);
        RULES.put("GET /api/retention/worklist", RETENTION_MANAGE);
        RULES.put("POST /api/retention/destructions", RETENTION_MANAGE);
        RULES.put("GET /api/retention/destructions", RETENTION_APPROVE);
        RULES.put("GET /api/retention/destructions/{id}", RETENTION_APPROVE);
        RULES.put("POST /api/retention/destructions/{id}/approvals", RETENTION_APPROVE);
        RULES.put("GET /api/retention/destructions/{id}/certificate", RETENTION_APPROVE);
        RULES.put("GET /api/retention/holds", LEGAL_HOLD);
        RULES.put("POST /api/retention/holds", LEGAL_HOLD);
        RULES.put("POST /api/retention/holds/{id}/release", LEGAL_HOLD);
        RULES.put("GET /api/coding/reference-lists", CODING_READ);
        RULES.put("GET /api/coding/ms-drgs", CODING_READ);
        RULES.put("POST /api/coding/grouper", CODING_READ);
        RULES.put("GET /api/coding/encounters/{id}/abstract", CODING_WRITE);
        RULES.put("PUT /api/coding/encounters/{id}/abstract", CODING_WRITE);
        RULES.put("POST /api/coding/encounters/{id}/abstract/finalize", CODING_WRITE);
        RULES.put("POST /api/coding/encounters/{id}/abstract/reopen", CODING_WRITE);
        RULES.put("GET /api/coding/worklist", CODING_WRITE);
        RULES.put("GET /api/coding/dnfb", CODING_AUDIT);
        RULES.put("GET /api/coding/case-mix", CODING_AUDIT);
        RULES.put("GET /api/coding/encounters/{id}/drg", CHART_READ);
        RULES.put("GET /api/coding/productivity", CODING_AUDIT);
        RULES.put("POST /api/coding/audits/sample", CODING_AUDIT);
        RULES.put("GET /api/coding/audits", CODING_AUDIT);
        RULES.put("GET /api/coding/audits/{id}/abstract", CODING_AUDIT);
        RULES.put("PUT /api/coding/audits/{id}/abstract", CODING_AUDIT);
        RULES.put("POST /api/coding/audits/{id}/abstract/finalize", CODING_AUDIT);
        RULES.put("GET /api/coding/audits/agreement", CODING_AUDIT);
        RULES.put("GET /api/analytics/metrics", ANALYTICS_VIEW);
        RULES.put("GET /api/analytics/metrics/{id}", ANALYTICS_VIEW);
        RULES.put("GET /api/analytics/metrics/{id}/series.csv", ANALYTICS_VIEW);
        RULES.put("GET /api/analytics/metrics/{id}/records.csv", ANALYTICS_VIEW);
        // FHIR R4 (interop): the /fhir/ endpoints are held to the same matrix.
        RULES.put("POST /fhir/r4", INTERFACE_MANAGE);
        RULES.put("GET /fhir/r4/metadata", CHART_READ);
        RULES.put("GET /fhir/r4/Patient", CHART_READ);
        RULES.put("GET /fhir/r4/Patient/{id}", CHART_READ);
        RULES.put("GET /fhir/r4/Encounter", CHART_READ);
        RULES.put("GET /fhir/r4/Encounter/{id}", CHART_READ);
        RULES.put("GET /fhir/r4/Condition", CHART_READ);
        RULES.put("GET /fhir/r4/Condition/{id}", CHART_READ);
        RULES.put("GET /fhir/r4/Procedure", CHART_READ);
        RULES.put("GET /fhir/r4/Procedure/{id}", CHART_READ);
        RULES.put("GET /fhir/r4/DocumentReference", CHART_READ);
        RULES.put("GET /fhir/r4/DocumentReference/{id}", CHART_READ);
        RULES.put("GET /fhir/r4/Patient/$export", FHIR_EXPORT);
        RULES.put("GET /fhir/r4/$export-status/{id}", FHIR_EXPORT);
        RULES.put("GET /fhir/r4/$export-file/{id}/{file}", FHIR_EXPORT);
        // Provider directory and record completion (issue 16).
        RULES.put("GET /api/practitioners", CHART_READ);
        RULES.put("POST /api/practitioners", PROVIDERS_MANAGE);
        RULES.put("PUT /api/documents/{id}/cosigner", CHART_WRITE);
        RULES.put("GET /api/completion/deficiencies", COMPLETION_ANALYZE);
        RULES.put("GET /api/completion/deficiencies/{id}", COMPLETION_ANALYZE);
        RULES.put("POST /api/completion/deficiencies", COMPLETION_ANALYZE);
        RULES.put("POST /api/completion/deficiencies/{id}/closure", COMPLETION_ANALYZE);
        RULES.put("GET /api/completion/worklist", COMPLETION_ANALYZE);
        RULES.put("GET /api/completion/inbox", COMPLETION_INBOX);
        RULES.put("GET /api/completion/delinquency", COMPLETION_ANALYZE);
        RULES.put("GET /api/completion/figures", COMPLETION_MANAGE);
        RULES.put("GET /api/completion/rules", COMPLETION_ANALYZE);
        RULES.put("PUT /api/completion/rules/{code}", COMPLETION_MANAGE);
        RULES.put("GET /api/completion/policy", COMPLETION_ANALYZE);
        RULES.put("PUT /api/completion/policy", COMPLETION_MANAGE);
        RULES.put("POST /api/completion/escalations", COMPLETION_MANAGE);
        RULES.put("GET /api/completion/letters", COMPLETION_MANAGE);
        RULES.put("GET /api/completion/letters/{id}/pdf", COMPLETION_MANAGE);
        RULES.put("GET /api/completion/suspensions", COMPLETION_ANALYZE);
        RULES.put("POST /api/completion/suspensions/{id}/lift", COMPLETION_MANAGE);
        RULES.put("POST /api/completion/reanalysis", COMPLETION_MANAGE);
    }

    // Privacy monitoring and break-the-glass (issue 18).
    static {
        RULES.put("PUT /api/staff/{username}/profile", STAFF_MANAGE);
        RULES.put("POST /api/patients/{id}/break-glass", CHART_READ);
        RULES.put("GET /api/patients/{id}/confidentiality-flags", PRIVACY_MANAGE);
        RULES.put("POST /api/patients/{id}/confidentiality-flags", PRIVACY_MANAGE);
        RULES.put("POST /api/privacy/flags/{flagId}/clear", PRIVACY_MANAGE);
        RULES.put("GET /api/privacy/break-glass", PRIVACY_MANAGE);
        RULES.put("POST /api/privacy/break-glass/{grantId}/review", PRIVACY_MANAGE);
        RULES.put("GET /api/privacy/alerts", PRIVACY_MONITOR);
        RULES.put("GET /api/privacy/alerts/{id}", PRIVACY_MONITOR);
        RULES.put("POST /api/privacy/alerts/{id}/decision", PRIVACY_MONITOR);
        RULES.put("POST /api/privacy/scan", PRIVACY_MONITOR);
        RULES.put("GET /api/privacy/rules", PRIVACY_MONITOR);
        RULES.put("PUT /api/privacy/rules/{code}", PRIVACY_MONITOR);
        RULES.put("GET /api/privacy/access-report", PRIVACY_MONITOR);
        RULES.put("GET /api/privacy/access-report.pdf", PRIVACY_MONITOR);
        // Issue #15: every kept resource type, $everything, the audit log as AuditEvent.
        RULES.put("GET /fhir/r4/{type}", CHART_READ);
        RULES.put("GET /fhir/r4/{type}/{id}", CHART_READ);
        RULES.put("GET /fhir/r4/Patient/{id}/$everything", CHART_READ);
        RULES.put("GET /fhir/r4/AuditEvent", AUDIT_READ);
        RULES.put("GET /fhir/r4/AuditEvent/{id}", AUDIT_READ);
        RULES.put("GET /api/patients/{patientId}/ehi-export", DISCLOSURE_MANAGE);
    }

    // Clinical documentation improvement (issue 17).
    static {
        RULES.put("GET /api/cdi/worklist", Permission.CDI_REVIEW);
        RULES.put("GET /api/cdi/rules", Permission.CDI_REVIEW);
        RULES.put("PUT /api/cdi/rules/{id}", Permission.CDI_LEAD);
        RULES.put("GET /api/cdi/templates", Permission.CDI_REVIEW);
        RULES.put("POST /api/cdi/queries", Permission.CDI_REVIEW);
        RULES.put("GET /api/cdi/queries", Permission.CDI_REVIEW);
        RULES.put("GET /api/cdi/queries/{id}", Permission.CDI_REVIEW);
        RULES.put("GET /api/cdi/queries/{id}/impact", Permission.CDI_REVIEW);
        RULES.put("POST /api/cdi/queries/{id}/answer", Permission.CDI_ANSWER);
        RULES.put("GET /api/cdi/cases/{encounterId}/indicators", Permission.CDI_REVIEW);
        RULES.put("GET /api/cdi/measures", Permission.CDI_REVIEW);
        // SMART Backend Services (issue 22): the system-level $export, and registering bulk-data clients.
        RULES.put("GET /fhir/r4/$export", FHIR_EXPORT);
        RULES.put("POST /api/smart/clients", FHIR_EXPORT);
        RULES.put("GET /api/smart/clients", FHIR_EXPORT);
        RULES.put("GET /api/cdi/advisor/queries", Permission.CDI_ADVISE);
        RULES.put("POST /api/cdi/queries/{id}/advisor-reviews", Permission.CDI_ADVISE);
        RULES.put("GET /api/cdi/lint", Permission.CDI_REVIEW);
        RULES.put("POST /api/cdi/lint", Permission.CDI_LEAD);
    }

    /** Open by the SMART specification: a backend client reads it before it has a token (SmartBackendServicesIT). */
    static final Set<String> PUBLIC = Set.of("/fhir/r4/.well-known/smart-configuration");

    /** A fresh client with a new public key (RS384-capable RSA 2,048). */
    private static String smartClient() {
        try {
            var key = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("m1").generate().toPublicJWK();
            String jwks = new com.nimbusds.jose.jwk.JWKSet(key).toString().replace("\"", "\\\"");
            return "{\"clientId\":\"m-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"name\":\"Matrix registry\","
                    + "\"jwks\":\"" + jwks + "\",\"scopes\":[\"system/*.read\"]}";
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private org.custodian.cdi.CdiFixtures.StayRef cdiStay;
    private long cdiObservation;

    /** A stay with a lactate, attended by the test clinician, for the CDI rows (made once). */
    private synchronized org.custodian.cdi.CdiFixtures.StayRef cdiStay() {
        if (cdiStay == null) {
            java.time.Instant admit = org.custodian.cdi.CdiFixtures.daysAgo(2);
            accounts.runAs(Role.HIM_DIRECTOR, () -> {
                cdiStay = org.custodian.cdi.CdiFixtures.of(context).stay("Matrix", admit, null, List.of("J18.9"),
                        List.of(new org.custodian.cdi.CdiFixtures.Lab("2524-7", "Lactate", "3.2", "mmol/L", admit.plusSeconds(600))));
                cdiObservation = context.getBean(org.custodian.cdi.CdiQueries.class).candidates(cdiStay.encounterId()).get(0).resourceId();
            });
        }
        return cdiStay;
    }

    private String cdiQueryBody() {
        return """
                {"encounterId":%d,"template":"sepsis","question":"Based on your clinical judgement, can the indicators below be further specified as:",
                 "options":[{"text":"Sepsis","kind":"DIAGNOSIS","code":"A41.9"},{"text":"Other","kind":"OTHER"},
                            {"text":"Clinically undetermined","kind":"UNDETERMINED"}],
                 "indicators":[{"source":"Observation","id":%d}]}""".formatted(cdiStay().encounterId(), cdiObservation);
    }

    /** A fresh open query to the test clinician. */
    /** A fresh query escalated to the physician advisor's queue (as the system, now). */
    private long escalatedCdiQuery() {
        long id = cdiQuery();
        org.custodian.privacy.SystemAccess.run("matrix", java.util.EnumSet.of(CDI_REVIEW), () -> context.getBean(org.custodian.cdi.CdiHistory.class)
                .escalated(id, Instant.now()));
        return id;
    }

    private long cdiQuery() {
        String body = cdiQueryBody();
        return api.as(accounts.of(Role.HIM_DIRECTOR), "POST", "/api/cdi/queries", body).json().path("id").asLong();
    }

    record Call(String method, String path, String body) {
    }

    @Autowired org.springframework.jdbc.core.simple.JdbcClient monitoringJdbc;
    @Autowired org.custodian.privacy.ConfidentialityFlags confidentiality;
    @Autowired org.custodian.privacy.BreakTheGlass breakTheGlass;

    /** A patient of its own, so that a confidentiality flag never closes the matrix patient's chart. */
    private long freshPatient() {
        long[] id = new long[1];
        accounts.runAs(Role.HIM_DIRECTOR, () -> id[0] = patients.register(new org.custodian.patient.NewPatient(null, null, "Flag",
                null, "Matrix" + UUID.randomUUID().toString().replaceAll("[^a-f]", ""), LocalDate.of(1966, 6, 6),
                org.custodian.patient.AdministrativeSex.U, null, null, null, null)).id());
        return id[0];
    }

    private long freshFlag() {
        long patient = freshPatient();
        long[] id = new long[1];
        accounts.runAs(Role.PRIVACY_OFFICER, () -> id[0] = confidentiality.set(patient, "RESTRICTED", "matrix fixture").id());
        return id[0];
    }

    private long freshGrant() {
        long[] id = new long[1];
        accounts.runAs(Role.CLINICIAN, () -> id[0] = breakTheGlass.breakGlass(patientId, "ETREAT", "matrix fixture reason").id());
        return id[0];
    }

    private long freshAlert() {
        return monitoringJdbc.sql("""
                        insert into monitoring_alert (username, patient_id, day, score, first_at, last_at, created_at)
                        values (?, ?, current_date - (random() * 100000)::int, 60, now(), now(), now()) returning id""")
                .params("matrix-" + UUID.randomUUID(), patientId).query(Long.class).single();
    }

    @Autowired org.springframework.context.ApplicationContext context;
    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired Practicum practicum;
    @Autowired ContinuingEducation education;
    @Autowired MasterPatientIndex mpi;
    @Autowired ChartFindings findings;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
    @Autowired ReleaseOfInformation roi;
    @Autowired AccountingOfDisclosures accounting;

    private long patientId;
    private long encounterId;
    private long documentId;
    private long releasedRequestId;
    private long conditionId;
    private long procedureId;

    @BeforeEach
    void chart() {
        accounts.all();
        accounts.runAs(Role.CLINICIAN, () -> {
            patientId = patients.register(new NewPatient(null, null, "Matrix", null, "Tester-" + UUID.randomUUID().toString().substring(0, 8),
                    LocalDate.of(1970, 1, 1), AdministrativeSex.F, null, null, null, null)).id();
            Instant admit = Instant.now().minus(3, ChronoUnit.DAYS);
            encounterId = charts.record(new NewEncounter(patientId, null, EncounterClass.INPATIENT, admit,
                    admit.plus(2, ChronoUnit.DAYS), "Dr. Matrix", "Medicine", null)).id();
            documentId = unsignedDocument();
            List<Long> coded = findings.recordAll(List.of(
                    new NewFinding(patientId, encounterId, FindingKind.CONDITION, "http://snomed.info/sct", "38341003", "Hypertension", null, admit),
                    new NewFinding(patientId, encounterId, FindingKind.PROCEDURE, "http://snomed.info/sct", "80146002", "Appendectomy", admit, null)));
            conditionId = coded.get(0);
            procedureId = coded.get(1);
        });
        releasedRequestId = disclosureRequest();
        accounts.runAs(Role.ROI_SPECIALIST, () -> roi.release(releasedRequestId));
    }

    /** A fresh continuing-care request (needs no authorization), open. */
    private long disclosureRequest() {
        long[] id = new long[1];
        accounts.runAs(Role.ROI_SPECIALIST, () -> id[0] = roi.intake(new NewDisclosureRequest(patientId,
                RequesterType.PROVIDER_TREATMENT, "Matrix Clinic", null, "continuing care", Delivery.PDF_DOWNLOAD,
                org.custodian.support.HospitalToday.date(), null, null, null, null, null, null, null)).id());
        return id[0];
    }

    private long accountingRequest() {
        long[] id = new long[1];
        accounts.runAs(Role.ROI_SPECIALIST, () -> id[0] = accounting.receive(patientId, "Matrix Tester",
                org.custodian.support.HospitalToday.date()).id());
        return id[0];
    }

    private long unsignedDocument() {
        long[] id = new long[1];
        accounts.runAs(Role.CLINICIAN, () -> id[0] = charts.file(new NewDocument(patientId, encounterId,
                DocumentType.PROGRESS_NOTE, null, StaffAccounts.CLINICIAN_NAME, "Day 2: improving.", DocumentStatus.UNSIGNED,
                Instant.now(), null, null)).id());
        return id[0];
    }

    /** A request that succeeds for a permitted role; fixtures are fresh where a call changes state. */
    private Map<String, Supplier<Call>> samples() {
        Map<String, Supplier<Call>> s = new LinkedHashMap<>();
        s.put("GET /api/patients", () -> new Call("GET", "/api/patients?q=matrix", null));
        // A new family name each time, and confirmNew: a repeat must not meet the MPI's 409 for a likely existing patient.
        s.put("POST /api/patients", () -> new Call("POST", "/api/patients?confirmNew=true", """
                {"givenName":"New","familyName":"Registrant%s","birthDate":"1980-02-03","sex":"M"}"""
                .formatted(UUID.randomUUID().toString().replaceAll("[^a-f]", ""))));
        s.put("GET /api/patients/{id}", () -> new Call("GET", "/api/patients/" + patientId, null));
        s.put("GET /api/encounters/{id}", () -> new Call("GET", "/api/encounters/" + encounterId, null));
        s.put("GET /api/documents/{id}", () -> new Call("GET", "/api/documents/" + documentId, null));
        s.put("POST /api/documents/{id}/signature", () -> new Call("POST", "/api/documents/" + unsignedDocument() + "/signature", null));
        s.put("GET /api/audit/events", () -> new Call("GET", "/api/audit/events?patientId=" + patientId, null));
        s.put("GET /api/audit/verify", () -> new Call("GET", "/api/audit/verify", null));
        s.put("GET /api/audit/checkpoint", () -> new Call("GET", "/api/audit/checkpoint", null));
        s.put("POST /api/audit/checkpoint/verify", () -> new Call("POST", "/api/audit/checkpoint/verify",
                api.as("admin", "GET", "/api/audit/checkpoint", null).body()));
        s.put("GET /api/staff", () -> new Call("GET", "/api/staff", null));
        s.put("GET /api/staff/{username}", () -> new Call("GET", "/api/staff/" + StaffAccounts.username(Role.CODER), null));
        s.put("POST /api/staff", () -> new Call("POST", "/api/staff", """
                {"username":"u-%s","fullName":"New Hire","password":"Quarry-Lantern-Mosaic-47","roles":["CODER"]}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8))));
        s.put("PUT /api/staff/{username}/roles", () -> new Call("PUT", "/api/staff/" + fresh() + "/roles", "{\"roles\":[\"CODER\",\"CDI_SPECIALIST\"]}"));
        s.put("PUT /api/staff/{username}/enabled", () -> new Call("PUT", "/api/staff/" + fresh() + "/enabled", "{\"enabled\":false}"));
        s.put("POST /api/staff/{username}/unlock", () -> new Call("POST", "/api/staff/" + fresh() + "/unlock", null));
        s.put("PUT /api/staff/{username}/password", () -> new Call("PUT", "/api/staff/" + fresh() + "/password", "{\"password\":\"Orchid-Tugboat-Sprocket-19\"}"));
        s.put("GET /api/codes/search", () -> new Call("GET", "/api/codes/search?q=heart+failure&system=icd10cm&fy=2026", null));
        s.put("GET /api/interface/messages", () -> new Call("GET", "/api/interface/messages?status=FAILED", null));
        s.put("POST /api/interface/messages/{id}/reprocess", () -> new Call("POST",
                "/api/interface/messages/" + org.custodian.interop.internal.hl7.FailedMessages.fixable(context) + "/reprocess", null));
        s.put("GET /api/credentials/mine", () -> new Call("GET", "/api/credentials/mine", null));
        s.put("PUT /api/credentials/mine/{code}", () -> new Call("PUT", "/api/credentials/mine/RHIT", "{\"earnedOn\":\"2025-06-02\"}"));
        s.put("POST /api/credentials/mine/activities", () -> new Call("POST", "/api/credentials/mine/activities", """
                {"activity":{"completedOn":"2025-09-01","title":"Matrix webinar","ceus":1,"domain":"Health Law and Compliance"}}"""));
        s.put("GET /api/credentials/team", () -> new Call("GET", "/api/credentials/team", null));
        s.put("GET /api/credentials/export", () -> new Call("GET", "/api/credentials/export", null));
        s.put("GET /api/credentials/staff/{username}/activities/{id}/certificate", () -> {
            String coder = accounts.of(Role.CODER);
            long id = education.logActivity(coder, new NewCeActivity(LocalDate.of(2025, 9, 1), "Matrix", null, BigDecimal.ONE,
                    "Health Law and Compliance"), new Certificate("c.pdf", "application/pdf", "%PDF-1.4 matrix".getBytes())).id();
            return new Call("GET", "/api/credentials/staff/" + coder + "/activities/" + id + "/certificate", null);
        });
        s.put("GET /api/mpi/pairs", () -> new Call("GET", "/api/mpi/pairs", null));
        s.put("GET /api/mpi/pairs/{id}", () -> new Call("GET", "/api/mpi/pairs/" + duplicatePair()[0], null));
        s.put("POST /api/mpi/pairs/{id}/decision", () -> new Call("POST", "/api/mpi/pairs/" + duplicatePair()[0] + "/decision",
                "{\"decision\":\"NOT_SAME\",\"reason\":\"different mothers' maiden names\"}"));
        s.put("POST /api/mpi/pairs/{id}/merge", () -> {
            long[] pair = duplicatePair();
            return new Call("POST", "/api/mpi/pairs/" + pair[0] + "/merge",
                    "{\"survivingPatientId\":" + pair[1] + ",\"reason\":\"same person\"}");
        });
        s.put("POST /api/mpi/merges", () -> {
            long[] pair = duplicatePair();
            return new Call("POST", "/api/mpi/merges", "{\"survivingPatientId\":" + pair[1] + ",\"retiredPatientId\":"
                    + pair[2] + ",\"reason\":\"same person\"}");
        });
        s.put("GET /api/mpi/merges/{id}", () -> new Call("GET", "/api/mpi/merges/" + merged(), null));
        s.put("POST /api/mpi/merges/{id}/unmerge", () -> new Call("POST", "/api/mpi/merges/" + merged() + "/unmerge",
                "{\"reason\":\"two people\"}"));
        s.put("GET /api/mpi/kpis", () -> new Call("GET", "/api/mpi/kpis", null));
        s.put("GET /api/mpi/scans", () -> new Call("GET", "/api/mpi/scans", null));
        s.put("GET /api/practicum/exercises", () -> new Call("GET", "/api/practicum/exercises", null));
        s.put("POST /api/practicum/exercises", () -> new Call("POST", "/api/practicum/exercises", """
                {"id":"matrix-audit","kind":"PRIVACY_AUDIT","title":"Matrix","instructions":"Flag them.","seed":9,"size":20,
                 "planted":{"VIP_BROWSING":1}}"""));
        s.put("POST /api/practicum/cohorts", () -> new Call("POST", "/api/practicum/cohorts", "{\"name\":\"Matrix cohort\"}"));
        s.put("POST /api/practicum/cohorts/{id}/students", () -> new Call("POST", "/api/practicum/cohorts/" + cohortWithStudent()
                + "/students", "{\"students\":[\"" + accounts.of(Role.STUDENT) + "\"]}"));
        s.put("POST /api/practicum/cohorts/{id}/assignments", () -> new Call("POST", "/api/practicum/cohorts/" + cohortWithStudent()
                + "/assignments", "{\"exerciseId\":\"privacy-audit-1\"}"));
        s.put("GET /api/practicum/cohorts/{id}/report", () -> new Call("GET", "/api/practicum/cohorts/" + cohortWithStudent() + "/report", null));
        s.put("GET /api/practicum/cohorts/{id}/grades", () -> new Call("GET", "/api/practicum/cohorts/" + cohortWithStudent() + "/grades", null));
        s.put("GET /api/practicum/workspaces/{id}/key", () -> new Call("GET", "/api/practicum/workspaces/" + studentWorkspace() + "/key", null));
        s.put("GET /api/practicum/workspaces", () -> new Call("GET", "/api/practicum/workspaces", null));
        s.put("GET /api/practicum/workspaces/{id}", () -> new Call("GET", "/api/practicum/workspaces/" + studentWorkspace(), null));
        s.put("PUT /api/practicum/workspaces/{id}/answers", () -> new Call("PUT", "/api/practicum/workspaces/" + studentWorkspace()
                + "/answers", "{\"E1\":\"FLAG\"}"));
        s.put("POST /api/practicum/workspaces/{id}/submission", () -> new Call("POST", "/api/practicum/workspaces/" + studentWorkspace()
                + "/submission", null));
        s.put("POST /api/disclosures", () -> new Call("POST", "/api/disclosures", """
                {"patientId":%d,"requesterType":"PATIENT","requesterName":"Matrix Tester","purpose":"personal use",
                 "delivery":"PDF_DOWNLOAD","receivedOn":"%s"}""".formatted(patientId, org.custodian.support.HospitalToday.date())));
        s.put("GET /api/disclosures", () -> new Call("GET", "/api/disclosures", null));
        s.put("GET /api/disclosures/{id}", () -> new Call("GET", "/api/disclosures/" + releasedRequestId, null));
        s.put("POST /api/disclosures/{id}/extension", () -> new Call("POST", "/api/disclosures/" + disclosureRequest() + "/extension",
                "{\"reason\":\"Records in off-site storage\"}"));
        s.put("POST /api/disclosures/{id}/release", () -> new Call("POST", "/api/disclosures/" + disclosureRequest() + "/release", null));
        s.put("GET /api/disclosures/{id}/packet", () -> new Call("GET", "/api/disclosures/" + releasedRequestId + "/packet", null));
        s.put("GET /api/accounting/patients/{patientId}", () -> new Call("GET", "/api/accounting/patients/" + patientId, null));
        s.put("GET /api/accounting/patients/{patientId}/report", () -> new Call("GET", "/api/accounting/patients/" + patientId + "/report", null));
        s.put("POST /api/accounting/requests", () -> new Call("POST", "/api/accounting/requests", """
                {"patientId":%d,"requesterName":"Matrix Tester","receivedOn":"%s"}""".formatted(patientId, org.custodian.support.HospitalToday.date())));
        s.put("GET /api/accounting/requests", () -> new Call("GET", "/api/accounting/requests", null));
        s.put("POST /api/accounting/requests/{id}/fulfilment", () -> new Call("POST", "/api/accounting/requests/" + accountingRequest() + "/fulfilment", null));
        s.put("POST /api/amendments", () -> new Call("POST", "/api/amendments",
                "{\"documentId\":" + documentId + ",\"requestedChange\":\"Allergy is to sulfa, not penicillin.\"}"));
        s.put("GET /api/amendments", () -> new Call("GET", "/api/amendments", null));
        s.put("GET /api/amendments/{id}", () -> new Call("GET", "/api/amendments/" + amendmentRequest(), null));
        s.put("GET /api/amendments/statements", () -> new Call("GET", "/api/amendments/statements?documentId=" + documentId, null));
        s.put("POST /api/amendments/{id}/extension", () -> new Call("POST", "/api/amendments/" + amendmentRequest() + "/extension",
                "{\"reason\":\"The author is on leave until next month.\"}"));
        s.put("POST /api/amendments/{id}/acceptance", () -> new Call("POST", "/api/amendments/" + amendmentRequest() + "/acceptance",
                "{\"amendmentText\":\"Allergy corrected to sulfa.\"}"));
        s.put("POST /api/amendments/{id}/denial", () -> new Call("POST", "/api/amendments/" + amendmentRequest() + "/denial",
                "{\"reason\":\"ACCURATE_AND_COMPLETE\"}"));
        s.put("POST /api/amendments/{id}/disagreement", () -> new Call("POST", "/api/amendments/" + deniedAmendment() + "/disagreement",
                "{\"statement\":\"I never took penicillin.\"}"));
        s.put("POST /api/amendments/{id}/rebuttal", () -> new Call("POST", "/api/amendments/" + disputedAmendment() + "/rebuttal",
                "{\"rebuttal\":\"The pharmacy record shows a dispensing in 2019.\"}"));
        s.put("GET /api/retention/schedules", () -> new Call("GET", "/api/retention/schedules", null));
        s.put("PUT /api/retention/schedules", () -> new Call("PUT", "/api/retention/schedules", """
                {"jurisdiction":"US-MATRIX","recordType":"*","retainYears":7,"ageOfMajority":18,"yearsAfterMajority":3,"authority":"Matrix test schedule"}"""));
        s.put("GET /api/retention/worklist", () -> new Call("GET", "/api/retention/worklist?patientId=" + patientId, null));
        s.put("POST /api/retention/destructions", () -> new Call("POST", "/api/retention/destructions", proposal(oldEncounter())));
        s.put("GET /api/retention/destructions", () -> new Call("GET", "/api/retention/destructions", null));
        s.put("GET /api/retention/destructions/{id}", () -> new Call("GET", "/api/retention/destructions/" + proposedDestruction(), null));
        s.put("POST /api/retention/destructions/{id}/approvals", () -> new Call("POST",
                "/api/retention/destructions/" + proposedDestruction() + "/approvals", null));
        s.put("GET /api/retention/destructions/{id}/certificate", () -> new Call("GET",
                "/api/retention/destructions/" + completedDestruction() + "/certificate", null));
        s.put("GET /api/retention/holds", () -> new Call("GET", "/api/retention/holds?patientId=" + patientId, null));
        s.put("POST /api/retention/holds", () -> new Call("POST", "/api/retention/holds", hold()));
        s.put("POST /api/retention/holds/{id}/release", () -> new Call("POST", "/api/retention/holds/"
                + api.as("admin", "POST", "/api/retention/holds", hold()).json().get("id").asLong() + "/release",
                "{\"reason\":\"Matter settled.\"}"));
        s.put("GET /api/coding/reference-lists", () -> new Call("GET", "/api/coding/reference-lists", null));
        s.put("GET /api/coding/ms-drgs", () -> new Call("GET", "/api/coding/ms-drgs", null));
        s.put("POST /api/coding/grouper", () -> new Call("POST", "/api/coding/grouper", """
                {"age":65,"sex":"M","dischargeStatus":"01","dischargeDate":"2026-01-15","principalDx":"I50.89"}"""));
        s.put("GET /api/coding/encounters/{id}/abstract", () -> new Call("GET", "/api/coding/encounters/" + encounterId + "/abstract", null));
        s.put("PUT /api/coding/encounters/{id}/abstract", () -> new Call("PUT", "/api/coding/encounters/" + encounterId + "/abstract", CLEAN_ABSTRACT));
        s.put("POST /api/coding/encounters/{id}/abstract/finalize", () -> new Call("POST",
                "/api/coding/encounters/" + codedEncounter("admin") + "/abstract/finalize", null));
        s.put("POST /api/coding/encounters/{id}/abstract/reopen", () -> {
            long id = codedEncounter("admin");
            api.as("admin", "POST", "/api/coding/encounters/" + id + "/abstract/finalize", null);
            return new Call("POST", "/api/coding/encounters/" + id + "/abstract/reopen", "{\"reason\":\"Matrix rebill\"}");
        });
        s.put("GET /api/coding/worklist", () -> new Call("GET", "/api/coding/worklist?limit=5", null));
        s.put("GET /api/coding/dnfb", () -> new Call("GET", "/api/coding/dnfb", null));
        s.put("GET /api/coding/case-mix", () -> new Call("GET", "/api/coding/case-mix?by=ATTENDING", null));
        s.put("GET /api/coding/encounters/{id}/drg", () -> new Call("GET", "/api/coding/encounters/" + encounterId + "/drg", null));
        s.put("GET /api/coding/productivity", () -> new Call("GET", "/api/coding/productivity", null));
        s.put("POST /api/coding/audits/sample", () -> new Call("POST", "/api/coding/audits/sample", "{\"size\":0}"));
        s.put("GET /api/coding/audits", () -> new Call("GET", "/api/coding/audits", null));
        s.put("GET /api/coding/audits/{id}/abstract", () -> new Call("GET", "/api/coding/audits/" + sampledEncounter() + "/abstract", null));
        s.put("PUT /api/coding/audits/{id}/abstract", () -> new Call("PUT", "/api/coding/audits/" + sampledEncounter() + "/abstract", CLEAN_ABSTRACT));
        s.put("POST /api/coding/audits/{id}/abstract/finalize", () -> {
            long id = sampledEncounter();
            api.as("admin", "PUT", "/api/coding/audits/" + id + "/abstract", CLEAN_ABSTRACT);
            return new Call("POST", "/api/coding/audits/" + id + "/abstract/finalize", null);
        });
        s.put("GET /api/coding/audits/agreement", () -> new Call("GET", "/api/coding/audits/agreement", null));
        s.put("GET /api/analytics/metrics", () -> new Call("GET", "/api/analytics/metrics", null));
        s.put("GET /api/analytics/metrics/{id}", () -> new Call("GET", "/api/analytics/metrics/roi-overdue?interval=week", null));
        s.put("GET /api/analytics/metrics/{id}/series.csv", () -> new Call("GET", "/api/analytics/metrics/dnfb-encounters/series.csv", null));
        s.put("GET /api/analytics/metrics/{id}/records.csv", () -> new Call("GET", "/api/analytics/metrics/roi-overdue/records.csv", null));
        s.put("POST /fhir/r4", () -> new Call("POST", "/fhir/r4", fhirTransaction()));
        s.put("GET /fhir/r4/metadata", () -> new Call("GET", "/fhir/r4/metadata", null));
        s.put("GET /fhir/r4/Patient", () -> new Call("GET", "/fhir/r4/Patient?family=tester&_count=5", null));
        s.put("GET /fhir/r4/Patient/{id}", () -> new Call("GET", "/fhir/r4/Patient/" + patientId, null));
        s.put("GET /fhir/r4/Encounter", () -> new Call("GET", "/fhir/r4/Encounter?patient=" + patientId, null));
        s.put("GET /fhir/r4/Encounter/{id}", () -> new Call("GET", "/fhir/r4/Encounter/" + encounterId, null));
        s.put("GET /fhir/r4/Condition", () -> new Call("GET", "/fhir/r4/Condition?patient=" + patientId, null));
        s.put("GET /fhir/r4/Condition/{id}", () -> new Call("GET", "/fhir/r4/Condition/" + conditionId, null));
        s.put("GET /fhir/r4/Procedure", () -> new Call("GET", "/fhir/r4/Procedure?encounter=" + encounterId, null));
        s.put("GET /fhir/r4/Procedure/{id}", () -> new Call("GET", "/fhir/r4/Procedure/" + procedureId, null));
        s.put("GET /fhir/r4/DocumentReference", () -> new Call("GET", "/fhir/r4/DocumentReference?patient=" + patientId, null));
        s.put("GET /fhir/r4/DocumentReference/{id}", () -> new Call("GET", "/fhir/r4/DocumentReference/" + documentId, null));
        s.put("GET /fhir/r4/Patient/$export", () -> new Call("GET", "/fhir/r4/Patient/$export?_type=Patient", null));
        s.put("GET /fhir/r4/$export-status/{id}", () -> new Call("GET", exportStatus(), null));
        s.put("GET /fhir/r4/$export", () -> new Call("GET", "/fhir/r4/$export?_type=Patient", null));
        s.put("POST /api/smart/clients", () -> new Call("POST", "/api/smart/clients", smartClient()));
        s.put("GET /api/smart/clients", () -> new Call("GET", "/api/smart/clients", null));
        s.put("GET /fhir/r4/$export-file/{id}/{file}", () -> new Call("GET", exportStatus().replace("$export-status", "$export-file") + "/Patient.ndjson", null));
        s.put("PUT /api/staff/{username}/profile", () -> new Call("PUT", "/api/staff/" + accounts.of(Role.CODER) + "/profile",
                "{\"department\":\"HIM\",\"job\":\"Coder\"}"));
        s.put("POST /api/patients/{id}/break-glass", () -> new Call("POST", "/api/patients/" + patientId + "/break-glass",
                "{\"purposeOfUse\":\"ETREAT\",\"reason\":\"matrix emergency access\"}"));
        s.put("GET /api/patients/{id}/confidentiality-flags", () -> new Call("GET", "/api/patients/" + patientId + "/confidentiality-flags", null));
        s.put("POST /api/patients/{id}/confidentiality-flags", () -> new Call("POST", "/api/patients/" + freshPatient()
                + "/confidentiality-flags", "{\"kind\":\"VIP\",\"reason\":\"matrix\"}"));
        s.put("POST /api/privacy/flags/{flagId}/clear", () -> new Call("POST", "/api/privacy/flags/" + freshFlag() + "/clear",
                "{\"reason\":\"matrix\"}"));
        s.put("GET /api/privacy/break-glass", () -> new Call("GET", "/api/privacy/break-glass", null));
        s.put("POST /api/privacy/break-glass/{grantId}/review", () -> new Call("POST", "/api/privacy/break-glass/" + freshGrant()
                + "/review", "{\"outcome\":\"APPROPRIATE\"}"));
        s.put("GET /api/privacy/alerts", () -> new Call("GET", "/api/privacy/alerts", null));
        s.put("GET /api/privacy/alerts/{id}", () -> new Call("GET", "/api/privacy/alerts/" + freshAlert(), null));
        s.put("POST /api/privacy/alerts/{id}/decision", () -> new Call("POST", "/api/privacy/alerts/" + freshAlert() + "/decision",
                "{\"decision\":\"FALSE_POSITIVE\"}"));
        s.put("POST /api/privacy/scan", () -> new Call("POST", "/api/privacy/scan", null));
        s.put("GET /api/privacy/rules", () -> new Call("GET", "/api/privacy/rules", null));
        s.put("PUT /api/privacy/rules/{code}", () -> new Call("PUT", "/api/privacy/rules/OFF_HOURS", "{\"weight\":15,\"enabled\":true}"));
        s.put("GET /api/privacy/access-report", () -> new Call("GET", "/api/privacy/access-report?patientId=" + patientId, null));
        s.put("GET /api/privacy/access-report.pdf", () -> new Call("GET", "/api/privacy/access-report.pdf?patientId=" + patientId, null));
        s.put("GET /api/practitioners", () -> new Call("GET", "/api/practitioners", null));
        s.put("POST /api/practitioners", () -> new Call("POST", "/api/practitioners", newPractitioner()));
        s.put("PUT /api/documents/{id}/cosigner", () -> new Call("PUT", "/api/documents/" + unsignedDocument() + "/cosigner",
                "{\"practitionerId\":" + accounts.clinicianPractitioner() + "}"));
        s.put("GET /api/completion/deficiencies", () -> new Call("GET", "/api/completion/deficiencies?state=open&patientId=" + patientId, null));
        s.put("GET /api/completion/deficiencies/{id}", () -> new Call("GET", "/api/completion/deficiencies/" + manualDeficiency(), null));
        s.put("POST /api/completion/deficiencies", () -> new Call("POST", "/api/completion/deficiencies",
                "{\"encounterId\":" + encounterId + ",\"rule\":\"ILLEGIBLE\",\"description\":\"Matrix\"}"));
        s.put("POST /api/completion/deficiencies/{id}/closure", () -> new Call("POST", "/api/completion/deficiencies/" + manualDeficiency()
                + "/closure", "{\"reason\":\"matrix\"}"));
        s.put("GET /api/completion/worklist", () -> new Call("GET", "/api/completion/worklist", null));
        s.put("GET /api/completion/inbox", () -> new Call("GET", "/api/completion/inbox", null));
        s.put("GET /api/completion/delinquency", () -> new Call("GET", "/api/completion/delinquency?from=2026-01-01&to=2026-01-31", null));
        s.put("GET /api/completion/figures", () -> new Call("GET", "/api/completion/figures", null));
        s.put("GET /api/completion/rules", () -> new Call("GET", "/api/completion/rules", null));
        s.put("PUT /api/completion/rules/{code}", () -> new Call("PUT", "/api/completion/rules/ILLEGIBLE", "{\"dueHours\":72,\"active\":true}"));
        s.put("GET /api/completion/policy", () -> new Call("GET", "/api/completion/policy", null));
        s.put("PUT /api/completion/policy", () -> new Call("PUT", "/api/completion/policy", """
                {"version":0,"delinquentDays":30,"reminderDay":21,"chairDay":37,"suspensionDay":45,"formula":"MONTHLY_DISCHARGES","alertPercent":50}"""));
        s.put("POST /api/completion/escalations", () -> new Call("POST", "/api/completion/escalations", null));
        s.put("GET /api/completion/letters", () -> new Call("GET", "/api/completion/letters", null));
        s.put("GET /api/completion/letters/{id}/pdf", () -> new Call("GET", "/api/completion/letters/" + completionLetter() + "/pdf", null));
        s.put("GET /api/completion/suspensions", () -> new Call("GET", "/api/completion/suspensions", null));
        s.put("POST /api/completion/suspensions/{id}/lift", () -> new Call("POST", "/api/completion/suspensions/" + completionSuspension()
                + "/lift", "{\"reason\":\"matrix\"}"));
        s.put("POST /api/completion/reanalysis", () -> new Call("POST", "/api/completion/reanalysis", null));
        s.put("GET /api/cdi/worklist", () -> new Call("GET", "/api/cdi/worklist?find=" + cdiStay().patient().mrn(), null));
        s.put("GET /api/cdi/rules", () -> new Call("GET", "/api/cdi/rules", null));
        s.put("PUT /api/cdi/rules/{id}", () -> new Call("PUT", "/api/cdi/rules/hyponatremia", "{\"active\":true}"));
        s.put("GET /api/cdi/templates", () -> new Call("GET", "/api/cdi/templates", null));
        s.put("POST /api/cdi/queries", () -> new Call("POST", "/api/cdi/queries", cdiQueryBody()));
        s.put("GET /api/cdi/queries", () -> new Call("GET", "/api/cdi/queries?encounterId=" + cdiStay().encounterId(), null));
        s.put("GET /api/cdi/queries/{id}", () -> new Call("GET", "/api/cdi/queries/" + cdiQuery(), null));
        s.put("GET /api/cdi/queries/{id}/impact", () -> new Call("GET", "/api/cdi/queries/" + cdiQuery() + "/impact", null));
        s.put("POST /api/cdi/queries/{id}/answer", () -> new Call("POST", "/api/cdi/queries/" + cdiQuery() + "/answer",
                "{\"option\":2,\"text\":\"matrix\"}"));
        s.put("GET /api/cdi/cases/{encounterId}/indicators", () -> new Call("GET", "/api/cdi/cases/" + cdiStay().encounterId()
                + "/indicators", null));
        s.put("GET /api/cdi/measures", () -> new Call("GET", "/api/cdi/measures", null));
        s.put("GET /api/cdi/advisor/queries", () -> new Call("GET", "/api/cdi/advisor/queries?size=1", null));
        s.put("POST /api/cdi/queries/{id}/advisor-reviews", () -> new Call("POST", "/api/cdi/queries/" + escalatedCdiQuery()
                + "/advisor-reviews", "{\"outcome\":\"UNABLE_TO_REACH\",\"note\":\"matrix\"}"));
        s.put("GET /api/cdi/lint", () -> new Call("GET", "/api/cdi/lint", null));
        s.put("POST /api/cdi/lint", () -> new Call("POST", "/api/cdi/lint", "{\"phrase\":\"matrix phrase\",\"category\":\"LEADING\","
                + "\"reason\":\"matrix\",\"active\":false}"));
        s.put("GET /fhir/r4/{type}", () -> new Call("GET", "/fhir/r4/Observation?patient=Patient/" + kept()[0], null));
        s.put("GET /fhir/r4/{type}/{id}", () -> new Call("GET", "/fhir/r4/Observation/" + kept()[1], null));
        s.put("GET /fhir/r4/Patient/{id}/$everything", () -> new Call("GET", "/fhir/r4/Patient/" + kept()[0] + "/$everything", null));
        s.put("GET /fhir/r4/AuditEvent", () -> new Call("GET", "/fhir/r4/AuditEvent?patient=" + patientId, null));
        s.put("GET /api/patients/{patientId}/ehi-export", () -> new Call("GET", "/api/patients/" + patientId + "/ehi-export", null));
        s.put("GET /fhir/r4/AuditEvent/{id}", () -> new Call("GET", "/fhir/r4/AuditEvent/" + api.as("admin", "GET",
                "/fhir/r4/AuditEvent?_count=1", null).json().path("entry").get(0).path("resource").path("id").asString(), null));
        return s;
    }
    private String hold() {
        return "{\"patientId\":" + patientId + ",\"encounterId\":" + encounterId
                + ",\"matter\":\"Matrix v. Hospital\",\"reason\":\"Preservation letter from counsel.\"}";
    }

    /** A fresh pending request to amend a signed document, received as admin. */
    private long amendmentRequest() {
        long[] id = new long[1];
        accounts.runAs(Role.CLINICIAN, () -> id[0] = charts.file(new NewDocument(patientId, encounterId,
                DocumentType.PROGRESS_NOTE, null, "Dr. Matrix", "Allergy: penicillin.", DocumentStatus.SIGNED,
                Instant.now(), "dr-matrix", Instant.now())).id());
        return api.as("admin", "POST", "/api/amendments", "{\"documentId\":" + id[0]
                + ",\"requestedChange\":\"Allergy is to sulfa.\"}").json().get("id").asLong();
    }

    private long deniedAmendment() {
        long id = amendmentRequest();
        api.as("admin", "POST", "/api/amendments/" + id + "/denial", "{\"reason\":\"ACCURATE_AND_COMPLETE\"}");
        return id;
    }

    private long disputedAmendment() {
        long id = deniedAmendment();
        api.as("admin", "POST", "/api/amendments/" + id + "/disagreement", "{\"statement\":\"I disagree.\"}");
        return id;
    }

    /** An encounter of 1990, long past the 5 years of the federal floor (42 CFR 482.24(b)(1)). */
    private long oldEncounter() {
        long[] id = new long[1];
        accounts.runAs(Role.CLINICIAN, () -> id[0] = charts.record(new NewEncounter(patientId, null, EncounterClass.OUTPATIENT,
                Instant.parse("1990-03-01T09:00:00Z"), Instant.parse("1990-03-01T11:00:00Z"), "Dr. Matrix", "Clinic", null)).id());
        return id[0];
    }

    private static String proposal(long encounterId) {
        return "{\"encounterIds\":[" + encounterId + "],\"method\":\"ELECTRONIC_PURGE\",\"reason\":\"Past retention.\"}";
    }

    /** Proposed by admin, so that every approver role (test accounts) may approve it. */
    private long proposedDestruction() {
        return api.as("admin", "POST", "/api/retention/destructions", proposal(oldEncounter())).json().get("id").asLong();
    }

    private Long completed;

    private long completedDestruction() {
        if (completed == null) {
            long id = proposedDestruction();
            api.as(accounts.of(Role.HIM_DIRECTOR), "POST", "/api/retention/destructions/" + id + "/approvals", null);
            api.as(accounts.of(Role.PRIVACY_OFFICER), "POST", "/api/retention/destructions/" + id + "/approvals", null);
            completed = id;
        }
        return completed;
    }

    /** A fresh cohort of the test instructor's (an instructor reaches only their own; staff:manage all). */
    private long cohortWithStudent() {
        long[] cohort = new long[1];
        accounts.runAs(Role.INSTRUCTOR, () -> {
            cohort[0] = practicum.createCohort("Matrix");
            practicum.enroll(cohort[0], List.of(accounts.of(Role.STUDENT)));
        });
        return cohort[0];
    }

    /** A fresh workspace of the test student (the only role that studies). */
    private long studentWorkspace() {
        long cohort = cohortWithStudent();
        long[] id = new long[1];
        accounts.runAs(Role.INSTRUCTOR, () -> id[0] = practicum.assign(cohort, "privacy-audit-1").get(0));
        return id[0];
    }

    /** Two fresh registrations of one person on the duplicate worklist: {pair id, first patient, second patient}. */
    private long[] duplicatePair() {
        String family = "Matrixdup" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        long[] ids = new long[2];
        accounts.runAs(Role.CLINICIAN, () -> {
            ids[0] = patients.register(new NewPatient(null, null, "Robert", null, family, LocalDate.of(1966, 6, 6),
                    AdministrativeSex.M, null, null, null, null)).id();
            ids[1] = patients.register(new NewPatient(null, null, "Bob", null, family, LocalDate.of(1966, 6, 6),
                    AdministrativeSex.M, null, null, null, null)).id();
        });
        return new long[] {mpi.reportPossibleDuplicate(ids[0], ids[1]), ids[0], ids[1]};
    }

    private long merged() {
        long[] pair = duplicatePair();
        return mpi.merge(pair[1], pair[2], "matrix fixture").id();
    }

    /** An abstract with no error edit for the fixture's stay (adult female, inpatient, FY by today's discharge). */
    static final String CLEAN_ABSTRACT = """
            {"principalDiagnosis":{"code":"J18.9","poa":"Y"},"secondaryDiagnoses":[{"code":"I10","poa":"Y"}],
             "dischargeDisposition":"01","admitSource":"1"}""";

    /** A fresh discharged encounter whose billing abstract the user saved, clean, ready to finalize. */
    private long codedEncounter(String coder) {
        long[] id = new long[1];
        accounts.runAs(Role.CLINICIAN, () -> {
            Instant admit = Instant.now().minus(3, ChronoUnit.DAYS);
            id[0] = charts.record(new NewEncounter(patientId, null, EncounterClass.INPATIENT, admit,
                    admit.plus(2, ChronoUnit.DAYS), "Dr. Matrix", "Medicine", null)).id();
        });
        assertThat(api.as(coder, "PUT", "/api/coding/encounters/" + id[0] + "/abstract", CLEAN_ABSTRACT).status()).isEqualTo(200);
        return id[0];
    }

    /** A fresh encounter coded and finalized by the coder account, put in the dual-coding sample. */
    private long sampledEncounter() {
        String coder = accounts.of(Role.CODER);
        long id = codedEncounter(coder);
        assertThat(api.as(coder, "POST", "/api/coding/encounters/" + id + "/abstract/finalize", null).status()).isEqualTo(200);
        assertThat(api.as("admin", "POST", "/api/coding/audits/sample", "{\"size\":0,\"encounterIds\":[" + id + "]}").status())
                .isEqualTo(200);
        return id;
    }

    /** The status path of a finished export of patients (started by the HIM director). */
    private String exportStatus() {
        String director = accounts.of(Role.HIM_DIRECTOR); // the administrator runs no bulk export (issue 22)
        String location = api.as(director, "GET", "/fhir/r4/Patient/$export?_type=Patient", null).headers()
                .firstValue("Content-Location").orElseThrow();
        String path = location.substring(location.indexOf("/fhir/r4"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> api.as(director, "GET", path, null).status() != 202);
        return path;
    }

    private String[] kept;

    /** {Patient id, Observation id} of a record kept as received (imported once, as the interface engine). */
    private String[] kept() {
        if (kept == null) {
            String p = UUID.randomUUID().toString();
            String o = UUID.randomUUID().toString();
            String bundle = """
                    {"resourceType":"Bundle","type":"transaction","entry":[{"fullUrl":"urn:uuid:%1$s",
                     "resource":{"resourceType":"Patient","id":"%1$s","name":[{"family":"Matrix","given":["Kept"]}],
                     "gender":"female","birthDate":"1971-02-03"},"request":{"method":"POST","url":"Patient"}},
                     {"fullUrl":"urn:uuid:%2$s","resource":{"resourceType":"Observation","id":"%2$s","status":"final",
                      "code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"subject":{"reference":"urn:uuid:%1$s"},
                      "effectiveDateTime":"2024-01-02T03:04:05Z"},"request":{"method":"POST","url":"Observation"}}]}""".formatted(p, o);
            assertThat(api.as(accounts.of(Role.INTERFACE_ENGINE), "POST", "/fhir/r4", bundle).status()).isEqualTo(200);
            kept = new String[] {p, o};
        }
        return kept;
    }

    /** A one-patient transaction with a fresh source id, so that every call creates. */
    private static String fhirTransaction() {
        String id = UUID.randomUUID().toString();
        return """
                {"resourceType":"Bundle","type":"transaction","entry":[{"fullUrl":"urn:uuid:%s",
                 "resource":{"resourceType":"Patient","id":"%s","name":[{"family":"Matrix","given":["Fhir"]}],
                 "gender":"female","birthDate":"1971-02-03"},"request":{"method":"POST","url":"Patient"}}]}""".formatted(id, id);
    }

    /** A practitioner with a fresh valid NPI (check digit per 45 CFR 162.406). */
    private static String newPractitioner() {
        String nine = "1" + String.format("%08d", (int) (Math.random() * 100_000_000));
        return "{\"npi\":\"" + nine + org.custodian.staff.Npi.checkDigit(nine) + "\",\"name\":\"Dr. Matrix " + nine
                + "\",\"credentials\":\"MD\"}";
    }

    /** A fresh manual deficiency on the fixture's encounter (entered by admin). */
    private long manualDeficiency() {
        return api.as("admin", "POST", "/api/completion/deficiencies",
                "{\"encounterId\":" + encounterId + ",\"rule\":\"ILLEGIBLE\"}").json().get("id").asLong();
    }

    private Long letter;

    /** An escalation letter (and a suspension): a stay discharged 60 days ago without its documents, escalated. */
    private long completionLetter() {
        if (letter == null) {
            accounts.runAs(Role.CLINICIAN, () -> {
                Instant discharge = Instant.now().minus(60, ChronoUnit.DAYS);
                charts.record(new NewEncounter(patientId, null, EncounterClass.INPATIENT, discharge.minus(2, ChronoUnit.DAYS),
                        discharge, "Dr. Matrix Overdue", "Medicine", null));
            });
            api.as("admin", "POST", "/api/completion/escalations", null);
            letter = api.as("admin", "GET", "/api/completion/letters", null).json().get(0).get("id").asLong();
        }
        return letter;
    }

    private long completionSuspension() {
        completionLetter();
        return api.as("admin", "GET", "/api/completion/suspensions", null).json().get(0).get("id").asLong();
    }

    private String fresh() {
        String username = "m-" + UUID.randomUUID().toString().substring(0, 8);
        api.as("admin", "POST", "/api/staff", """
                {"username":"%s","fullName":"Matrix Staff","password":"Quarry-Lantern-Mosaic-47","roles":["CODER"]}""".formatted(username));
        return username;
    }

    @Test
    void everyApiEndpointHasARuleAndItsMethodDemandsThatPermission() {
        Set<String> found = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            for (String pattern : e.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/") && !pattern.startsWith("/fhir/") || PUBLIC.contains(pattern)) {
                    continue;
                }
                for (var method : e.getKey().getMethodsCondition().getMethods()) {
                    String key = method.name() + " " + pattern;
                    found.add(key);
                    PreAuthorize rule = e.getValue().getMethodAnnotation(PreAuthorize.class);
                    assertThat(rule).as("@PreAuthorize on " + key).isNotNull();
                    assertThat(RULES).as("a rule for " + key + " in this test's table").containsKey(key);
                    assertThat(rule.value()).as(key).isEqualTo("hasAuthority('" + RULES.get(key).authority() + "')");
                }
                assertThat(e.getKey().getMethodsCondition().getMethods()).as("HTTP method of " + pattern).isNotEmpty();
            }
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(RULES.keySet());
        assertThat(samples().keySet()).containsExactlyInAnyOrderElementsOf(RULES.keySet());
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointTimesEveryRole() {
        Map<String, Supplier<Call>> samples = samples();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Permission> rule : RULES.entrySet()) {
            for (Role role : Role.values()) {
                boolean allowed = role.grants(rule.getValue());
                tests.add(DynamicTest.dynamicTest(rule.getKey() + " as " + role + " → " + (allowed ? "2xx" : "403"), () -> {
                    Call call = samples.get(rule.getKey()).get();
                    int status = api.as(accounts.of(role), call.method(), call.path(), call.body()).status();
                    if (allowed) {
                        assertThat(status).as(call.method() + " " + call.path()).isBetween(200, 299);
                    } else {
                        assertThat(status).as(call.method() + " " + call.path()).isEqualTo(403);
                    }
                }));
            }
            tests.add(DynamicTest.dynamicTest(rule.getKey() + " without credentials → 401", () -> {
                Call call = samples.get(rule.getKey()).get();
                assertThat(api.request(null, null, call.method(), call.path(), call.body()).status()).isEqualTo(401);
            }));
        }
        return tests.stream();
    }
}
