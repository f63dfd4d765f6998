package org.custodian.coding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.custodian.chart.ChartService;
import org.custodian.chart.ChartFindings;
import org.custodian.chart.CodedFinding;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.FindingKind;
import org.custodian.chart.NewFinding;
import org.custodian.chart.NewEncounter;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The coding story over HTTP: discharge puts the stay on the worklist, the coder saves an abstract
 * with an error edit, finalizing is refused (422 naming the edit), fixed, finalized, off the
 * worklist; the HIM director draws it for the dual-coding audit, codes it blind, and reads the
 * agreement; DNFB and productivity move accordingly.
 */
@CustodianTest
class CodingWorkflowApiIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired ChartFindings findings;
    @Autowired JdbcClient jdbc;

    static final String WITH_HEADER_CODE = """
            {"principalDiagnosis":{"code":"J18","poa":"Y"},"secondaryDiagnoses":[{"code":"I10","poa":"Y"},{"code":"E11.65","poa":"Y"}],
             "principalProcedure":{"code":"0BH17EZ","date":"%s"},"dischargeDisposition":"01","admitSource":"1"}""";

    private static boolean onList(JsonNode list, long encounterId) {
        for (JsonNode n : list) {
            if (n.get("encounterId").asLong() == encounterId) {
                return true;
            }
        }
        return false;
    }

    /** A coder of this test alone, so that the agreement figures are this test's. */
    private String freshCoder() {
        String username = "coder-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.as("admin", "POST", "/api/staff", """
                {"username":"%s","fullName":"Fresh Coder","password":"%s","roles":["CODER"]}""".formatted(username, PASSWORD))
                .status()).isBetween(200, 201);
        return username;
    }

    static final String PASSWORD = "Quarry-Lantern-Mosaic-47";

    private Api.Response as(String user, String method, String path, String body) {
        return user.startsWith("coder-") ? api.request(user, PASSWORD, method, path, body) : api.as(user, method, path, body);
    }

    @Test
    void icd10CodesTheEhrSentAreOfferedAndNeverPutOnTheAbstract() {
        String coder = freshCoder();
        CodingFixtures.Stay stay = CodingFixtures.stay(accounts, patients, charts, LocalDate.of(1958, 4, 4), AdministrativeSex.M,
                LocalDate.of(2025, 11, 20), EncounterClass.INPATIENT);
        accounts.runAs(Role.CLINICIAN, () -> findings.recordAll(List.of(
                new NewFinding(stay.patientId(), stay.encounterId(), FindingKind.CONDITION, CodedFinding.ICD_10_CM, "J189",
                        "Pneumonia, unspecified organism", null, null),
                new NewFinding(stay.patientId(), stay.encounterId(), FindingKind.CONDITION, CodedFinding.SNOMED_CT, "233604007",
                        "Pneumonia", null, null))));
        JsonNode abs = as(coder, "GET", "/api/coding/encounters/" + stay.encounterId() + "/abstract", null).json();
        assertThat(abs.get("suggestions")).hasSize(1);
        assertThat(abs.get("suggestions").get(0).get("code").asString()).isEqualTo("J18.9");
        assertThat(abs.get("suggestions").get(0).get("valid").asBoolean()).isTrue();
        assertThat(abs.get("principalDiagnosis").isNull()).as("offered, not accepted").isTrue();
        assertThat(abs.get("secondaryDiagnoses")).isEmpty();
    }

    @Test
    void codeFinalizeAuditAndMeasure() {
        String coder = freshCoder();
        String director = accounts.of(Role.HIM_DIRECTOR);
        LocalDate discharge = LocalDate.of(2025, 11, 14);
        CodingFixtures.Stay stay = CodingFixtures.stay(accounts, patients, charts, LocalDate.of(1950, 3, 3), AdministrativeSex.F,
                discharge, EncounterClass.INPATIENT);
        long dnfbBefore = api.as(director, "GET", "/api/coding/dnfb", null).json().get("count").asLong();

        // Discharged in 2025: on the worklist, oldest first (at most a few older test stays before it).
        JsonNode worklist = as(coder, "GET", "/api/coding/worklist?sort=discharge&limit=500&dischargedFrom="
                + discharge + "&dischargedTo=" + discharge, null).json();
        assertThat(onList(worklist, stay.encounterId())).isTrue();
        assertThat(as(coder, "GET", "/api/coding/worklist?sort=bogus", null).status()).isEqualTo(400);

        // Save with a header code: 200 with the edit; finalize refused with 422 naming it.
        Api.Response saved = as(coder, "PUT", "/api/coding/encounters/" + stay.encounterId() + "/abstract",
                WITH_HEADER_CODE.formatted(discharge.minusDays(1)));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(saved.json().get("ageAtAdmission").asInt()).isEqualTo(75);
        assertThat(saved.json().get("fiscalYear").asInt()).isEqualTo(2026);
        assertThat(saved.json().get("edits").get(0).get("rule").asString()).isEqualTo("NON_BILLABLE_CODE");
        assertThat(saved.json().get("listVersions").toString()).contains("MCE v43", "POA-exempt list FY2026")
                .doesNotContain("MCE v37");
        Api.Response refused = as(coder, "POST", "/api/coding/encounters/" + stay.encounterId() + "/abstract/finalize", null);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("principalDiagnosis: NON_BILLABLE_CODE");

        // Fixed and finalized: off the worklist, no longer DNFB; a second finalize or save is a 409.
        String fixed = WITH_HEADER_CODE.formatted(discharge.minusDays(1)).replace("\"J18\"", "\"J18.9\"");
        assertThat(as(coder, "PUT", "/api/coding/encounters/" + stay.encounterId() + "/abstract", fixed).json()
                .get("edits")).isEmpty();
        Api.Response finalized = as(coder, "POST", "/api/coding/encounters/" + stay.encounterId() + "/abstract/finalize", null);
        assertThat(finalized.status()).isEqualTo(200);
        assertThat(finalized.json().get("status").asString()).isEqualTo("FINAL");
        assertThat(as(coder, "POST", "/api/coding/encounters/" + stay.encounterId() + "/abstract/finalize", null).status()).isEqualTo(409);
        assertThat(as(coder, "PUT", "/api/coding/encounters/" + stay.encounterId() + "/abstract", fixed).status()).isEqualTo(409);
        assertThat(onList(as(coder, "GET", "/api/coding/worklist?limit=500&dischargedFrom=" + discharge + "&dischargedTo=" + discharge,
                null).json(), stay.encounterId())).isFalse();
        assertThat(api.as(director, "GET", "/api/coding/dnfb", null).json().get("count").asLong()).isLessThanOrEqualTo(dnfbBefore);

        // The abstract's creation, saves and finalizing, and the worklist's listing, are audited against the patient.
        List<String> actions = jdbc.sql("select action || ' ' || resource_type from audit_event where patient_id = ? "
                + "and resource_type in ('CodedAbstract', 'CodingWorklist') order by seq")
                .param(stay.patientId()).query(String.class).list();
        assertThat(actions).contains("CREATE CodedAbstract", "UPDATE CodedAbstract");
        // The worklist's listing is audited once per view, naming the encounters it listed (not one event per row).
        assertThat(jdbc.sql("select detail from audit_event where action = 'SEARCH' and resource_type = 'CodingWorklist' "
                + "and detail like ? order by seq").param("%" + stay.encounterId() + "%").query(String.class).list())
                .anySatisfy(d -> assertThat(d.split(": ")[1].split(",")).contains(Long.toString(stay.encounterId())));
        assertThat(actions).filteredOn(a -> a.endsWith("CodedAbstract")).hasSize(3);

        // Productivity: the coder has at least this inpatient chart today.
        JsonNode productivity = api.as(director, "GET", "/api/coding/productivity", null).json();
        assertThat(productivity.toString()).contains(coder, "INPATIENT");

        // Dual coding: drawn by name, the coder's codes are not shown to the auditor; blind coding
        // with one secondary different gives 100% principal and 2 of 4 diagnoses agreeing.
        assertThat(api.as(director, "POST", "/api/coding/audits/sample",
                "{\"size\":0,\"encounterIds\":[" + stay.encounterId() + "]}").json().get("drawn").toString())
                .isEqualTo("[" + stay.encounterId() + "]");
        JsonNode blind = api.as(director, "GET", "/api/coding/audits/" + stay.encounterId() + "/abstract", null).json();
        assertThat(blind.get("status").asString()).isEqualTo("NEW");
        assertThat(blind.get("principalDiagnosis").isNull()).isTrue();
        assertThat(as(coder, "GET", "/api/coding/audits/" + stay.encounterId() + "/abstract", null).status()).isEqualTo(403);
        String audited = fixed.replace("\"E11.65\"", "\"E11.9\"");
        assertThat(api.as(director, "PUT", "/api/coding/audits/" + stay.encounterId() + "/abstract", audited).status()).isEqualTo(200);
        assertThat(api.as(director, "POST", "/api/coding/audits/" + stay.encounterId() + "/abstract/finalize", null).status()).isEqualTo(200);
        JsonNode agreement = api.as(director, "GET", "/api/coding/audits/agreement", null).json();
        assertThat(agreement.get("benchmark").asDouble()).isEqualTo(95.0);
        JsonNode mine = null;
        for (JsonNode c : agreement.get("coders")) {
            if (c.get("coder").asString().equals(coder)) {
                mine = c;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("charts").asInt()).isEqualTo(1);
        assertThat(mine.get("principalDiagnosis").asDouble()).isEqualTo(100.0);
        assertThat(mine.get("allDiagnoses").asDouble()).isEqualTo(50.0); // {J18.9, I10} agree of {J18.9, I10, E11.65, E11.9}
        assertThat(mine.get("procedures").asDouble()).isEqualTo(100.0);
        assertThat(mine.get("meetsBenchmark").asBoolean()).isFalse();
        // Not in the sample: 404.
        assertThat(api.as(director, "GET", "/api/coding/audits/" + (stay.encounterId() + 1_000_000) + "/abstract", null).status())
                .isIn(404);
    }

    @Test
    void worklistSortsByExpectedPaymentAndSkipsUndischarged() {
        String coder = accounts.of(Role.CODER);
        // Discharged long ago so that they head the discharge-date order too.
        LocalDate old = LocalDate.of(2020, 1, 6);
        CodingFixtures.Stay outpatient = CodingFixtures.stay(accounts, patients, charts, LocalDate.of(1980, 1, 1),
                AdministrativeSex.M, old, EncounterClass.OUTPATIENT);
        CodingFixtures.Stay inpatient = CodingFixtures.stay(accounts, patients, charts, LocalDate.of(1980, 1, 1),
                AdministrativeSex.M, old.plusDays(1), EncounterClass.INPATIENT);
        long[] inHouse = new long[1];
        accounts.runAs(Role.CLINICIAN, () -> inHouse[0] = charts.record(new NewEncounter(inpatient.patientId(), null,
                EncounterClass.INPATIENT, Instant.now().minus(1, ChronoUnit.DAYS), null, "Dr. Coder", "Medicine", null)).id());

        // Other tests share the database: the window of these two discharges keeps the list short.
        String window = "&dischargedFrom=" + old + "&dischargedTo=" + old.plusDays(1);
        List<Long> byDischarge = ids(api.as(coder, "GET", "/api/coding/worklist?sort=discharge&limit=500" + window, null).json());
        assertThat(byDischarge.indexOf(outpatient.encounterId())).isLessThan(byDischarge.indexOf(inpatient.encounterId()));
        JsonNode money = api.as(coder, "GET", "/api/coding/worklist?sort=reimbursement&limit=500" + window, null).json();
        List<Long> byMoney = ids(money);
        assertThat(byMoney).contains(inpatient.encounterId());
        // 2020 discharges have no expected payment (no grouper of that year is loaded): neither is put
        // ahead of the other by a guess; they keep the discharge order among the unpriced.
        money.forEach(n -> {
            if (n.get("encounterId").asLong() == inpatient.encounterId() || n.get("encounterId").asLong() == outpatient.encounterId()) {
                assertThat(n.get("expectedPayment").isNull()).isTrue();
            }
        });
        // Dollars, highest first, stays without a payment (here: 2020 discharges, grouper v37 not loaded) last.
        List<java.math.BigDecimal> payments = new ArrayList<>();
        money.forEach(n -> payments.add(n.get("expectedPayment").isNull() ? null : n.get("expectedPayment").decimalValue()));
        assertThat(payments).isSortedAccordingTo(java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder()));
        assertThat(ids(api.as(coder, "GET", "/api/coding/worklist?encounterClass=OUTPATIENT&limit=500" + window, null).json()))
                .contains(outpatient.encounterId()).doesNotContain(inpatient.encounterId());
        assertThat(byDischarge).doesNotContain(inHouse[0]);
        assertThat(api.as(coder, "GET", "/api/coding/encounters/" + inHouse[0] + "/abstract", null).status()).isEqualTo(409);
    }

    /** The page's type-ahead search (session-authenticated, the same encoder as /api/codes/search). */
    @Test
    void typeAheadSearchForThePages() {
        org.custodian.support.WebSession web = new org.custodian.support.WebSession(api.baseUrl());
        web.login(accounts.of(Role.CODER), StaffAccounts.PASSWORD);
        org.custodian.support.WebSession.Page page = web.get("/coding/code-search?system=icd10cm&fy=2025&q=pneumonia+unspecified+organism");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("\"code\":\"J18.9\"");
        assertThat(web.get("/coding/code-search?system=icd10pcs&fy=2026&q=0BH17EZ").body()).contains("0BH17EZ");
    }

    private static List<Long> ids(JsonNode list) {
        List<Long> ids = new ArrayList<>();
        list.forEach(n -> ids.add(n.get("encounterId").asLong()));
        return ids;
    }
}
