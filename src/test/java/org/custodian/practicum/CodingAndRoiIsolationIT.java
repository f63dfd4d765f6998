package org.custodian.practicum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.custodian.privacy.Role;
import org.custodian.staff.NewStaffMember;
import org.custodian.staff.StaffDirectory;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The coding and release-of-information exercises over the API: a student sees the charts and
 * requests but never the key (no code of it, no rule, no planted error), cannot open another
 * student's copy or the key, and is graded on submission; the students' code search is theirs only.
 */
@CustodianTest
class CodingAndRoiIsolationIT {

    @Autowired Api api;
    @Autowired StaffDirectory staff;
    @Autowired StaffAccounts accounts;

    private String account(Role role) {
        String username = role.name().toLowerCase().substring(0, 3) + "-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffMember(username, "Pat Isolation", StaffAccounts.PASSWORD, Set.of(role)));
        return username;
    }

    private Api.Response as(String user, String method, String path, String json) {
        return api.request(user, StaffAccounts.PASSWORD, method, path, json);
    }

    private long[] cohortWorkspaces(String instructor, String exercise, String ana, String ben) {
        long cohort = as(instructor, "POST", "/api/practicum/cohorts", "{\"name\":\"HIT 250\"}").json().get("id").asLong();
        as(instructor, "POST", "/api/practicum/cohorts/" + cohort + "/students", "{\"students\":[\"" + ana + "\",\"" + ben + "\"]}");
        assertThat(as(instructor, "POST", "/api/practicum/cohorts/" + cohort + "/assignments",
                "{\"exerciseId\":\"" + exercise + "\"}").json().get("workspaceIds")).hasSize(2);
        return new long[] {cohort, as(ana, "GET", "/api/practicum/workspaces", null).json().get(0).get("id").asLong(),
                as(ben, "GET", "/api/practicum/workspaces", null).json().get(0).get("id").asLong()};
    }

    @Test
    void aStudentCodesTheirOwnChartsWithoutSeeingTheKeyAndIsGraded() {
        String instructor = account(Role.INSTRUCTOR);
        String ana = account(Role.STUDENT);
        String ben = account(Role.STUDENT);
        long[] ids = cohortWorkspaces(instructor, "coding-inpatient-1", ana, ben);
        long anaWs = ids[1];
        JsonNode key = as(instructor, "GET", "/api/practicum/workspaces/" + anaWs + "/key", null).json();

        Api.Response view = as(ana, "GET", "/api/practicum/workspaces/" + anaWs, null);
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.body()).contains("Discharge summary").doesNotContain("\"planted\"").doesNotContain("\"rule\"")
                .doesNotContain("HOSPITAL_ACQUIRED").doesNotContain("NOT_CODED");
        for (JsonNode k : key) {
            assertThat(view.body()).as("no key code in the student's view").doesNotContain(k.get("answer").asString().split(" ")[1]);
        }
        assertThat(as(ana, "GET", "/api/practicum/workspaces/" + ids[2], null).status()).as("another student's copy").isEqualTo(404);
        assertThat(as(ana, "PUT", "/api/practicum/workspaces/" + ids[2] + "/answers", "{}").status()).isEqualTo(404);
        assertThat(as(ana, "POST", "/api/practicum/workspaces/" + ids[2] + "/submission", null).status()).isEqualTo(404);
        assertThat(as(ana, "GET", "/api/practicum/workspaces/" + anaWs + "/key", null).status()).isEqualTo(403);
        assertThat(as(ana, "GET", "/api/practicum/cohorts/" + ids[0] + "/grades", null).status()).isEqualTo(403);

        // A bad POA is refused with the field named; nothing of the save is kept.
        Api.Response bad = as(ana, "PUT", "/api/practicum/workspaces/" + anaWs + "/answers", "{\"C1.pdx\":\"J18.9\",\"C1.pdxPoa\":\"X\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("C1.pdxPoa");
        assertThat(as(ana, "PUT", "/api/practicum/workspaces/" + anaWs + "/answers", "{\"C9.pdx\":\"J18.9\"}").body())
                .contains("C9.pdx");

        // The key typed in, with the principal first typed wrong and then cleared: graded 100.
        Map<String, String> answers = new HashMap<>();
        Map<String, Integer> rows = new HashMap<>();
        for (JsonNode k : key) {
            String[] a = k.get("answer").asString().split(" ");
            String c = k.get("itemId").asString();
            switch (a[0]) {
                case "PDX" -> {
                    answers.put(c + ".pdx", a[1]);
                    answers.put(c + ".pdxPoa", a[2]);
                }
                case "SDX" -> {
                    int i = rows.merge(c + "s", 1, Integer::sum) - 1;
                    answers.put(c + ".sdx" + i, a[1]);
                    answers.put(c + ".sdxPoa" + i, a[2]);
                }
                case "PX" -> answers.put(c + ".px" + (rows.merge(c + "p", 1, Integer::sum) - 1), a[1]);
                default -> { }
            }
        }
        assertThat(as(ana, "PUT", "/api/practicum/workspaces/" + anaWs + "/answers", "{\"C1.sdx5\":\"R50.9\"}").status()).isEqualTo(200);
        answers.put("C1.sdx5", "");
        assertThat(as(ana, "PUT", "/api/practicum/workspaces/" + anaWs + "/answers", JsonMapper.builder().build()
                .writeValueAsString(answers)).status()).isEqualTo(200);
        JsonNode grade = as(ana, "POST", "/api/practicum/workspaces/" + anaWs + "/submission", null).json();
        assertThat(grade.get("score").asDouble()).isEqualTo(100.0);
        assertThat(grade.get("parts")).hasSize(5);
        assertThat(grade.get("unresolvedEdits")).isEmpty();

        // Ben submits nothing: every chart's missing principal is listed with its rule.
        JsonNode empty = as(ben, "POST", "/api/practicum/workspaces/" + ids[2] + "/submission", null).json();
        assertThat(empty.get("score").asDouble()).isZero();
        assertThat(empty.get("unresolvedEdits").get(0).get("rule").asString()).isEqualTo("PRINCIPAL_DIAGNOSIS_MISSING");

        String csv = as(instructor, "GET", "/api/practicum/cohorts/" + ids[0] + "/grades", null).body();
        assertThat(csv.lines().filter(l -> l.startsWith(ana + ",coding-inpatient-1,true,100.0,"))).hasSize(1);
        assertThat(csv.lines().filter(l -> l.startsWith(ben + ",coding-inpatient-1,true,0.0,"))).hasSize(1);
    }

