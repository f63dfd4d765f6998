package org.custodian.practicum.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.custodian.practicum.ExerciseDefinition;
import org.custodian.practicum.KeyEntry;
import org.custodian.privacy.Role;
import org.custodian.staff.NewStaffMember;
import org.custodian.staff.StaffDirectory;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 22, finding 8: any instructor read any cohort and its keys, and a student could rebuild an
 * exercise's key from the public seed (the variant was the username's hashCode). Minimum
 * necessary (45 CFR 164.502(b)) holds in training too.
 */
@CustodianTest
class CohortAndKeySecrecyIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired StaffDirectory staff;
    @Autowired JdbcPracticum practicum;

    private long cohortWithWorkspace(long[] workspace) {
        long[] cohort = new long[1];
        accounts.runAs(Role.INSTRUCTOR, () -> {
            cohort[0] = practicum.createCohort("Secrecy " + UUID.randomUUID().toString().substring(0, 6));
            practicum.enroll(cohort[0], List.of(accounts.of(Role.STUDENT)));
            workspace[0] = practicum.assign(cohort[0], "privacy-audit-1").get(0);
        });
        return cohort[0];
    }

    @Test
    void anInstructorSeesOnlyTheirOwnCohortsAndKeys() {
        long[] workspace = new long[1];
        long cohort = cohortWithWorkspace(workspace);
        String other = "teach-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffMember(other, "Other Instructor", StaffAccounts.PASSWORD, Set.of(Role.INSTRUCTOR)));

        String owner = accounts.of(Role.INSTRUCTOR);
        assertThat(api.as(owner, "GET", "/api/practicum/cohorts/" + cohort + "/report", null).status()).isEqualTo(200);
        assertThat(api.as(owner, "GET", "/api/practicum/workspaces/" + workspace[0] + "/key", null).status()).isEqualTo(200);

        assertThat(api.as(other, "GET", "/api/practicum/cohorts/" + cohort + "/report", null).status()).isEqualTo(404);
        assertThat(api.as(other, "GET", "/api/practicum/cohorts/" + cohort + "/grades", null).status()).isEqualTo(404);
        assertThat(api.as(other, "GET", "/api/practicum/workspaces/" + workspace[0] + "/key", null).status()).isEqualTo(404);
        assertThat(api.as(other, "POST", "/api/practicum/cohorts/" + cohort + "/assignments", "{\"exerciseId\":\"privacy-audit-1\"}")
                .status()).isEqualTo(404);
    }

    /** The service itself checks, whoever calls it (a CLI, another module): a student reaches only their own work. */
    @Test
    void theServiceRefusesAStudentAnotherStudentsWorkspaceAndAnInstructorsMethods() {
        long[] workspace = new long[1];
        cohortWithWorkspace(workspace);
        String student = accounts.of(Role.STUDENT);
        accounts.runAs(Role.STUDENT, () -> {
            assertThat(practicum.workspacesOf(student)).extracting(org.custodian.practicum.Workspace::id).contains(workspace[0]);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> practicum.open("someone-else", workspace[0]))
                    .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> practicum.key(workspace[0]))
                    .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        });
        accounts.runAs(Role.INSTRUCTOR, () -> org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> practicum.workspacesOf(student)).isInstanceOf(org.springframework.security.access.AccessDeniedException.class));
    }

    @Test
    void gradeExportCellsAreDefusedAgainstFormulaInjection() {
        // A username may start with '-' ([a-z0-9._-]): a formula to a spreadsheet (OWASP CSV injection).
        assertThat(JdbcPracticum.csvText("-2+3")).isEqualTo("'-2+3");
        assertThat(JdbcPracticum.csvText("=cmd")).isEqualTo("'=cmd");
        assertThat(JdbcPracticum.csvText("student.one")).isEqualTo("student.one");
    }

    @Test
    void theKeyCannotBeRebuiltFromThePublicSeed() {
        long[] workspace = new long[1];
        cohortWithWorkspace(workspace);
        List<KeyEntry>[] key = new List[1];
        accounts.runAs(Role.INSTRUCTOR, () -> key[0] = practicum.key(workspace[0]));
        ExerciseDefinition definition = practicum.exercises().stream().filter(e -> e.id().equals("privacy-audit-1"))
                .findFirst().orElseThrow();
        String student = accounts.of(Role.STUDENT);
        // What a student could compute from the seed and their own username before the fix.
        List<KeyEntry> guessed = practicum.generate(definition, student.hashCode() & 0x7fffffffL).key();
        assertThat(guessed).isNotEqualTo(key[0]);
        // The variant comes from a server-side secret and is stable for the same student.
        assertThat(practicum.variant(definition, student)).isEqualTo(practicum.variant(definition, student))
                .isNotEqualTo(student.hashCode() & 0x7fffffffL);
    }
}
