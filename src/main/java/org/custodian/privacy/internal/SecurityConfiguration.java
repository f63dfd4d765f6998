package org.custodian.privacy.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Deny by default. The API takes HTTP Basic and keeps no session; the UI takes a form login with
 * CSRF protection and an idle timeout. Within each, methods demand permissions with
 * {@code @PreAuthorize}; a request that matches nothing here needs an authenticated user.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@ConditionalOnWebApplication // the CLI runs without a web server and so without HTTP security
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, AuditingAccessHandlers handlers) throws Exception {
        http.securityMatcher("/api/**")
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
        http.securityMatcher("/fhir/**")
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
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(a -> a
                        .requestMatchers(EndpointRequest.to("health")).permitAll()
                        .anyRequest().hasAuthority("staff:manage"))
                .httpBasic(b -> b.authenticationEntryPoint(handlers.apiEntryPoint()))
                .exceptionHandling(e -> e.authenticationEntryPoint(handlers.apiEntryPoint())
                        .accessDeniedHandler(handlers.apiAccessDenied()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable());
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain uiSecurity(HttpSecurity http, AuditingAccessHandlers handlers) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico",
                                "/error", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
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