    @Test
    void theStudentsCodeSearchServesStudentsOnly() {
        String student = account(Role.STUDENT);
        WebSession page = new WebSession(api.baseUrl());
        page.login(student, StaffAccounts.PASSWORD);
        WebSession.Page hits = page.get("/practicum/code-search?system=icd10pcs&fy=2026&q=laparoscopic+appendectomy");
        assertThat(hits.status()).isEqualTo(200);
        assertThat(hits.body()).contains("0DTJ4ZZ");
        assertThat(page.get("/practicum/code-search?q=pneumonia").body()).contains("J18.9");
        WebSession coder = new WebSession(api.baseUrl());
        coder.login(accounts.of(Role.CODER), StaffAccounts.PASSWORD);
        assertThat(coder.get("/practicum/code-search?q=pneumonia").status()).isEqualTo(403);
    }

    @Test
    void aStudentWorksTheRoiQueueAndSeesTheRuleBehindEachMiss() {
        String instructor = account(Role.INSTRUCTOR);
        String ana = account(Role.STUDENT);
        String ben = account(Role.STUDENT);
        long[] ids = cohortWorkspaces(instructor, "roi-queue-1", ana, ben);
        long anaWs = ids[1];
        Api.Response view = as(ana, "GET", "/api/practicum/workspaces/" + anaWs, null);
        assertThat(view.body()).contains("RELEASE_WITH_WITHHOLDING").contains("Authorization").doesNotContain("\"planted\"")
                .doesNotContain("SUBPOENA_NO_ASSURANCE").doesNotContain("164.512(e)(1)(ii)").doesNotContain("DUE_DATE");
        assertThat(as(ben, "GET", "/api/practicum/workspaces/" + anaWs, null).status()).isEqualTo(404);
        WebSession page = new WebSession(api.baseUrl());
        page.login(ana, StaffAccounts.PASSWORD);
        assertThat(page.get("/practicum/workspaces/" + anaWs).body()).contains("data-testid=\"training-banner\"")
                .contains("name=\"a.R1.due\"").contains("value=\"RELEASE_WITH_WITHHOLDING\"").doesNotContain("SUBPOENA_NO_ASSURANCE");
        assertThat(as(ana, "PUT", "/api/practicum/workspaces/" + anaWs + "/answers", "{\"R1.due\":\"next week\"}").body())
                .contains("R1.due");
        JsonNode key = as(instructor, "GET", "/api/practicum/workspaces/" + anaWs + "/key", null).json();
        // Everything right except the subpoena, released.
        StringBuilder body = new StringBuilder("{");
        String subpoena = null;
        for (JsonNode k : key) {
            String id = k.get("itemId").asString();
            String answer = k.get("answer").asString();
            if (k.get("planted").asString().equals("SUBPOENA_NO_ASSURANCE")) {
                subpoena = id;
                answer = "RELEASE";
            }
            body.append(body.length() > 1 ? "," : "").append('"').append(id).append("\":\"").append(answer).append('"');
        }
        body.append('}');
        assertThat(as(ana, "PUT", "/api/practicum/workspaces/" + anaWs + "/answers", body.toString()).status()).isEqualTo(200);
        JsonNode grade = as(ana, "POST", "/api/practicum/workspaces/" + anaWs + "/submission", null).json();
        // 11 requests, 22 points, one lost: 21 / 22 = 95.45… → 95.5
        assertThat(grade.get("score").asDouble()).isEqualTo(95.5);
        assertThat(grade.get("misses")).hasSize(1);
        assertThat(grade.get("misses").get(0).get("itemId").asString()).isEqualTo(subpoena);
        assertThat(grade.get("misses").get(0).get("rule").asString()).contains("164.512(e)");
        assertThat(page.get("/practicum/workspaces/" + anaWs).body()).contains("data-testid=\"score\">95.5<")
                .contains("164.512(e)");
        JsonNode report = as(instructor, "GET", "/api/practicum/cohorts/" + ids[0] + "/report", null).json();
        assertThat(report.get("frequentMistakes").get(0).get("planted").asString()).isEqualTo("SUBPOENA_NO_ASSURANCE");
    }
}
