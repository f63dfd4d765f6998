package org.custodian.staff.internal;

import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;
import org.custodian.Actor;
import org.custodian.privacy.Permission;
import org.custodian.privacy.SystemAccess;
import org.custodian.privacy.Role;
import org.custodian.staff.AdministratorCreated;
import org.custodian.staff.NewStaffMember;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At first start there is no one to sign in: create {@code admin} with CUSTODIAN_ADMIN_PASSWORD,
 * or with a random password printed once to the console (never to the log files).
 */
@Component
@Order(0)
class AdminAccount implements ApplicationRunner {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final JdbcStaffDirectory directory;
    private final String configuredPassword;
    private final boolean bootstrap;
    private final ApplicationEventPublisher events;

    AdminAccount(JdbcStaffDirectory directory, StaffSettings.Admin settings, ApplicationEventPublisher events) {
        this.directory = directory;
        this.events = events;
        this.configuredPassword = settings.password();
        this.bootstrap = settings.bootstrap();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!bootstrap || directory.member("admin").isPresent()) {
            return;
        }
        boolean generated = configuredPassword == null || configuredPassword.isBlank();
        String password = generated ? randomPassword(20) : configuredPassword;
        // The system creates the first administrator: no person is signed in yet.
        SystemAccess.call(Actor.SYSTEM, EnumSet.of(Permission.STAFF_MANAGE),
                () -> directory.create(new NewStaffMember("admin", "Administrator", password, Set.of(Role.ADMIN))));
        System.out.println();
        System.out.println("  Custodian administrator created: user 'admin', password "
                + (generated ? password + "  (shown once: write it down)" : "from CUSTODIAN_ADMIN_PASSWORD"));
        System.out.println();
        events.publishEvent(new AdministratorCreated("admin", generated ? password : null));
    }

    static String randomPassword(int length) {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
