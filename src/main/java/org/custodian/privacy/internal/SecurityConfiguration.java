package org.custodian.privacy.internal;

import org.custodian.privacy.SecondFactor;
import org.custodian.privacy.SignInThrottle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Deny by default. The API takes OAuth2 bearer tokens (when an issuer is configured) or HTTP Basic and
 * keeps no session; the UI takes a form login with a TOTP second factor, or OpenID Connect single sign-on
 * (when configured), with CSRF protection and an idle timeout. Within each, methods demand permissions with
 * {@code @PreAuthorize}; a request that matches nothing here needs an authenticated user.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@ConditionalOnWebApplication // the CLI runs without a web server and so without HTTP security
class SecurityConfiguration {

    private final SignInThrottle throttle;
    private final SecondFactor secondFactor;
    private final String baseUrl;
    private final JwtDecoder tokens;
    private final ClientRegistrationRepository singleSignOn;
    private final OAuth2UserService<OidcUserRequest, OidcUser> staffOidcUsers;
    private final SmartTokens smart;

    SecurityConfiguration(SignInThrottle throttle, SecondFactor secondFactor, org.custodian.CustodianSettings custodian,
                          ObjectProvider<JwtDecoder> tokens, ObjectProvider<ClientRegistrationRepository> singleSignOn,
                          ObjectProvider<OAuth2UserService<OidcUserRequest, OidcUser>> staffOidcUsers, SmartTokens smart) {
        this.smart = smart;
        this.throttle = throttle;
        this.secondFactor = secondFactor;
        this.baseUrl = custodian.baseUrl();
        this.tokens = tokens.getIfAvailable();
        this.singleSignOn = singleSignOn.getIfAvailable();
        this.staffOidcUsers = staffOidcUsers.getIfAvailable();
    }

    /**
     * People: OpenID Connect single sign-on beside the password form when an issuer is configured
     * ({@link SingleSignOnConfiguration}); a person without a staff account comes back to the sign-in page, refused.
     */
    private HttpSecurity singleSignOn(HttpSecurity http) throws Exception {
        if (singleSignOn != null && staffOidcUsers != null) {
            SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler();
            success.setDefaultTargetUrl("/");
            http.oauth2Login(o -> o.loginPage("/login").clientRegistrationRepository(singleSignOn)
                    .userInfoEndpoint(u -> u.oidcUserService(staffOidcUsers))
                    .successHandler(success)
                    .failureHandler(new SimpleUrlAuthenticationFailureHandler("/login?sso-refused")));
        }
        return http;
    }

    /**
     * API clients: OAuth2 bearer tokens from the configured issuer ({@code spring.security.oauth2.resourceserver.jwt.*}),
     * their scopes mapped to permissions ({@link BearerTokens}); without an issuer configured, HTTP Basic alone.
     */
    private HttpSecurity bearerTokens(HttpSecurity http, AuditingAccessHandlers handlers) throws Exception {
        if (tokens != null) {
            http.oauth2ResourceServer(o -> o
                    .jwt(j -> j.decoder(tokens).jwtAuthenticationConverter(BearerTokens.converter()))
                    .authenticationEntryPoint(handlers.apiEntryPoint())
                    .accessDeniedHandler(handlers.apiAccessDenied()));
        }
        return http;
    }

    /**
     * FHIR: the API's bearer tokens as above, and the SMART Backend Services tokens of {@code POST /smart/token}
     * ({@link SmartTokens}), told apart by their issuer; a token of any other issuer is refused.
     */
    private HttpSecurity fhirBearerTokens(HttpSecurity http, AuditingAccessHandlers handlers) throws Exception {
        JwtAuthenticationProvider smartProvider = new JwtAuthenticationProvider(smart.decoder());
        smartProvider.setJwtAuthenticationConverter(SmartTokens.converter());
        AuthenticationManager smartTokens = new ProviderManager(smartProvider);
        AuthenticationManager apiTokens = null;
        if (tokens != null) {
            JwtAuthenticationProvider apiProvider = new JwtAuthenticationProvider(tokens);
            apiProvider.setJwtAuthenticationConverter(BearerTokens.converter());
            apiTokens = new ProviderManager(apiProvider);
        }
        AuthenticationManager others = apiTokens;
        http.oauth2ResourceServer(o -> o
                .authenticationManagerResolver(new JwtIssuerAuthenticationManagerResolver(
                        issuer -> SmartTokens.ISSUER.equals(issuer) ? smartTokens : others))
                .authenticationEntryPoint(handlers.apiEntryPoint())
                .accessDeniedHandler(handlers.apiAccessDenied()));
        return http;
    }

    /** Signed in with every factor the account owes: not anonymous, and not still owing the second factor. */
    static final AuthorizationManager<RequestAuthorizationContext> SIGNED_IN = (authentication, context) -> {
        var auth = authentication.get();
        return new AuthorizationDecision(auth != null && auth.isAuthenticated()
                && !(auth instanceof AnonymousAuthenticationToken) && !SecondFactorGate.pending(auth));
    };

