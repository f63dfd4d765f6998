package org.custodian.staff.internal;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which roles must sign in with a second factor (HIPAA 45 CFR 164.312(d)): configured by
 * {@code custodian.security.second-factor.required-roles}, a comma-separated list of role names, or
 * {@code phi-readers} (the default: every role that reads charts, {@code chart:read}, which includes
 * ADMIN and every role that may run a bulk export), or {@code none}.
 */
@Component
class SecondFactorPolicy {

    private final Set<Role> required;

    @Autowired
    SecondFactorPolicy(SignInSettings settings) {
        this(settings.secondFactor().requiredRoles());
    }

    SecondFactorPolicy(String setting) {
        this.required = parse(setting);
    }

    static Set<Role> parse(String setting) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String part : (setting == null ? "" : setting).split(",")) {
            String name = part.strip();
            if (name.isEmpty() || name.equalsIgnoreCase("none")) {
                continue;
            }
            if (name.equalsIgnoreCase("phi-readers")) {
                // Who reads charts, runs a bulk export, or manages the staff (the administrator; issue 22).
                Arrays.stream(Role.values()).filter(r -> r.grants(Permission.CHART_READ) || r.grants(Permission.FHIR_EXPORT)
                        || r.grants(Permission.STAFF_MANAGE)).forEach(roles::add);
                continue;
            }
            try {
                roles.add(Role.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("custodian.security.second-factor.required-roles: no role " + name
                        + " (roles: " + Arrays.toString(Role.values()) + ", or phi-readers, or none)");
            }
        }
        return roles;
    }

    /** Whether an account with {@code roles} must enrol a second factor. */
    boolean requires(Set<Role> roles) {
        return roles.stream().anyMatch(required::contains);
    }

    Set<Role> requiredRoles() {
        return EnumSet.copyOf(required.isEmpty() ? EnumSet.noneOf(Role.class) : required);
    }
}
