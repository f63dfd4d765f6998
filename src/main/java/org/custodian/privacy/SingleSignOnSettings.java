package org.custodian.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code custodian.sso.*}: OpenID Connect single sign-on for people (empty issuer: none). The ID token's
 * {@code usernameClaim} names the staff account; Custodian never opens one by itself.
 *
 * @param issuer        the identity provider's issuer URL; empty: no single sign-on
 * @param clientId      Custodian's client at the provider
 * @param clientSecret  its secret
 * @param name          the sign-in button's words
 * @param usernameClaim the ID token claim that holds the staff username
 */
@ConfigurationProperties("custodian.sso")
public record SingleSignOnSettings(@DefaultValue("") String issuer, @DefaultValue("") String clientId,
                                   @DefaultValue("") String clientSecret, @DefaultValue("Single sign-on") String name,
                                   @DefaultValue("preferred_username") String usernameClaim) {

    public boolean enabled() {
        return issuer != null && !issuer.isBlank();
    }
}