    /**
     * Before any credential is checked: refuse a cross-site unsafe request (CSRF through cached HTTP
     * Basic credentials), then a throttled sign-in (issue 22, findings 4 and 3). After HTTP Basic: refuse
     * an account that owes a second factor, which Basic cannot carry ({@link BasicWithoutSecondFactorFilter}).
     */
    private HttpSecurity guarded(HttpSecurity http, AuditingAccessHandlers handlers) {
        return http.addFilterBefore(new CrossSiteRequestFilter(handlers, baseUrl), BasicAuthenticationFilter.class)
                .addFilterBefore(new SignInThrottleFilter(throttle, handlers, false), BasicAuthenticationFilter.class)
                .addFilterAfter(new BasicWithoutSecondFactorFilter(secondFactor, handlers), BasicAuthenticationFilter.class);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, AuditingAccessHandlers handlers) throws Exception {
        bearerTokens(guarded(http, handlers), handlers).securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(handlers.apiEntryPoint()))
                .exceptionHandling(e -> e.authenticationEntryPoint(handlers.apiEntryPoint())
                        .accessDeniedHandler(handlers.apiAccessDenied()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Stateless HTTP Basic: no cookie rides along with a forged request, so no CSRF token.
                .csrf(c -> c.disable());
        return http.build();
    }

    /** FHIR R4 (interop): like the API, HTTP Basic and stateless; methods demand chart:read or interface:manage. */
    @Bean
    @Order(0)
    SecurityFilterChain fhirSecurity(HttpSecurity http, AuditingAccessHandlers handlers) throws Exception {
        fhirBearerTokens(guarded(http, handlers), handlers).securityMatcher("/fhir/**")
                .authorizeHttpRequests(a -> a.requestMatchers("/fhir/r4/.well-known/smart-configuration").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(handlers.apiEntryPoint()))
                .exceptionHandling(e -> e.authenticationEntryPoint(handlers.apiEntryPoint())
                        .accessDeniedHandler(handlers.apiAccessDenied()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable());
        return http.build();
    }

    /**
     * The SMART Backend Services token endpoint: open, since the client's signed assertion in the form is its
     * credential ({@link SmartTokens}); no session, no cookie, so no CSRF token.
     */
    @Bean
    @Order(0)
    SecurityFilterChain smartTokenEndpoint(HttpSecurity http, AuditingAccessHandlers handlers) throws Exception {
        http.securityMatcher(SmartTokenController.TOKEN_PATH)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .exceptionHandling(e -> e.authenticationEntryPoint(handlers.apiEntryPoint()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuatorSecurity(HttpSecurity http, AuditingAccessHandlers handlers) throws Exception {
        guarded(http, handlers).securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(a -> a
                        .requestMatchers(EndpointRequest.to("health")).permitAll()
                        .requestMatchers(EndpointRequest.to("prometheus")).hasAuthority("metrics:scrape")
                        .anyRequest().hasAuthority("staff:manage"))
                .httpBasic(b -> b.authenticationEntryPoint(handlers.apiEntryPoint()))
                .exceptionHandling(e -> e.authenticationEntryPoint(handlers.apiEntryPoint())
                        .accessDeniedHandler(handlers.apiAccessDenied()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable());
        return http.build();
    }

    /**
     * The API's description: for any signed-in user, by HTTP Basic (API clients) or by the UI's
     * session (Swagger UI), never anonymously (issue 22, finding 8).
     */
    @Bean
    @Order(3)
    SecurityFilterChain apiDocsSecurity(HttpSecurity http, AuditingAccessHandlers handlers) throws Exception {
        guarded(http, handlers).securityMatcher("/v3/api-docs", "/v3/api-docs/**")
                .authorizeHttpRequests(a -> a.anyRequest().access(SIGNED_IN))
                .httpBasic(b -> b.authenticationEntryPoint(handlers.apiEntryPoint()))
                .exceptionHandling(e -> e.authenticationEntryPoint(handlers.apiEntryPoint())
                        .accessDeniedHandler(handlers.apiAccessDenied()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .csrf(c -> c.disable());
        return http.build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain uiSecurity(HttpSecurity http, AuditingAccessHandlers handlers) throws Exception {
        // The API's description (/v3/api-docs, /swagger-ui) needs a signed-in user (issue 22, finding 8).
        singleSignOn(http).addFilterBefore(new SignInThrottleFilter(throttle, handlers, true), UsernamePasswordAuthenticationFilter.class)
                // The second factor (TOTP): a session that owes it opens its second-factor pages and nothing else.
                .addFilterBefore(new SecondFactorGate(), AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico",
                                "/error").permitAll()
                        .requestMatchers(SecondFactor.VERIFY_PATH, SecondFactor.VERIFY_PATH + "/**").authenticated()
                        .anyRequest().access(SIGNED_IN))
                .formLogin(f -> f.loginPage("/login").successHandler(SecondFactorGate.afterPassword(secondFactor)).permitAll())
                .requestCache(c -> c.requestCache(new PagesOnlyRequestCache()))
                // Dropping the session cookie on sign-out keeps the next page from reading as "session expired".
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").deleteCookies("JSESSIONID"))
                .exceptionHandling(e -> e.accessDeniedHandler(handlers.uiAccessDenied()))
                .sessionManagement(s -> s.invalidSessionUrl("/login?expired"))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(
                        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'")));
        return http.build();
    }
}
