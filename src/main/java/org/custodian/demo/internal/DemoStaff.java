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
import org.custodian.staff.MedicalStaffStatus;
import org.custodian.staff.NewPractitioner;
import org.custodian.staff.Npi;
import org.custodian.staff.ProviderDirectory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
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
    private final ProviderDirectory providers;
    private final SecureRandom secure = new SecureRandom();

    /** How many of the hospital's physicians get an account of their own, besides the clinician (record completion's demo). */
    static final int SIGNING_PHYSICIANS = 2;

    DemoStaff(StaffDirectory staff, ProviderDirectory providers) {
        this.staff = staff;
        this.providers = providers;
    }

    static String username(Role role) {
        return switch (role) {
            case HIM_DIRECTOR -> "director";
            case HIM_ANALYST -> "analyst";
            case PHYSICIAN_ADVISOR -> "advisor";
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
        created.addAll(physicians(hospital));
        return created;
    }

    /**
     * The hospital's physicians in the provider directory with synthetic NPIs (valid check digits,
     * 45 CFR 162.406), taking over the entries the chart made from their names; the first is the
     * demo clinician, the next {@link #SIGNING_PHYSICIANS} sign in as {@code dr-<family name>}, so
     * that their open deficiencies (unsigned notes, a missing discharge summary, an undictated
     * operative report) are theirs to complete.
     */
    /** "Ana Ruiz, MD" → {@code dr-ruiz}: the family name, not the degree after the comma. */
    static String physicianUsername(String name) {
        String bare = name.replaceFirst(",.*$", "").strip();
        return "dr-" + bare.substring(bare.lastIndexOf(' ') + 1).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    private List<Credential> physicians(DemoHospital hospital) {
        List<Credential> created = new ArrayList<>();
        var previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("system", null,
                AuthorityUtils.createAuthorityList("providers:manage", "staff:manage")));
        try {
            List<String> roster = hospital.physicians();
            for (int i = 0; i < roster.size(); i++) {
                String name = roster.get(i);
                String username = null;
                if (i == 0) {
                    username = staff.find(username(Role.CLINICIAN)).isPresent() ? username(Role.CLINICIAN) : null;
                } else if (i <= SIGNING_PHYSICIANS) {
                    username = physicianUsername(name);
                    if (staff.find(username).isEmpty()) {
                        String password = password();
                        staff.create(new NewStaffMember(username, name, password, Set.of(Role.CLINICIAN)));
                        created.add(new Credential(username, Role.CLINICIAN, name, password));
                    } else {
                        created.add(new Credential(username, Role.CLINICIAN, name, null));
                    }
                }
                if (username != null && providers.byUsername(username).isPresent()) {
                    continue;
                }
                String nine = String.valueOf(160_000_000 + 7_919L * (i + 1) + hospital.seed() % 1000);
                String npi = nine + Npi.checkDigit(nine);
                if (providers.byNpi(npi).isPresent()) {
                    continue;
                }
                providers.add(new NewPractitioner(npi, name, name.endsWith(", DO") ? "DO" : "MD", null, null, MedicalStaffStatus.ACTIVE,
                        username));
            }
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
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
