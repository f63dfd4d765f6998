package org.custodian.practicum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
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

/** An instructor runs a cohort through the MPI exercise; students work isolated copies and see only their own. */
@CustodianTest
class PracticumIT {

    @Autowired Api api;
    @Autowired StaffDirectory staff;

    private String account(Role role) {
        String username = role.name().toLowerCase().substring(0, 3) + "-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffMember(username, "Pat Practicum", StaffAccounts.PASSWORD, Set.of(role)));
        return username;
    }

    private Api.Response as(String user, String method, String path, String json) {
        return api.request(user, StaffAccounts.PASSWORD, method, path, json);
    }

    @Test
    void aCohortWorksTheMpiExerciseAndIsGradedWithOverlaysCountedAndRulesExplained() {
        String instructor = account(Role.INSTRUCTOR);
        String ana = account(Role.STUDENT);
        String ben = account(Role.STUDENT);
        long cohort = as(instructor, "POST", "/api/practicum/cohorts", "{\"name\":\"HIT 210\"}").json().get("id").asLong();
        assertThat(as(instructor, "POST", "/api/practicum/cohorts/" + cohort + "/students",
                "{\"students\":[\"" + ana + "\",\"" + ben + "\"]}").status()).isEqualTo(200);
        JsonNode assigned = as(instructor, "POST", "/api/practicum/cohorts/" + cohort + "/assignments",
                "{\"exerciseId\":\"mpi-duplicates-1\"}").json().get("workspaceIds");
        assertThat(assigned).hasSize(2);

        long anaWs = as(ana, "GET", "/api/practicum/workspaces", null).json().get(0).get("id").asLong();
        long benWs = as(ben, "GET", "/api/practicum/workspaces", null).json().get(0).get("id").asLong();
        Api.Response view = as(ana, "GET", "/api/practicum/workspaces/" + anaWs, null);
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.body()).as("the key never reaches the student").doesNotContain("\"planted\"").doesNotContain("TWIN")
                .doesNotContain("JUNIOR_SENIOR").doesNotContain("RELATIVE")
                .doesNotContain("\"rule\"");
        assertThat(as(ana, "GET", "/api/practicum/workspaces/" + benWs, null).status()).as("another student's copy").isEqualTo(404);
        org.custodian.support.WebSession anaInBrowser = new org.custodian.support.WebSession(api.baseUrl());
        anaInBrowser.login(ana, StaffAccounts.PASSWORD);
        org.custodian.support.WebSession.Page page = anaInBrowser.get("/practicum/workspaces/" + benWs);
        assertThat(page.status()).as("another student's copy, as a page").isEqualTo(404);
        assertThat(page.body()).contains("<h1>Not found</h1>");
        assertThat(as(ana, "GET", "/api/practicum/workspaces/" + anaWs + "/key", null).status()).isEqualTo(403);
        assertThat(as(ana, "GET", "/api/patients?q=smith", null).status()).as("students see no real patient").isEqualTo(403);
        assertThat(as(instructor, "GET", "/api/patients?q=smith", null).status()).isEqualTo(403);

        JsonNode key = as(instructor, "GET", "/api/practicum/workspaces/" + anaWs + "/key", null).json();
        Map<String, String> answers = new HashMap<>();
        String twin = null;
        for (JsonNode k : key) {
            answers.put(k.get("itemId").asString(), k.get("answer").asString());
            if (k.get("planted").asString().equals("TWIN")) {
                twin = k.get("itemId").asString();
            }
        }
        answers.put(twin, "MERGE");
        StringBuilder body = new StringBuilder("{");
        answers.forEach((id, a) -> body.append(body.length() > 1 ? "," : "").append('"').append(id).append("\":\"").append(a).append('"'));
        body.append('}');
        assertThat(as(ana, "PUT", "/api/practicum/workspaces/" + anaWs + "/answers", body.toString()).status()).isEqualTo(200);
        assertThat(as(ana, "PUT", "/api/practicum/workspaces/" + anaWs + "/answers", "{\"P1\":\"MAYBE\"}").body()).contains("MERGE");

        JsonNode grade = as(ana, "POST", "/api/practicum/workspaces/" + anaWs + "/submission", null).json();
        assertThat(grade.get("overlays").asInt()).isEqualTo(1);
        assertThat(grade.get("recall").asDouble()).isEqualTo(1.0);
        assertThat(grade.get("score").asDouble()).isLessThan(100.0);
        assertThat(grade.get("misses").get(0).get("rule").asString()).contains("overlay");
        assertThat(as(ana, "PUT", "/api/practicum/workspaces/" + anaWs + "/answers", "{\"P1\":\"MERGE\"}").status())
                .as("graded answers are final").isEqualTo(409);

