package org.custodian.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.WebSession;
import org.custodian.support.WebSession.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The administrator's staff pages. */
@CustodianTest
class StaffAdminPagesIT {

    @Autowired Api api;
    @Autowired StaffDirectory staff;

    private WebSession admin() {
        WebSession web = new WebSession(api.baseUrl());
        web.login("admin", StaffAccounts.ADMIN_PASSWORD);
        return web;
    }

    private static String newUsername() {
        return "ui-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theListShowsAccountsWithRolesAndState() {
        String username = newUsername();
        staff.create(new NewStaffMember(username, "Listed Person", StaffAccounts.PASSWORD, Set.of(Role.CODER, Role.CDI_SPECIALIST)));
        staff.setEnabled(username, false);
        Page list = admin().get("/admin/staff");
        assertThat(list.status()).isEqualTo(200);
        String row = list.body().substring(list.body().indexOf(">" + username + "<"));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains("Listed Person", "Coder", "CDI specialist", "Disabled");
    }

    @Test
    void creatingAnAccountShowsErrorsByFieldThenOpensIt() {
        WebSession admin = admin();
        admin.get("/admin/staff/new");
        Page invalid = admin.post("/admin/staff", "username", "Bad User!", "fullName", "", "password", "short",
                "confirm", "other");
        assertThat(invalid.status()).isEqualTo(200);
        assertThat(invalid.body())
                .contains("data-field=\"username\">2 to 64 lower-case letters")
                .contains("data-field=\"fullName\">Required.")
                .contains("data-field=\"password\">At least 12 characters.")
                .contains("data-field=\"confirm\">The two passwords differ.")
                .contains("data-field=\"roles\">Choose at least one role.")
                .contains("value=\"Bad User!\"")
                .doesNotContain("value=\"short\"");

        String username = newUsername();
        Page created = admin.post("/admin/staff", "username", username, "fullName", "New Colleague",
                "password", "Heron-Cobalt-Willow-83", "confirm", "Heron-Cobalt-Willow-83", "roles", "CODER", "roles", "ROI_SPECIALIST");
        assertThat(created.status()).isEqualTo(302);
        assertThat(created.redirectPath()).isEqualTo("/admin/staff/" + username);
        assertThat(admin.get("/admin/staff/" + username).body()).contains("Account " + username + " is open.", "New Colleague");
        assertThat(staff.find(username).orElseThrow().roles()).containsExactlyInAnyOrder(Role.CODER, Role.ROI_SPECIALIST);

        admin.get("/admin/staff/new");
        Page taken = admin.post("/admin/staff", "username", username, "fullName", "Again",
                "password", "Heron-Cobalt-Willow-83", "confirm", "Heron-Cobalt-Willow-83", "roles", "CODER");
        assertThat(taken.body()).contains("data-field=\"username\">This username is taken.");

        // The new colleague can sign in with what the administrator gave.
        WebSession colleague = new WebSession(api.baseUrl());
        assertThat(colleague.login(username, "Heron-Cobalt-Willow-83").redirectPath()).isEqualTo("/");
    }

    @Test
    void rolesEnableDisableAndUnlock() {
        String username = newUsername();
        staff.create(new NewStaffMember(username, "Changing Person", StaffAccounts.PASSWORD, Set.of(Role.CODER)));
        WebSession admin = admin();
        Page account = admin.get("/admin/staff/" + username);
        assertThat(account.body()).contains("value=\"CODER\" checked", "Release-of-information specialist");

        admin.post("/admin/staff/" + username + "/roles", "roles", "PRIVACY_OFFICER", "roles", "AUDITOR");
        assertThat(staff.find(username).orElseThrow().roles()).containsExactlyInAnyOrder(Role.PRIVACY_OFFICER, Role.AUDITOR);
        admin.get("/admin/staff/" + username);
        admin.post("/admin/staff/" + username + "/roles");
        assertThat(admin.get("/admin/staff/" + username).body()).contains("Choose at least one role.");
        assertThat(staff.find(username).orElseThrow().roles()).isNotEmpty();

        admin.post("/admin/staff/" + username + "/enabled", "enabled", "false");
        assertThat(staff.find(username).orElseThrow().enabled()).isFalse();
        WebSession person = new WebSession(api.baseUrl());
        person.login(username, StaffAccounts.PASSWORD);
        // The one failed-sign-in message: it does not say the account is disabled (issue 22, finding 3).
        assertThat(person.get("/login?error").body()).contains("Sign-in failed.").doesNotContain("disabled");
        admin.get("/admin/staff/" + username);
        admin.post("/admin/staff/" + username + "/enabled", "enabled", "true");
        assertThat(staff.find(username).orElseThrow().enabled()).isTrue();

        for (int i = 0; i < 5; i++) {
            new WebSession(api.baseUrl()).login(username, "wrong-password-" + i);
        }
        assertThat(admin.get("/admin/staff/" + username).body()).contains("Locked until", "data-testid=\"unlock-button\"");
        admin.post("/admin/staff/" + username + "/unlock");
        assertThat(admin.get("/admin/staff/" + username).body()).contains("unlocked", "badge-active");
        assertThat(new WebSession(api.baseUrl()).login(username, StaffAccounts.PASSWORD).redirectPath()).isEqualTo("/");

        admin.get("/admin/staff/" + username);
        admin.post("/admin/staff/" + username + "/password", "password", "Orchid-Tugboat-Sprocket-19", "confirm", "Orchid-Tugboat-Sprocket-19");
        assertThat(new WebSession(api.baseUrl()).login(username, "Orchid-Tugboat-Sprocket-19").redirectPath()).isEqualTo("/");
    }

    @Test
    void anAdministratorCannotLockThemselvesOut() {
        WebSession admin = admin();
        admin.get("/admin/staff/admin");
        admin.post("/admin/staff/admin/enabled", "enabled", "false");
        assertThat(admin.get("/admin/staff/admin").body()).contains("You cannot disable your own account.");
        admin.post("/admin/staff/admin/roles", "roles", "CODER");
        assertThat(admin.get("/admin/staff/admin").body()).contains("You cannot take away your own administrator role");
        StaffMember me = staff.find("admin").orElseThrow();
        assertThat(me.enabled()).isTrue();
        assertThat(me.roles()).contains(Role.ADMIN);
    }

    @Test
    void unknownOrMalformedUsernamesAreNotFound() {
        WebSession admin = admin();
        assertThat(admin.get("/admin/staff/nobody-here-" + UUID.randomUUID().toString().substring(0, 6)).status()).isEqualTo(404);
        assertThat(admin.get("/admin/staff/NOT%20VALID").status()).isEqualTo(404);
        admin.get("/admin/staff");
        assertThat(admin.post("/admin/staff/nobody-zz/unlock").status()).isEqualTo(404);
    }
}
