package org.custodian.staff.internal;

import java.util.List;
import java.util.Map;

/**
 * The new-account form as typed (the password is never sent back) and what is wrong with it,
 * field by field: {@code errors} maps a field name (username, fullName, password, confirm, roles)
 * to a sentence.
 */
public record StaffForm(String username, String fullName, List<String> roles, Map<String, String> errors) {

    static StaffForm empty() {
        return new StaffForm(null, null, List.of(), Map.of());
    }

    public boolean checked(String role) {
        return roles != null && roles.contains(role);
    }

    public String error(String field) {
        return errors.get(field);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