        JsonNode report = as(instructor, "GET", "/api/practicum/cohorts/" + cohort + "/report", null).json();
        assertThat(report.get("results")).hasSize(2);
        assertThat(report.get("frequentMistakes").get(0).get("planted").asString()).isEqualTo("TWIN");
        String csv = as(instructor, "GET", "/api/practicum/cohorts/" + cohort + "/grades", null).body();
        assertThat(csv.lines().filter(l -> l.startsWith(ana + ",mpi-duplicates-1,true,"))).hasSize(1);
        assertThat(csv.lines().filter(l -> l.startsWith(ben + ",mpi-duplicates-1,false,"))).hasSize(1);
    }

    @Test
    void onlyStudentAccountsCanBeEnrolledAndABadDefinitionIsNamed() {
        String instructor = account(Role.INSTRUCTOR);
        long cohort = as(instructor, "POST", "/api/practicum/cohorts", "{\"name\":\"HIT 220\"}").json().get("id").asLong();
        Api.Response coder = as(instructor, "POST", "/api/practicum/cohorts/" + cohort + "/students",
                "{\"students\":[\"" + account(Role.CODER) + "\"]}");
        assertThat(coder.status()).isEqualTo(400);
        assertThat(coder.body()).contains("HIM student role");
        Api.Response ghost = as(instructor, "POST", "/api/practicum/exercises", """
                {"id":"ghost-1","kind":"MPI","title":"G","instructions":"I","seed":1,"size":20,"planted":{"GHOST":1}}""");
        assertThat(ghost.status()).isEqualTo(400);
        assertThat(ghost.body()).contains("GHOST");
        Api.Response added = as(instructor, "POST", "/api/practicum/exercises", """
                {"id":"twins-only","kind":"MPI","title":"Twins","instructions":"Watch for twins.","seed":8,"size":30,"planted":{"TWIN":3}}""");
        assertThat(added.status()).isEqualTo(201);
        assertThat(as(instructor, "GET", "/api/practicum/exercises", null).body()).contains("twins-only");
    }

    @Test
    void theStudentsPagesAreBanneredAsTrainingAndGradeOnSubmit() {
        String instructor = account(Role.INSTRUCTOR);
        String student = account(Role.STUDENT);
        long cohort = as(instructor, "POST", "/api/practicum/cohorts", "{\"name\":\"HIT 230\"}").json().get("id").asLong();
        as(instructor, "POST", "/api/practicum/cohorts/" + cohort + "/students", "{\"students\":[\"" + student + "\"]}");
        as(instructor, "POST", "/api/practicum/cohorts/" + cohort + "/assignments", "{\"exerciseId\":\"privacy-audit-1\"}");
        long ws = as(student, "GET", "/api/practicum/workspaces", null).json().get(0).get("id").asLong();
        List<String> flagged = new java.util.ArrayList<>();
        for (JsonNode k : as(instructor, "GET", "/api/practicum/workspaces/" + ws + "/key", null).json()) {
            if (k.get("answer").asString().equals("FLAG")) {
                flagged.add(k.get("itemId").asString());
            }
        }

        WebSession page = new WebSession(api.baseUrl());
        page.login(student, StaffAccounts.PASSWORD);
        assertThat(page.get("/practicum").body()).contains("TRAINING").contains("A week of access log");
        String workspace = page.get("/practicum/workspaces/" + ws).body();
        assertThat(workspace).contains("data-testid=\"training-banner\"").contains("FLAG");
        List<String> fields = new java.util.ArrayList<>(List.of("action", "submit"));
        fields.add("a." + flagged.get(0));
        fields.add("FLAG");
        assertThat(page.post("/practicum/workspaces/" + ws, fields.toArray(String[]::new)).redirectPath())
                .isEqualTo("/practicum/workspaces/" + ws);
        String graded = page.get("/practicum/workspaces/" + ws).body();
        assertThat(graded).contains("data-testid=\"score\"").contains("What you missed").contains("164.502");

        WebSession teacher = new WebSession(api.baseUrl());
        teacher.login(instructor, StaffAccounts.PASSWORD);
        assertThat(teacher.get("/practicum/teach/cohorts/" + cohort).body()).contains(student).contains("TRAINING");
        assertThat(teacher.get("/practicum/teach/workspaces/" + ws + "/key").body()).contains(flagged.get(0));
    }
}
