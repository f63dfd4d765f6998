package org.custodian.privacy.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.custodian.privacy.Permission;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * OAuth2 bearer tokens of API clients (JWTs from the configured issuer, checked by Spring's resource
 * server: signature, issuer, audience, expiry): each scope that names a {@link Permission}
 * ({@code chart:read}, {@code fhir:export}, ...) grants that permission and nothing else, so a token
 * meets the same {@code @PreAuthorize} checks as a person (HIPAA 45 CFR 164.312(d), entity
 * authentication; 164.502(b), minimum necessary: a client gets the scopes it asked and was given).
 * Other scopes grant nothing. The client is named by the token's {@code client_id}, else its subject,
 * in the audit log.
 */
final class BearerTokens {

    private BearerTokens() {
    }

    static Converter<Jwt, AbstractAuthenticationToken> converter() {
        return jwt -> {
            String name = jwt.getClaimAsString("client_id");
            if (name == null || name.isBlank()) {
                name = jwt.getSubject();
            }
            return new JwtAuthenticationToken(jwt, permissions(scopes(jwt)), name);
        };
    }

    /** The scopes of {@code scope} (space-separated, RFC 8693/9068) or {@code scp} (a list). */
    static Set<String> scopes(Jwt jwt) {
        Set<String> scopes = new LinkedHashSet<>();
        Object scope = jwt.getClaims().get("scope");
        if (scope instanceof String s) {
            for (String part : s.trim().split("\\s+")) {
                if (!part.isEmpty()) {
                    scopes.add(part);
                }
            }
        } else if (scope instanceof Collection<?> c) {
            c.forEach(o -> scopes.add(String.valueOf(o)));
        }
        if (jwt.getClaims().get("scp") instanceof Collection<?> c) {
            c.forEach(o -> scopes.add(String.valueOf(o)));
        }
        return scopes;
    }

    static List<GrantedAuthority> permissions(Set<String> scopes) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (Permission permission : Permission.values()) {
            if (scopes.contains(permission.authority())) {
                authorities.add(new SimpleGrantedAuthority(permission.authority()));
            }
        }
        return authorities;
    }
}
