package org.custodian.privacy.internal;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.custodian.Actor;
import org.custodian.Problem;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.privacy.BackendClients;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The registered SMART Backend Services clients and the assertion ids they have used (V152). */
@Service
class JdbcBackendClients implements BackendClients {

    /** A registered client as the token endpoint needs it: its keys and scopes. */
    record Stored(String clientId, JWKSet keys, Set<String> scopes, boolean enabled) {
    }

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    JdbcBackendClients(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public BackendClient register(NewBackendClient c) {
        if (c.clientId() == null || !c.clientId().matches("[A-Za-z0-9._~-]{3,100}")) {
            throw Problem.invalid("invalid-client-registration", "clientId: 3 to 100 letters, digits or . _ ~ -");
        }
        if (c.name() == null || c.name().isBlank() || c.name().length() > 200) {
            throw Problem.invalid("invalid-client-registration", "name: required, at most 200 characters");
        }
        Set<String> scopes = c.scopes() == null || c.scopes().isEmpty() ? Set.of("system/*.read") : new LinkedHashSet<>(c.scopes());
        if (!SUPPORTED_SCOPES.containsAll(scopes)) {
            throw Problem.invalid("invalid-client-registration", "scopes: only " + String.join(", ", SUPPORTED_SCOPES));
        }
        JWKSet keys = publicKeys(c.jwks());
        if (jdbc.sql("select exists(select 1 from smart_client where client_id = ?)").param(c.clientId()).query(Boolean.class).single()) {
            throw Problem.conflict("client-already-registered", "Client already registered", "clientId " + c.clientId() + " is taken");
        }
        Instant now = clock.instant();
        String by = Actor.current();
        jdbc.sql("insert into smart_client (client_id, name, jwks, scopes, registered_by, registered_at) values (?, ?, ?, ?, ?, ?)")
                .params(c.clientId(), c.name().strip(), keys.toString(true), String.join(" ", scopes), by, now.atOffset(ZoneOffset.UTC))
                .update();
        audit.record(AuditAction.ADMIN, AuditOutcome.SUCCESS, null, "SmartClient", c.clientId(),
                "registered a SMART Backend Services client, scopes " + String.join(" ", scopes));
        return new BackendClient(c.clientId(), c.name().strip(), scopes, by, now, true);
    }

    /**
     * The JWK set's public keys: RSA of 2,048 bits or more (RS384) or EC on P-384 (ES384), each with a
     * {@code kid}; a private key in it is refused (the client keeps it; it must never travel).
     */
    static JWKSet publicKeys(String jwks) {
        JWKSet set;
        try {
            set = JWKSet.parse(jwks == null ? "" : jwks);
        } catch (ParseException e) {
            throw Problem.invalid("invalid-client-registration", "jwks: not a JWK set (RFC 7517): " + e.getMessage());
        }
        if (set.getKeys().isEmpty()) {
            throw Problem.invalid("invalid-client-registration", "jwks: no key");
        }
        for (JWK key : set.getKeys()) {
            if (key.isPrivate()) {
                throw Problem.invalid("invalid-client-registration", "jwks: holds a private key; register the public key only");
            }
            if (key.getKeyID() == null || key.getKeyID().isBlank()) {
                throw Problem.invalid("invalid-client-registration", "jwks: every key needs a kid");
            }
            boolean usable = key instanceof RSAKey rsa && rsa.size() >= 2048
                    || key instanceof ECKey ec && Curve.P_384.equals(ec.getCurve());
            if (!usable) {
                throw Problem.invalid("invalid-client-registration", "jwks: key " + key.getKeyID()
                        + " is neither RSA of 2,048 bits or more (RS384) nor EC P-384 (ES384)");
            }
        }
        return set;
    }

    @Override
    public List<BackendClient> list() {
        return jdbc.sql("select client_id, name, scopes, registered_by, registered_at, enabled from smart_client order by client_id")
                .query((rs, i) -> new BackendClient(rs.getString(1), rs.getString(2), scopes(rs.getString(3)), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getBoolean(6))).list();
    }

    Optional<Stored> find(String clientId) {
        return jdbc.sql("select client_id, jwks, scopes, enabled from smart_client where client_id = ?").param(clientId)
                .query((rs, i) -> {
                    try {
                        return new Stored(rs.getString(1), JWKSet.parse(rs.getString(2)), scopes(rs.getString(3)), rs.getBoolean(4));
                    } catch (ParseException e) {
                        throw new IllegalStateException("stored JWK set of " + clientId + " unreadable", e);
                    }
                }).optional();
    }

    /** Records an assertion's {@code jti}; false when the client used it before (a replay). Expired ids are dropped. */
    boolean firstUse(String clientId, String jti, Instant expiresAt) {
        jdbc.sql("delete from smart_assertion_jti where expires_at < ?").param(Timestamp.from(clock.instant())).update();
        return jdbc.sql("insert into smart_assertion_jti (client_id, jti, expires_at) values (?, ?, ?) on conflict do nothing")
                .params(clientId, jti, Timestamp.from(expiresAt)).update() == 1;
    }

    private static Set<String> scopes(String text) {
        return new LinkedHashSet<>(Arrays.asList(text.trim().split("\\s+")));
    }
}
