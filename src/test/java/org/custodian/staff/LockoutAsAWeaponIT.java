package org.custodian.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.custodian.CliCommand;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.RawHttp;
import org.custodian.support.StaffAccounts;
import org.custodian.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 22, finding 3: lockout as a weapon. Five wrong passwords every 15 minutes kept an account
 * locked for good, only ADMIN could unlock, anonymous floods wrote an audit row each, and the
 * sign-in page told which usernames exist. HIPAA 45 CFR 164.308(a)(5)(ii)(C) (log-in monitoring),
 * 164.308(a)(5)(ii)(D) (password management), 164.312(d) (person authentication).
 * "Another address" is a second loopback address (127.0.0.x) the test's socket binds to.
 */
@CustodianTest
class LockoutAsAWeaponIT {

    @Autowired Api api;
    @Autowired StaffDirectory staff;
    @Autowired StaffAccounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationContext context;

    private String newAccount(String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffMember(username, "Weapon Test", StaffAccounts.PASSWORD, Set.of(Role.CODER)));
        return username;
    }

    private RawHttp.Response from(String address, String user, String password) {
        return new RawHttp(api).send(address, "GET", "/api/patients?q=x", RawHttp.basic(user, password));
    }

    @Test
    void anAttackerWhoKeepsFailingDoesNotLockTheRealUserOut() {
        String victim = newAccount("victim");
        String attacker = "127.0.0.21";
        for (int i = 0; i < 7; i++) {
            from(attacker, victim, "guess-" + i);
        }
        // The attacker's address is slowed: refused with Retry-After, the right password included.
        RawHttp.Response slowed = from(attacker, victim, StaffAccounts.PASSWORD);
        assertThat(slowed.status()).isEqualTo(429);
        assertThat(Long.parseLong(slowed.header("Retry-After"))).isPositive();
        // The real user, from their own address, signs in all the same.
        assertThat(api.get(victim, StaffAccounts.PASSWORD, "/api/patients?q=x").status()).isEqualTo(200);
        assertThat(from("127.0.0.22", victim, StaffAccounts.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void manyFailuresFromOneAddressSlowEveryUsernameFromIt() {
        String address = "127.0.0.23";
        jdbc.sql("delete from staff_sign_in_throttle where scope = 'ADDRESS' and key = ?").param(address).update();
        try {
            for (int i = 0; i < 60; i++) {
                from(address, "nobody-" + i + "-" + UUID.randomUUID().toString().substring(0, 6), "guess");
            }
            String fresh = newAccount("spray");
            assertThat(from(address, fresh, StaffAccounts.PASSWORD).status()).isEqualTo(429);
            assertThat(api.get(fresh, StaffAccounts.PASSWORD, "/api/patients?q=x").status()).isEqualTo(200);
        } finally {
            jdbc.sql("delete from staff_sign_in_throttle where scope = 'ADDRESS' and key = ?").param(address).update();
        }
    }

    @Test
    void theCliUnlocksAnAccountFromEveryAddress() throws Exception {
        String username = newAccount("cli");
        for (int i = 0; i < 5; i++) {
            from("127.0.0.24", username, "guess-" + i);
        }
        assertThat(from("127.0.0.24", username, StaffAccounts.PASSWORD).status()).isEqualTo(429);
        CliCommand unlock = context.getBeansOfType(CliCommand.class).values().stream()
                .filter(c -> c.name().equals("unlock")).findFirst().orElseThrow();
        assertThat(unlock.run(new String[] {username})).isZero();
        assertThat(from("127.0.0.24", username, StaffAccounts.PASSWORD).status()).isEqualTo(200);
        assertThat(unlock.run(new String[] {"no-such-" + UUID.randomUUID().toString().substring(0, 6)})).isEqualTo(1);
    }

    @Test
    void theHimDirectorCanUnlockButNotManageAccounts() {
        String username = newAccount("him");
        for (int i = 0; i < 5; i++) {
            from("127.0.0.25", username, "guess-" + i);
        }
        String director = accounts.of(Role.HIM_DIRECTOR);
        assertThat(api.as(director, "POST", "/api/staff/" + username + "/unlock", null).status()).isEqualTo(200);
        assertThat(from("127.0.0.25", username, StaffAccounts.PASSWORD).status()).isEqualTo(200);
        assertThat(api.as(director, "GET", "/api/staff", null).status()).isEqualTo(403);
        assertThat(api.as(accounts.of(Role.CODER), "POST", "/api/staff/" + username + "/unlock", null).status()).isEqualTo(403);
    }

    private static final Pattern MESSAGE = Pattern.compile("data-testid=\"login-message\">([^<]*)<");

    private String signInMessage(String username, String password) {
        WebSession web = new WebSession(api.baseUrl());
        web.login(username, password);
        Matcher m = MESSAGE.matcher(web.get("/login?error").body());
        assertThat(m.find()).as("a message on the sign-in page").isTrue();
        return m.group(1);
    }

    @Test
    void everyFailedSignInReadsTheSameWhateverTheCause() {
        String wrong = newAccount("msg");
        String disabled = newAccount("msg-off");
        staff.setEnabled(disabled, false);
        String throttled = newAccount("msg-slow");
        for (int i = 0; i < 5; i++) {
            new WebSession(api.baseUrl()).login(throttled, "guess-" + i);
        }
        Set<String> messages = new LinkedHashSet<>();
        messages.add(signInMessage("nobody-" + UUID.randomUUID().toString().substring(0, 8), "any-password-1"));
        messages.add(signInMessage(wrong, "wrong-password-1"));
        messages.add(signInMessage(disabled, StaffAccounts.PASSWORD));
        messages.add(signInMessage(throttled, StaffAccounts.PASSWORD));
        assertThat(messages).hasSize(1);
        assertThat(messages.iterator().next()).doesNotContainIgnoringCase("locked").doesNotContainIgnoringCase("disabled");
        staff.unlock(throttled);
    }

    @Test
    void anAnonymousFloodWritesABoundedNumberOfAuditRowsAndIsStillOnRecord() throws Exception {
        String address = "127.0.0.26";
        long before = auditRowsFrom(address);
        RawHttp raw = new RawHttp(api);
        long started = System.currentTimeMillis();
        for (int i = 0; i < 300; i++) {
            assertThat(raw.send(address, "GET", "/api/patients?q=flood").status()).isEqualTo(401);
        }
        long elapsed = System.currentTimeMillis() - started;
        long deadline = System.currentTimeMillis() + 15_000;
        while (summaries() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        long rows = auditRowsFrom(address) - before;
        // At most the first few refusals of each window one by one, plus one summary per window: the
        // bound follows the windows the flood spanned (a loaded machine sends 300 requests more slowly).
        java.time.Duration window = context.getEnvironment().getProperty("custodian.security.audit.refusal-window",
                java.time.Duration.class, java.time.Duration.ofMinutes(1));
        int perWindow = context.getEnvironment().getProperty("custodian.security.audit.refusals-per-address", Integer.class, 20);
        long windows = elapsed / window.toMillis() + 2;
        assertThat(rows).as("audit rows for 300 anonymous requests in %d ms (%d windows)", elapsed, windows)
                .isLessThanOrEqualTo(Math.min(windows * (perWindow + 1), 299));
        assertThat(summaries()).as("the flood is summarised").isPositive();
    }

    private long auditRowsFrom(String address) {
        return jdbc.sql("select count(*) from audit_event where client_address = ? or resource_id = ?")
                .params(address, address).query(Long.class).single();
    }

    private long summaries() {
        return jdbc.sql("select count(*) from audit_event where resource_type = 'ClientAddress' and resource_id = '127.0.0.26'"
                + " and detail like '%further refusals%'").query(Long.class).single();
    }

    @Test
    void aCommonOrBreachedPasswordIsRefusedAndTheAnswerSaysWhy() {
        String username = "weak-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response weak = api.as("admin", "POST", "/api/staff", """
                {"username":"%s","fullName":"Weak Example","password":"password1234","roles":["CODER"]}""".formatted(username));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().path("detail").asString()).contains("password", "common");
        assertThat(staff.find(username)).isEmpty();

        String named = "named-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffMember(named, "Rosalind Featherstonehaugh", StaffAccounts.PASSWORD, Set.of(Role.CODER)));
        Api.Response reset = api.as("admin", "PUT", "/api/staff/" + named + "/password", "{\"password\":\"password1234\"}");
        assertThat(reset.status()).isEqualTo(400);
        assertThat(reset.json().path("detail").asString()).contains("password");

        Api.Response strong = api.as("admin", "POST", "/api/staff", """
                {"username":"%s","fullName":"Strong Password","password":"Velvet-Harbor-Quince-62","roles":["CODER"]}""".formatted(username));
        assertThat(strong.status()).isEqualTo(201);

        WebSession admin = new WebSession(api.baseUrl());
        admin.login("admin", StaffAccounts.ADMIN_PASSWORD);
        admin.get("/admin/staff/new");
        String page = admin.post("/admin/staff", "username", "ui-" + UUID.randomUUID().toString().substring(0, 8),
                "fullName", "Weak Ui", "password", "password1234", "confirm", "password1234", "roles", "CODER").body();
        assertThat(page).contains("data-field=\"password\">Too easy to guess");
    }
}
