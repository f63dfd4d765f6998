package org.custodian.staff;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.custodian.privacy.Role;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The staff module's API: accounts and their roles. Authorized here, whoever calls (a page, the CLI, another
 * module): managing accounts is {@code staff:manage} (HIPAA 45 CFR 164.308(a)(4)(ii)(C), access establishment and
 * modification), lifting a sign-in throttle {@code staff:unlock}; an instructor looks up the students they enrol.
 * Sign-in itself (before anyone is authenticated) reads accounts inside the module, not through this interface.
 */
public interface StaffDirectory {

    @PreAuthorize("hasAuthority('staff:manage')")
    List<StaffMember> all();

    @PreAuthorize("hasAnyAuthority('staff:manage', 'staff:unlock', 'practicum:teach')")
    Optional<StaffMember> find(String username);

    @PreAuthorize("hasAuthority('staff:manage')")
    StaffMember create(NewStaffMember member);

    @PreAuthorize("hasAuthority('staff:manage')")
    StaffMember setRoles(String username, Set<Role> roles);

    @PreAuthorize("hasAuthority('staff:manage')")
    StaffMember setEnabled(String username, boolean enabled);

    @PreAuthorize("hasAuthority('staff:unlock')")
    StaffMember unlock(String username);

    @PreAuthorize("hasAuthority('staff:manage')")
    void resetPassword(String username, String newPassword);
}
