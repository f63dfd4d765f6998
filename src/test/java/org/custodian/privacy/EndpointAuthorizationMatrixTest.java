package org.custodian.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodian.privacy.Permission.*;

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
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.PatientRegistry;
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
class EndpointAuthorizationMatrixTest {

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
        RULES.put("POST /api/staff/{username}/unlock", STAFF_MANAGE);
        RULES.put("PUT /api/staff/{username}/password", STAFF_MANAGE);
        RULES.put("GET /api/codes/search", CODING_READ);
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
        RULES.put("GET /fhir/r4/Patient/$export", INTERFACE_MANAGE);
        RULES.put("GET /fhir/r4/$export-status/{id}", INTERFACE_MANAGE);
        RULES.put("GET /fhir/r4/$export-file/{id}/{file}", INTERFACE_MANAGE);
    }

    record Call(String method, String path, String body) {
    }

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired ChartFindings findings;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    private long patientId;
    private long encounterId;
    private long documentId;
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
    }

    private long unsignedDocument() {
        long[] id = new long[1];
        accounts.runAs(Role.CLINICIAN, () -> id[0] = charts.file(new NewDocument(patientId, encounterId,
                DocumentType.PROGRESS_NOTE, null, "Dr. Matrix", "Day 2: improving.", DocumentStatus.UNSIGNED,
                Instant.now(), null, null)).id());
        return id[0];
    }

    /** A request that succeeds for a permitted role; fixtures are fresh where a call changes state. */
    private Map<String, Supplier<Call>> samples() {
        Map<String, Supplier<Call>> s = new LinkedHashMap<>();
        s.put("GET /api/patients", () -> new Call("GET", "/api/patients?q=matrix", null));
        s.put("POST /api/patients", () -> new Call("POST", "/api/patients", """
                {"givenName":"New","familyName":"Registrant","birthDate":"1980-02-03","sex":"M"}"""));
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
                {"username":"u-%s","fullName":"New Hire","password":"a-long-password-1","roles":["CODER"]}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8))));
        s.put("PUT /api/staff/{username}/roles", () -> new Call("PUT", "/api/staff/" + fresh() + "/roles", "{\"roles\":[\"CODER\",\"CDI_SPECIALIST\"]}"));
        s.put("PUT /api/staff/{username}/enabled", () -> new Call("PUT", "/api/staff/" + fresh() + "/enabled", "{\"enabled\":false}"));
        s.put("POST /api/staff/{username}/unlock", () -> new Call("POST", "/api/staff/" + fresh() + "/unlock", null));
        s.put("PUT /api/staff/{username}/password", () -> new Call("PUT", "/api/staff/" + fresh() + "/password", "{\"password\":\"another-long-password\"}"));
        s.put("GET /api/codes/search", () -> new Call("GET", "/api/codes/search?q=heart+failure&system=icd10cm&fy=2026", null));
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
        s.put("GET /fhir/r4/$export-file/{id}/{file}", () -> new Call("GET", exportStatus().replace("$export-status", "$export-file") + "/Patient.ndjson", null));
        return s;
    }

    /** The status path of a finished export of patients (started as admin). */
    private String exportStatus() {
        String location = api.as("admin", "GET", "/fhir/r4/Patient/$export?_type=Patient", null).headers()
                .firstValue("Content-Location").orElseThrow();
        String path = location.substring(location.indexOf("/fhir/r4"));
        long deadline = System.currentTimeMillis() + 60_000;
        while (api.as("admin", "GET", path, null).status() == 202 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return path;
    }

    /** A one-patient transaction with a fresh source id, so that every call creates. */
    private static String fhirTransaction() {
        String id = UUID.randomUUID().toString();
        return """
                {"resourceType":"Bundle","type":"transaction","entry":[{"fullUrl":"urn:uuid:%s",
                 "resource":{"resourceType":"Patient","id":"%s","name":[{"family":"Matrix","given":["Fhir"]}],
                 "gender":"female","birthDate":"1971-02-03"},"request":{"method":"POST","url":"Patient"}}]}""".formatted(id, id);
    }

    private String fresh() {
        String username = "m-" + UUID.randomUUID().toString().substring(0, 8);
        api.as("admin", "POST", "/api/staff", """
                {"username":"%s","fullName":"Matrix Staff","password":"a-long-password-1","roles":["CODER"]}""".formatted(username));
        return username;
    }

    @Test
    void everyApiEndpointHasARuleAndItsMethodDemandsThatPermission() {
        Set<String> found = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            for (String pattern : e.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/") && !pattern.startsWith("/fhir/")) {
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
