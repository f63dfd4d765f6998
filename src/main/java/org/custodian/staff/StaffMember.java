package org.custodian.staff;

import java.time.Instant;
import java.util.Set;
import org.custodian.privacy.Role;

/** A staff account as the rest of Custodian sees it; the password hash never leaves the module. */
public record StaffMember(long id, String username, String fullName, Set<Role> roles, boolean enabled,
                          int failedLogins, Instant lockedUntil, Instant createdAt) {

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
