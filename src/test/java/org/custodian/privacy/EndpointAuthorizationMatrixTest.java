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
import org.custodian.chart.ChartService;
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
        RULES.put("GET /api/coding/reference-lists", CODING_READ);
        RULES.put("GET /api/coding/ms-drgs", CODING_READ);
        RULES.put("GET /api/coding/encounters/{id}/abstract", CODING_WRITE);
        RULES.put("PUT /api/coding/encounters/{id}/abstract", CODING_WRITE);
        RULES.put("POST /api/coding/encounters/{id}/abstract/finalize", CODING_WRITE);
        RULES.put("GET /api/coding/worklist", CODING_WRITE);
        RULES.put("GET /api/coding/dnfb", CODING_AUDIT);
        RULES.put("GET /api/coding/productivity", CODING_AUDIT);
        RULES.put("POST /api/coding/audits/sample", CODING_AUDIT);
        RULES.put("GET /api/coding/audits", CODING_AUDIT);
        RULES.put("GET /api/coding/audits/{id}/abstract", CODING_AUDIT);
        RULES.put("PUT /api/coding/audits/{id}/abstract", CODING_AUDIT);
        RULES.put("POST /api/coding/audits/{id}/abstract/finalize", CODING_AUDIT);
        RULES.put("GET /api/coding/audits/agreement", CODING_AUDIT);
    }

    record Call(String method, String path, String body) {
    }

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    private long patientId;
    private long encounterId;
    private long documentId;

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
        s.put("GET /api/coding/reference-lists", () -> new Call("GET", "/api/coding/reference-lists", null));
        s.put("GET /api/coding/ms-drgs", () -> new Call("GET", "/api/coding/ms-drgs", null));
        s.put("GET /api/coding/encounters/{id}/abstract", () -> new Call("GET", "/api/coding/encounters/" + encounterId + "/abstract", null));
        s.put("PUT /api/coding/encounters/{id}/abstract", () -> new Call("PUT", "/api/coding/encounters/" + encounterId + "/abstract", CLEAN_ABSTRACT));
        s.put("POST /api/coding/encounters/{id}/abstract/finalize", () -> new Call("POST",
                "/api/coding/encounters/" + codedEncounter("admin") + "/abstract/finalize", null));
        s.put("GET /api/coding/worklist", () -> new Call("GET", "/api/coding/worklist?limit=5", null));
        s.put("GET /api/coding/dnfb", () -> new Call("GET", "/api/coding/dnfb", null));
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
        return s;
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
                if (!pattern.startsWith("/api/")) {
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
