package org.custodian.coding;

import static org.assertj.core.api.Assertions.assertThat;

import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/codes/search}: hits best first with code, description, billable, chapter; bad input → 400. */
@CustodianTest
class CodeSearchApiIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;

    private Api.Response search(String query) {
        return api.as(accounts.of(Role.CODER), "GET", "/api/codes/search?" + query, null);
    }

    @Test
    void anAbbreviationFindsTheBillableCodeWithItsChapter() {
        Api.Response r = search("q=CHF&system=icd10cm&fy=2026&limit=5");
        assertThat(r.status()).isEqualTo(200);
        JsonNode hits = r.json();
        assertThat(hits.size()).isBetween(1, 5);
        boolean found = false;
        for (JsonNode hit : hits) {
            if (hit.get("code").asText().equals("I50.9")) {
                found = true;
                assertThat(hit.get("description").asText()).isEqualTo("Heart failure, unspecified");
                assertThat(hit.get("billable").asBoolean()).isTrue();
                assertThat(hit.get("chapter").asText()).startsWith("Chapter 9:");
            }
        }
        assertThat(found).as("I50.9 in " + r.body()).isTrue();
    }

    @Test
    void aCodePrefixWithOrWithoutTheDotListsTheCategoryFirst() {
        for (String q : new String[] {"E11.6", "E116"}) {
            JsonNode hits = search("q=" + q + "&fy=2026").json();
            assertThat(hits.get(0).get("code").asText()).isEqualTo("E11.6");
            assertThat(hits.get(0).get("billable").asBoolean()).as("a header").isFalse();
        }
    }

    @Test
    void procedureCodesAndTheDefaultFiscalYear() {
        JsonNode hits = search("q=laparoscopic+appendectomy&system=icd10pcs").json();
        assertThat(hits.size()).isPositive();
        assertThat(hits.toString()).contains("0DTJ4ZZ");
        assertThat(search("q=pneumonia").json().toString()).contains("J18.9");
    }

    @Test
    void fy2027CodesAreFoundInTheFy2027SetsOnly() {
        // New on 2026-10-01: I42.00 (ICD-10-CM FY2027 addenda); 3E033AZ (PCS, April 2026, kept in FY2027).
        assertThat(search("q=familial+dilated+cardiomyopathy&system=icd10cm&fy=2027").json().toString()).contains("I42.01");
        assertThat(search("q=familial+dilated+cardiomyopathy&system=icd10cm&fy=2026").json().toString()).doesNotContain("I42.01");
        assertThat(search("q=3E033AZ&system=icd10pcs&fy=2027").json().toString()).contains("3E033AZ");
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() {
        assertProblem(search("q=&system=icd10cm"), "q");
        assertProblem(search("system=icd10cm"), "q");
        assertProblem(search("q=chf&system=snomed"), "system");
        assertProblem(search("q=chf&limit=0"), "limit");
        assertProblem(search("q=chf&limit=1000"), "limit");
        assertProblem(search("q=chf&limit=ten"), "limit");
        assertProblem(search("q=chf&fy=abc"), "fy");
        assertProblem(search("q=chf&fy=2019"), "fy");
        assertProblem(search("q=" + "a".repeat(101)), "q");
    }

    @Test
    void rolesWithoutCodingReadAreRefused() {
        assertThat(api.as(accounts.of(Role.CLINICIAN), "GET", "/api/codes/search?q=chf", null).status()).isEqualTo(403);
        assertThat(api.get("/api/codes/search?q=chf").status()).isEqualTo(401);
    }

    private static void assertProblem(Api.Response r, String parameter) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(r.json().get("detail").asText()).as(r.body()).contains(parameter);
    }
}
