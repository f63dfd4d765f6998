package org.custodian.staff;

import java.util.List;
import java.util.Set;
import org.custodian.privacy.Role;

/** One staff member in the director's team view: credential progress and unmet job requirements. */
public record TeamMemberStatus(String username, String fullName, Set<Role> roles, List<CredentialProgress> credentials,
                               List<String> unmetJobRequirements) {

    public boolean needsAttention() {
        return !unmetJobRequirements.isEmpty() || credentials.stream().anyMatch(c -> c.status().warning());
    }
}
