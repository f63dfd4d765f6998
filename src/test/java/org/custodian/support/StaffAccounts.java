package org.custodian.support;

import java.util.Locale;
import java.util.Set;
import org.custodian.privacy.Role;
import org.custodian.staff.NewStaffMember;
import org.custodian.staff.StaffDirectory;
import org.custodian.staff.MedicalStaffStatus;
import org.custodian.staff.NewPractitioner;
import org.custodian.staff.Npi;
import org.custodian.staff.ProviderDirectory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * One test account per role, created on first use: username {@code test-<role>} (e.g.
 * {@code test-coder}), password {@link #PASSWORD}. Also {@code admin} / {@code admin-test-password}.
 */
public class StaffAccounts {

    public static final String PASSWORD = "test-password-123";
    public static final String ADMIN_PASSWORD = "admin-test-password";

    /**
     * The practitioner the test clinician signs in as (provider directory), so that documents
     * authored under this name are theirs to sign (42 CFR 482.24(c)(1)).
     */
    public static final String CLINICIAN_NAME = "Test Clinician";
    /** How the test clinician's signature reads. */
    public static final String CLINICIAN_SIGNATURE = "Test Clinician, MD";

    private final StaffDirectory staff;
    private final ProviderDirectory providers;

    StaffAccounts(StaffDirectory staff, ProviderDirectory providers) {
        this.staff = staff;
        this.providers = providers;
    }

    /** The test clinician's practitioner id (linked to {@code test-clinician}). */
    public synchronized long clinicianPractitioner() {
        String username = of(Role.CLINICIAN);
        return providers.byUsername(username).orElseThrow().id();
    }

    public static String username(Role role) {
        return "test-" + role.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Ensures the role's account exists and returns its username. */
    public synchronized String of(Role role) {
        String username = username(role);
        ensure(username, "Test " + role.title(), role);
        if (role == Role.CLINICIAN && providers.byUsername(username).isEmpty()) {
            var auth = SecurityContextHolder.getContext().getAuthentication();
            SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("admin", null,
                    org.springframework.security.core.authority.AuthorityUtils.createAuthorityList("providers:manage")));
            try {
                providers.add(new NewPractitioner("1999999990".substring(0, 9) + Npi.checkDigit("199999999"), CLINICIAN_NAME,
                        "MD", "Internal medicine", "Medicine", MedicalStaffStatus.ACTIVE, username));
            } finally {
                SecurityContextHolder.getContext().setAuthentication(auth);
            }
        }
        return username;
    }

    /** Ensures a second account of the role exists ({@code test-<role>-<suffix>}, no practitioner) and returns its username. */
    public synchronized String other(Role role, String suffix) {
        String username = username(role) + "-" + suffix;
        ensure(username, "Test " + role.title() + " " + suffix, role);
        return username;
    }

    /** Creates the account if missing, as the system (whatever role the calling test runs as). */
    private void ensure(String username, String fullName, Role role) {
        org.custodian.privacy.SystemAccess.run(org.custodian.Actor.SYSTEM,
                java.util.EnumSet.of(org.custodian.privacy.Permission.STAFF_MANAGE), () -> {
                    if (staff.find(username).isEmpty()) {
                        staff.create(new NewStaffMember(username, fullName, PASSWORD, Set.of(role)));
                    }
                });
    }

    /** Ensures every role's account exists. */
    public void all() {
        for (Role role : Role.values()) {
            of(role);
        }
    }

    /** Runs code as a staff member with the given role, outside any HTTP request. */
    public void runAs(Role role, Runnable body) {
        String username = of(role);
        var auth = new UsernamePasswordAuthenticationToken(username, null,
                org.springframework.security.core.authority.AuthorityUtils.createAuthorityList(
                        java.util.stream.Stream.concat(java.util.stream.Stream.of("ROLE_" + role.name()),
                                role.permissions().stream().map(p -> p.authority())).toArray(String[]::new)));
        var previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(auth);
        try {
            body.run();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }
}
