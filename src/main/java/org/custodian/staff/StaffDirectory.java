package org.custodian.staff;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.custodian.privacy.Role;

/** The staff module's API: accounts and their roles. */
public interface StaffDirectory {

    List<StaffMember> all();

    Optional<StaffMember> find(String username);

    StaffMember create(NewStaffMember member);

    StaffMember setRoles(String username, Set<Role> roles);

    StaffMember setEnabled(String username, boolean enabled);

    StaffMember unlock(String username);

    void resetPassword(String username, String newPassword);
}
