package org.custodian.demo.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import net.datafaker.Faker;
import org.custodian.demo.DemoHospital;
import org.custodian.privacy.Role;
import org.custodian.staff.NewStaffMember;
import org.custodian.staff.StaffDirectory;
import org.springframework.stereotype.Component;

/**
 * One demo user per role but the administrator's, so that a visitor can see Custodian through
 * each HIM job. Passwords are random (not derived from the seed: anyone can read the seed), and
 * exist in clear only in what {@link DemoCredentials} prints and writes.
 */
@Component
class DemoStaff {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int PASSWORD_LENGTH = 20;

    /** A demo account; {@code password} is null when the account already existed and was left alone. */
    record Credential(String username, Role role, String fullName, String password) {
    }

    private final StaffDirectory staff;
    private final SecureRandom secure = new SecureRandom();

    DemoStaff(StaffDirectory staff) {
        this.staff = staff;
    }

    static String username(Role role) {
        return switch (role) {
            case HIM_DIRECTOR -> "director";
            case HIM_ANALYST -> "analyst";
            case ROI_SPECIALIST -> "roi";
            case CDI_SPECIALIST -> "cdi";
            case PRIVACY_OFFICER -> "privacy";
            case DATA_INTEGRITY_ANALYST -> "mpi";
            default -> role.name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }

    List<Credential> create(DemoHospital hospital) {
        Faker faker = new Faker(Locale.US, new Random(hospital.seed() + 1));
        List<Credential> created = new ArrayList<>();
        for (Role role : Role.values()) {
            // The interface engine is a system account its administrator creates, not a demo person.
            if (role == Role.ADMIN || role == Role.INTERFACE_ENGINE) {
                continue;
            }
            // The clinician is one of the hospital's own attendings, so their unsigned notes are theirs to sign.
            String fullName = role == Role.CLINICIAN && !hospital.physicians().isEmpty() ? hospital.physicians().get(0)
                    : faker.name().firstName() + " " + faker.name().lastName();
            String username = username(role);
            if (staff.find(username).isPresent()) {
                created.add(new Credential(username, role, fullName, null));
                continue;
            }
            String password = password();
            staff.create(new NewStaffMember(username, fullName, password, Set.of(role)));
            created.add(new Credential(username, role, fullName, password));
        }
        return created;
    }

    private String password() {
        StringBuilder sb = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            sb.append(ALPHABET.charAt(secure.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
