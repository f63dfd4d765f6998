package org.custodian.privacy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The explicit principal of work no person started: an interface feed, the demo hospital's load, a
 * command-line import. The modules' public services check permissions
 * ({@code @PreAuthorize} on the interface) whoever calls them, so such work runs as a named system
 * actor holding exactly the permissions its job needs — never as "nobody", which is refused, and
 * never with a person's identity. The actor's name is what the audit log records.
 */
public final class SystemAccess {

    private SystemAccess() {
    }

    /** The authentication of system actor {@code actor} holding {@code permissions} (no password, no session). */
    public static Authentication authentication(String actor, Collection<Permission> permissions) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        permissions.forEach(p -> authorities.add(new SimpleGrantedAuthority(p.authority())));
        return UsernamePasswordAuthenticationToken.authenticated(actor, null, authorities);
    }

    /** As {@link #authentication(String, Collection)} with the permissions of {@code role}, and the role itself. */
    public static Authentication authentication(String actor, Role role) {
        List<GrantedAuthority> authorities = new ArrayList<>(authentication(actor, role.permissions()).getAuthorities());
        authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name()));
        return UsernamePasswordAuthenticationToken.authenticated(actor, null, authorities);
    }

    /** Runs {@code work} as {@code actor} with {@code permissions}, restoring the caller's context after. */
    public static <T> T call(String actor, Set<Permission> permissions, Supplier<T> work) {
        return callAs(authentication(actor, permissions), work);
    }

    public static void run(String actor, Set<Permission> permissions, Runnable work) {
        call(actor, permissions, () -> {
            work.run();
            return null;
        });
    }

    /** Runs {@code work} as {@code authentication}, restoring the caller's security context after. */
    public static <T> T callAs(Authentication authentication, Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
