package org.custodian.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditQuery;
import org.custodian.audit.AuditRecord;
import org.custodian.staff.NewStaffMember;
import org.custodian.staff.StaffDirectory;
import org.custodian.support.Api;
import org.custodian.support.Browser;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * OpenID Connect single sign-on in a browser (issue 22): a real OIDC provider (Spring Authorization
 * Server, started here on 127.0.0.1:19181 as configured in the test profile) signs the person in, and
 * Custodian opens the session of the staff account its ID token names, with that account's roles. A
 * person the provider knows but who has no staff account is refused with a page that says so, and no
 * account is created (HIPAA 45 CFR 164.308(a)(4)(ii)(C)).
 */
@CustodianTest
class OidcSignInBrowserIT {

    static final String IDP_PASSWORD = "idp-password-for-tests";
    static final String MEMBER = "sso-" + UUID.randomUUID().toString().substring(0, 8);
    static final String STRANGER = "stranger-" + UUID.randomUUID().toString().substring(0, 8);

    private static ConfigurableApplicationContext provider;

    @RegisterExtension
    final Browser browser = Browser.eachTest();

    @Autowired Api api;
    @Autowired StaffDirectory staff;
    @Autowired AuditLog audit;

    @BeforeEach
    void provider() {
        if (provider == null) {
            provider = new SpringApplicationBuilder(TestProvider.class)
                    .properties("spring.config.name=custodian-test-oidc-provider", "server.address=127.0.0.1",
                            "server.port=19181", "custodian.test.redirect-uri=" + api.baseUrl() + "/login/oauth2/code/sso",
                            "spring.main.banner-mode=off")
                    .run();
        }
    }

    @AfterAll
    static void stopProvider() {
        if (provider != null) {
            provider.close();
            provider = null;
        }
    }

    @Test
    void aPersonWithAStaffAccountSignsInThroughTheProviderWithTheAccountsRoles() {
        staff.create(new NewStaffMember(MEMBER, "Single Sign-On Member", StaffAccounts.PASSWORD, Set.of(Role.AUDITOR)));

        browser.open("/login");
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=sso-link]")));
        assertThat(browser.currentUrl()).startsWith("http://127.0.0.1:19181/");
        signInAtProvider(MEMBER);

        browser.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=username]"), MEMBER));
        assertThat(browser.currentUrl()).startsWith(api.baseUrl());
        assertThat(browser.find(By.cssSelector(".who-roles")).getText()).contains(Role.AUDITOR.title());
        // The account's permissions, no more: an auditor reads the audit log and no chart.
        browser.open("/audit");
        assertThat(browser.find(By.tagName("h1")).getText()).isNotBlank();
        List<AuditRecord> events = audit.find(new AuditQuery(null, MEMBER, null, null, 0, 20));
        assertThat(events).extracting(AuditRecord::action).contains("LOGIN");
    }

    @Test
    void aPersonWithoutAStaffAccountIsRefusedWithAPageSayingSoAndNoAccountIsCreated() {
        browser.open("/login");
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=sso-link]")));
        signInAtProvider(STRANGER);

        browser.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=login-message]")));
        assertThat(browser.currentUrl()).startsWith(api.baseUrl() + "/login");
        assertThat(browser.find(By.cssSelector("[data-testid=login-message]")).getText())
                .contains("no Custodian staff account matches you").contains("ask an administrator");
        assertThat(browser.findAll(By.cssSelector("[data-testid=username]"))).isEmpty();
        assertThat(staff.find(STRANGER)).isEmpty();
        browser.open("/");
        assertThat(browser.currentUrl()).as("still signed out").startsWith(api.baseUrl() + "/login");
    }

    private void signInAtProvider(String username) {
        browser.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
        browser.find(By.name("username")).sendKeys(username);
        browser.find(By.name("password")).sendKeys(IDP_PASSWORD);
        browser.find(By.cssSelector("button[type=submit]")).click();
        try {
            browser.until(d -> d.getCurrentUrl().startsWith(api.baseUrl()));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("still at " + browser.currentUrl() + ":\n" + browser.driver().getPageSource(), e);
        }
    }

    /** The test's OpenID provider: Spring Authorization Server with two people and Custodian as its client. */
    @ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
            SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class})
    static class TestProvider {

        @Bean
        @Order(1)
        SecurityFilterChain protocol(HttpSecurity http) throws Exception {
            http.oauth2AuthorizationServer(as -> {
                        http.securityMatcher(as.getEndpointsMatcher());
                        as.oidc(Customizer.withDefaults());
                    })
                    .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                    .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain people(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(a -> a.anyRequest().authenticated()).formLogin(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername(MEMBER).password("{noop}" + IDP_PASSWORD).roles("USER").build(),
                    User.withUsername(STRANGER).password("{noop}" + IDP_PASSWORD).roles("USER").build());
        }

        @Bean
        RegisteredClientRepository clients(org.springframework.core.env.Environment env) {
            RegisteredClient custodian = RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId("custodian").clientSecret("{noop}custodian-test-secret")
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri(env.getRequiredProperty("custodian.test.redirect-uri"))
                    .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE).scope(OidcScopes.EMAIL)
                    .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                    .build();
            return new InMemoryRegisteredClientRepository(custodian);
        }

        private final java.security.KeyPair pair = newPair();

        private static java.security.KeyPair newPair() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Bean
        JWKSource<SecurityContext> keys() {
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        /** For the provider's own user-info endpoint, which takes the access tokens it issued. */
        @Bean
        org.springframework.security.oauth2.jwt.JwtDecoder tokens() {
            return org.springframework.security.oauth2.jwt.NimbusJwtDecoder.withPublicKey((RSAPublicKey) pair.getPublic()).build();
        }

        @Bean
        AuthorizationServerSettings settings() {
            return AuthorizationServerSettings.builder().issuer("http://127.0.0.1:19181").build();
        }
    }
}
