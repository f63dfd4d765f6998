package org.custodian.privacy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * The issuer whose bearer tokens the API takes ({@code custodian.api.tokens.*}); with no issuer set,
 * no token is taken. A token must be signed by the issuer's key (its JWK set, from
 * {@code jwk-set-uri}, or from the issuer's OpenID/OAuth metadata on first use, or a fixed RSA
 * {@code public-key}), name the issuer, name this API as its audience, and be within its lifetime.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${custodian.api.tokens.issuer:}'.isBlank()")
class BearerTokenConfiguration {

    @Bean
    JwtDecoder bearerTokenDecoder(ApiSettings api, ResourceLoader resources) throws IOException, GeneralSecurityException {
        String issuer = api.tokens().issuer();
        String audience = api.tokens().audience();
        String jwkSetUri = api.tokens().jwkSetUri();
        String publicKey = api.tokens().publicKey();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefaultWithIssuer(issuer));
        validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)));
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(validators);
        if (!publicKey.isBlank()) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(rsaPublicKey(resources.getResource(publicKey))).build();
            decoder.setJwtValidator(validator);
            return decoder;
        }
        if (!jwkSetUri.isBlank()) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
            decoder.setJwtValidator(validator);
            return decoder;
        }
        // The issuer's metadata is read on the first token, so that Custodian starts while the issuer is down.
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(issuer);
            decoder.setJwtValidator(validator);
            return decoder;
        });
    }

    static RSAPublicKey rsaPublicKey(Resource pem) throws IOException, GeneralSecurityException {
        try (InputStream in = pem.getInputStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(text)));
        }
    }
}
