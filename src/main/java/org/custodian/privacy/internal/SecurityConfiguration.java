package org.custodian.privacy.internal;

import org.custodian.privacy.SignInThrottle;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Deny by default. The API takes HTTP Basic and keeps no session; the UI takes a form login with
 * CSRF protection and an idle timeout. Within each, methods demand permissions with
 * {@code @PreAuthorize}; a request that matches nothing here needs an authenticated user.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@ConditionalOnWebApplication // the CLI runs without a web server and so without HTTP security
class SecurityConfiguration {

    private final SignInThrottle throttle;
    private final String baseUrl;

    SecurityConfiguration(SignInThrottle throttle, @Value("${custodian.base-url:}") String baseUrl) {
        this.throttle = throttle;
        this.baseUrl = baseUrl;
    }

    /**
     * Before any credential is checked: refuse a cross-site unsafe request (CSRF through cached HTTP
     * Basic credentials), then a throttled sign-in (issue 22, findings 4 and 3).
     */
    private HttpSecurity guarded(HttpSecurity http, AuditingAccessHandlers handlers) {
        return http.addFilterBefore(new CrossSiteRequestFilter(handlers, baseUrl), BasicAuthenticationFilter.class)
                .addFilterBefore(new SignInThrottleFilter(throttle, handlers, false), BasicAuthenticationFilter.class);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, AuditingAccessHandlers handlers) throws Exception {
        guarded(http, handlers).securityMatcher("/api/**")
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
        guarded(http, handlers).securityMatcher("/fhir/**")
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(handlers.apiEntryPoint()))
                .exceptionHandling(e -> e.authenticationEntryPoint(handlers.apiEntryPoint())
                        .accessDeniedHandler(handlers.apiAccessDenied()))
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
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
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
        http.addFilterBefore(new SignInThrottleFilter(throttle, handlers, true), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico",
                                "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                // Dropping the session cookie on sign-out keeps the next page from reading as "session expired".
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").deleteCookies("JSESSIONID"))
                .exceptionHandling(e -> e.accessDeniedHandler(handlers.uiAccessDenied()))
                .sessionManagement(s -> s.invalidSessionUrl("/login?expired"))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(
                        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'")));
        return http.build();
    }
}
