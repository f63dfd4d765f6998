package org.custodian.privacy.internal;

import org.custodian.privacy.SingleSignOnSettings;

import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * OpenID Connect single sign-on for people ({@code custodian.sso.*}; none when no issuer is set). The
 * hospital's identity provider authenticates; Custodian maps the person to the staff account named by
 * one claim of the ID token ({@code custodian.sso.username-claim}, by default {@code preferred_username})
 * and gives the session that account's roles and permissions. No account, or a disabled one: refused,
 * with a page saying so; an account is never created by a sign-in (HIPAA 45 CFR 164.308(a)(4)(ii)(C),
 * access establishment is an administrator's decision).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${custodian.sso.issuer:}'.isBlank()")
class SingleSignOnConfiguration {

    static final String REGISTRATION = "sso";
    static final String NO_ACCOUNT = "no_staff_account";

    /** The provider's registration, from its OpenID metadata on first use, so that Custodian starts while it is down. */
    @Bean
    ClientRegistrationRepository singleSignOnRegistrations(SingleSignOnSettings sso) {
        String issuer = sso.issuer();
        String clientId = sso.clientId();
        String clientSecret = sso.clientSecret();
        String name = sso.name();
        return new ClientRegistrationRepository() {
            private volatile ClientRegistration registration;

            @Override
            public ClientRegistration findByRegistrationId(String id) {
                if (!REGISTRATION.equals(id)) {
                    return null;
                }
                ClientRegistration r = registration;
                if (r == null) {
                    synchronized (this) {
                        if (registration == null) {
                            registration = ClientRegistrations.fromIssuerLocation(issuer).registrationId(REGISTRATION)
                                    .clientId(clientId).clientSecret(clientSecret).clientName(name)
                                    .scope("openid", "profile", "email").build();
                        }
                        r = registration;
                    }
                }
                return r;
            }
        };
    }

    /** The person signed in at the provider, as the staff account their claim names, or refused. */
    @Bean
    OAuth2UserService<OidcUserRequest, OidcUser> staffOidcUsers(UserDetailsService staff,
                                                                SingleSignOnSettings sso) {
        String claim = sso.usernameClaim();
        OidcUserService provider = new OidcUserService();
        return request -> {
            OidcUser person = provider.loadUser(request);
            String value = person.getClaimAsString(claim);
            if (value == null || value.isBlank()) {
                throw refused("the identity provider sent no " + claim);
            }
            String username = value.strip().toLowerCase(Locale.ROOT);
            UserDetails account;
            try {
                account = staff.loadUserByUsername(username);
            } catch (UsernameNotFoundException e) {
                throw refused("no staff account " + username);
            }
            if (!account.isEnabled()) {
                throw refused("staff account " + username + " is disabled");
            }
            return new StaffOidcUser(account, person);
        };
    }

    private static OAuth2AuthenticationException refused(String why) {
        return new OAuth2AuthenticationException(new OAuth2Error(NO_ACCOUNT, why, null), why);
    }

    /** The provider's person with the staff account's name and authorities. */
    static final class StaffOidcUser extends DefaultOidcUser {

        private final String username;

        StaffOidcUser(UserDetails account, OidcUser person) {
            super(account.getAuthorities(), person.getIdToken(), person.getUserInfo());
            this.username = account.getUsername();
        }

        @Override
        public String getName() {
            return username;
        }
    }
}
