package org.custodian.privacy.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.custodian.privacy.BackendClients;
import org.custodian.privacy.FieldEncryption;
import org.custodian.privacy.Permission;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The SMART Backend Services token exchange (SMART App Launch 2, "Backend Services"; RFC 7523 §2.2 and §3;
 * RFC 6749 §4.4 client credentials; issue 22). A client proves who it is with a JWT it signs with its own
 * private key (RS384 or ES384): {@code iss} and {@code sub} its client id, {@code aud} this token endpoint,
 * {@code exp} at most five minutes ahead, a {@code jti} never used before. Custodian checks the signature with
 * the client's registered public key (Nimbus JOSE+JWT), then the claims, then records the {@code jti}; a
 * replayed, expired, mis-addressed or unsigned assertion is refused with {@code invalid_client}. The access
 * token it gives is a five-minute JWT (HS256, with a key derived from the data key, so every instance takes
 * it) whose {@code system/*.read} scope grants {@code fhir:export} and nothing else (HIPAA 45 CFR
 * 164.312(d), entity authentication; 164.502(b), minimum necessary).
 */
@Component
class SmartTokens {

    static final String ISSUER = "urn:custodian:smart-backend-services";
    static final String AUDIENCE = "custodian-fhir-bulk-data";
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final Duration MAX_ASSERTION_LIFETIME = Duration.ofMinutes(5);
    static final Duration SKEW = Duration.ofSeconds(30);

    record Issued(String clientId, String token, Set<String> scopes, long expiresIn) {
    }

    /** An RFC 6749 §5.2 error: {@code error} code, a description, and the client when known. */
    static final class Refused extends RuntimeException {
        final String error;
        final String clientId;

        Refused(String error, String description, String clientId) {
            super(description);
            this.error = error;
            this.clientId = clientId;
        }
    }

    private final JdbcBackendClients clients;
    private final Clock clock;
    private final byte[] secret;

    SmartTokens(JdbcBackendClients clients, Clock clock, FieldEncryption encryption) {
        this.clients = clients;
        this.clock = clock;
        this.secret = encryption.keyedHash("SMART Backend Services access-token signing key", "smart.token")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Exchanges a client's signed assertion for an access token; {@code endpoint} is this token endpoint's URL. */
    Issued exchange(String grantType, String assertionType, String assertion, String scope, String endpoint) {
        if (!"client_credentials".equals(grantType)) {
            throw new Refused("unsupported_grant_type", "grant_type must be client_credentials", null);
        }
        if (!ASSERTION_TYPE.equals(assertionType) || assertion == null || assertion.isBlank()) {
            throw new Refused("invalid_client", "client_assertion_type must be " + ASSERTION_TYPE + " with a client_assertion", null);
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new Refused("invalid_client", "client_assertion is not a signed JWT", null);
        }
        String clientId = claims.getIssuer();
        JdbcBackendClients.Stored client = clientId == null ? null : clients.find(clientId).orElse(null);
        if (client == null || !client.enabled()) {
            throw new Refused("invalid_client", "no registered client " + (clientId == null ? "(no iss)" : clientId), null);
        }
        verifySignature(jwt, client);
        Instant now = clock.instant();
        if (!clientId.equals(claims.getSubject())) {
            throw new Refused("invalid_client", "sub must equal iss (the client id)", clientId);
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(endpoint)) {
            throw new Refused("invalid_client", "aud must be this token endpoint, " + endpoint, clientId);
        }
        Date exp = claims.getExpirationTime();
        if (exp == null || !exp.toInstant().isAfter(now.minus(SKEW))) {
            throw new Refused("invalid_client", "the assertion has expired (or has no exp)", clientId);
        }
        if (exp.toInstant().isAfter(now.plus(MAX_ASSERTION_LIFETIME).plus(SKEW))) {
            throw new Refused("invalid_client", "exp may be at most five minutes ahead", clientId);
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now.plus(SKEW))) {
            throw new Refused("invalid_client", "the assertion is not valid yet (nbf)", clientId);
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank() || jti.length() > 255) {
            throw new Refused("invalid_client", "jti required (at most 255 characters)", clientId);
        }
        Set<String> granted = granted(scope, client.scopes(), clientId);
        if (!clients.firstUse(clientId, jti, exp.toInstant().plus(SKEW))) {
            throw new Refused("invalid_client", "jti already used: a replayed assertion", clientId);
        }
        return new Issued(clientId, sign(clientId, granted, now), granted, LIFETIME.toSeconds());
    }

    private static void verifySignature(SignedJWT jwt, JdbcBackendClients.Stored client) {
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!JWSAlgorithm.RS384.equals(alg) && !JWSAlgorithm.ES384.equals(alg)) {
            throw new Refused("invalid_client", "alg must be RS384 or ES384, not " + alg, client.clientId());
        }
        String kid = jwt.getHeader().getKeyID();
        for (JWK key : client.keys().getKeys()) {
            if (kid != null && !kid.equals(key.getKeyID())) {
                continue;
            }
            try {
                JWSVerifier verifier = key instanceof RSAKey rsa && alg.equals(JWSAlgorithm.RS384) ? new RSASSAVerifier(rsa)
                        : key instanceof ECKey ec && alg.equals(JWSAlgorithm.ES384) ? new ECDSAVerifier(ec) : null;
                if (verifier != null && jwt.verify(verifier)) {
                    return;
                }
            } catch (JOSEException e) {
                // this key does not verify it; try the next
            }
        }
        throw new Refused("invalid_client", "the signature matches none of the client's registered keys", client.clientId());
    }

    private static Set<String> granted(String scope, Set<String> allowed, String clientId) {
        Set<String> requested = new LinkedHashSet<>();
        if (scope != null) {
            for (String s : scope.trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    requested.add(s);
                }
            }
        }
        if (requested.isEmpty()) {
            throw new Refused("invalid_scope", "scope required, e.g. system/*.read", clientId);
        }
        if (!allowed.containsAll(requested)) {
            List<String> refused = new ArrayList<>(requested);
            refused.removeAll(allowed);
            throw new Refused("invalid_scope", "not granted to this client: " + String.join(" ", refused), clientId);
        }
        return requested;
    }

    private String sign(String clientId, Set<String> scopes, Instant now) {
        JWTClaimsSet token = new JWTClaimsSet.Builder().issuer(ISSUER).subject(clientId).audience(AUDIENCE)
                .claim("client_id", clientId).claim("scope", String.join(" ", scopes))
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString()).build();
        SignedJWT signed = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), token);
        try {
            signed.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a SMART access token", e);
        }
        return signed.serialize();
    }

    /** The decoder of the tokens this endpoint gives: its own key, issuer and audience, within their lifetime. */
    JwtDecoder decoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(ISSUER),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(AUDIENCE))));
        return decoder;
    }

    /** A SMART token's {@code system/*.read} (or {@code .rs}) grants {@code fhir:export}; it is named by its client id. */
    static Converter<Jwt, AbstractAuthenticationToken> converter() {
        return jwt -> {
            List<GrantedAuthority> authorities = new ArrayList<>();
            Set<String> scopes = BearerTokens.scopes(jwt);
            if (scopes.stream().anyMatch(BackendClients.SUPPORTED_SCOPES::contains)) {
                authorities.add(new SimpleGrantedAuthority(Permission.FHIR_EXPORT.authority()));
            }
            return new JwtAuthenticationToken(jwt, authorities, "smart:" + jwt.getClaimAsString("client_id"));
        };
    }
}
