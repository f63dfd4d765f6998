package org.custodian.staff.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;
import org.custodian.staff.StaffMember;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Staff accounts for Spring Security: each role becomes its permissions plus ROLE_name. No account
 * is locked here: failed sign-ins are throttled per username and address ({@link JdbcSignInThrottle}),
 * so an attacker cannot lock the real user out.
 */
@Component
class StaffUserDetailsService implements UserDetailsService {

    private final JdbcStaffDirectory directory;
    private final Clock clock;

    StaffUserDetailsService(JdbcStaffDirectory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        StaffMember member = directory.member(username)
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        String hash = directory.passwordHash(username).orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        return User.withUsername(member.username())
                .password(hash)
                .authorities(authorities(member))
                .disabled(!member.enabled())
                .build();
    }

    static List<GrantedAuthority> authorities(StaffMember member) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        java.util.Set<Permission> permissions = java.util.EnumSet.noneOf(Permission.class);
        for (Role role : member.roles()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name()));
            permissions.addAll(role.permissions());
        }
        permissions.forEach(p -> authorities.add(new SimpleGrantedAuthority(p.authority())));
        return authorities;
    }
}
