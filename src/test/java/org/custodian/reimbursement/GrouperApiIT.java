package org.custodian.reimbursement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * POST /api/coding/grouper through the whole stack: a claim of CMS's test file groups to CMS's DRG,
 * a secondary MCC moves it to the "with MCC" DRG and raises the expected payment, bad input is a 400
 * naming the field, a v44-era discharge a 422, and a role without coding:read a 403.
 */
@CustodianTest
class GrouperApiIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;

    /** The row of CMS's own v43.0 results for one case, by column name. */
    static String[] sharedCase(String caseId, List<String> header) throws Exception {
        Path d = Path.of("").toAbsolutePath();
        while (d != null && !Files.isDirectory(d.resolve("shared/data"))) {
            d = d.getParent();
        }
        assertThat(d).as("shared/data above the working directory").isNotNull();
        List<String> lines = Files.readAllLines(d.resolve("shared/data/cms/ms-drg-v43/tests/grouper_cases_v430.tsv"));
        header.addAll(Arrays.asList(lines.get(0).split("\t", -1)));
        return lines.stream().filter(l -> l.startsWith(caseId + "\t")).findFirst().orElseThrow().split("\t", -1);
    }

    Api.Response group(Role role, String json) {
        return api.as(accounts.of(role), "POST", "/api/coding/grouper", json);
    }

    @Test
    void aClaimOfCmsTestFileGroupsAsCmsGroupedItAndIsPriced() throws Exception {
        List<String> h = new java.util.ArrayList<>();
        String[] c = sharedCase("G877", h); // 65 M 01, principal I50.89, nothing else → 293
        assertThat(c[h.indexOf("sdx_with_poa")]).isEmpty();
        Api.Response r = group(Role.CODER, """
                {"age":%s,"sex":"%s","dischargeStatus":"%s","dischargeDate":"2026-01-15","admitDate":"2026-01-11",
                 "principalDx":"%s","secondaryDx":[],"procedures":[]}""".formatted(c[h.indexOf("age")],
                c[h.indexOf("sex")], c[h.indexOf("discharge_status")], c[h.indexOf("pdx")]));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode j = r.json();
        for (String f : List.of("final_drg", "initial_drg", "final_medsurg", "final_severity", "final_grc")) {
            assertThat(j.path(f).asString()).as(f).isEqualTo(c[h.indexOf(f)]);
        }
        assertThat(j.path("final_mdc").asInt()).isEqualTo(Integer.parseInt(c[h.indexOf("final_mdc")]));
        assertThat(j.path("final_drg").asString()).isEqualTo("293");
        assertThat(j.path("title").asString()).isEqualTo("Heart Failure and Shock without CC/MCC");
        assertThat(j.path("weight").decimalValue()).isEqualByComparingTo("0.566");
        assertThat(j.path("gmlos").decimalValue()).isEqualByComparingTo("2.1");
        assertThat(j.path("actual_los").asInt()).isEqualTo(4);
        // 0.566 × ($6,752.61 + $524.15) = $4,118.65 with the shipped FY2026 national rate
        assertThat(j.path("expected_payment").decimalValue()).isEqualByComparingTo("4118.65");
        assertThat(j.path("payment").path("formula").asString())
                .isEqualTo("FY2026 MS-DRG 293: weight 0.566 × ($6,752.61 operating + $524.15 capital = $7,276.76) = $4,118.65");
        assertThat(j.path("payment").path("source").asString()).contains("CMS-1833-F").contains("set your hospital's");
        assertThat(j.path("explanation").path("mdcReason").asString()).isNotBlank();
        assertThat(j.path("explanation").path("formula").asString()).contains("293");
    }

    @Test
    void aSecondaryMccMovesItToTheWithMccDrgAndRaisesThePayment() {
        String base = """
                {"age":65,"sex":"M","dischargeStatus":"01","dischargeDate":"2026-01-15","principalDx":"I50.89"%s}""";
        JsonNode without = group(Role.CODER, base.formatted("")).json();
        Api.Response r = group(Role.CDI_SPECIALIST, base.formatted(",\"secondaryDx\":[{\"code\":\"J96.01\",\"poa\":\"Y\"}]"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode with = r.json();
        assertThat(without.path("final_drg").asString()).isEqualTo("293");
        assertThat(with.path("final_drg").asString()).isEqualTo("291");
        assertThat(with.path("final_severity").asString()).isEqualTo("MCC");
        assertThat(with.path("title").asString()).isEqualTo("Heart Failure and Shock with MCC");
        assertThat(with.path("expected_payment").decimalValue()).isEqualByComparingTo("9341.90");
        assertThat(with.path("expected_payment").decimalValue())
                .isGreaterThan(without.path("expected_payment").decimalValue());
        JsonNode role = with.path("explanation").path("secondaries").get(0);
        assertThat(role.path("code").asString()).isEqualTo("J9601");
        assertThat(role.path("role").asString()).isEqualTo("MCC");
        assertThat(role.path("withoutDrg").asInt()).isEqualTo(293);
    }

    @Test
    void badInputIsA400NamingTheField() {
        Api.Response sex = group(Role.CODER, """
                {"age":65,"sex":"X","dischargeStatus":"01","dischargeDate":"2026-01-15","principalDx":"I50.89"}""");
        assertThat(sex.status()).as(sex.body()).isEqualTo(400);
        assertThat(sex.json().path("detail").asString()).isEqualTo("sex: must be M, F or U");

        Api.Response missing = group(Role.CODER, """
                {"age":65,"sex":"M","dischargeStatus":"01","dischargeDate":"2026-01-15"}""");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("detail").asString()).isEqualTo("principalDx: required");

        Api.Response unknown = group(Role.CODER, """
                {"age":65,"sex":"M","dischargeStatus":"01","dischargeDate":"2026-01-15","principalDx":"I50.89",
                 "secondaryDx":[{"code":"E11.9","poa":"Y"},{"code":"Q99.99","poa":"Y"}]}""");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.json().path("detail").asString()).startsWith("secondaryDx[1].code: Q9999 is not a billable");

        Api.Response pdx = group(Role.CODER, """
                {"age":65,"sex":"M","dischargeStatus":"01","dischargeDate":"2026-01-15","principalDx":"I50"}""");
        assertThat(pdx.status()).as(pdx.body()).isEqualTo(400);
        assertThat(pdx.json().path("detail").asString()).startsWith("principalDx: I50 is not a billable ICD-10-CM code");
    }

    @Test
    void aV44EraDischargeIsRefusedNotGroupedWithV43() {
        Api.Response r = group(Role.CODER, """
                {"age":65,"sex":"M","dischargeStatus":"01","dischargeDate":"2026-10-01","principalDx":"I50.89"}""");
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().path("type").asString()).isEqualTo("/problems/grouper-version-not-loaded");
        assertThat(r.json().path("detail").asString()).startsWith("grouper v44 not loaded");
    }

    @Test
    void aRoleWithoutCodingReadIsRefused() {
        Api.Response r = group(Role.CLINICIAN, """
                {"age":65,"sex":"M","dischargeStatus":"01","dischargeDate":"2026-01-15","principalDx":"I50.89"}""");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).doesNotContain("final_drg");
    }
}
