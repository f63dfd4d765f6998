package org.custodian.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * SMART Backend Services clients (HL7 SMART App Launch 2, "Backend Services"; issue 22): systems that fetch
 * bulk FHIR data with no person present. A client registers its public keys (a JWK set, RS384 or ES384) and
 * the {@code system/} scopes it may ask; it then signs its own assertion (RFC 7523) at {@code POST /smart/token}
 * and gets a five-minute bearer token for {@code /fhir/r4/$export}. Registering one grants bulk export, so only
 * holders of {@code fhir:export} register (HIPAA 45 CFR 164.308(a)(4), access authorization).
 */
public interface BackendClients {

    /** The scopes a client may be given: every resource type, read (SMART v1 {@code .read}, v2 {@code .rs}). */
    Set<String> SUPPORTED_SCOPES = Set.of("system/*.read", "system/*.rs");

    record NewBackendClient(String clientId, String name, String jwks, Set<String> scopes) {
    }

    record BackendClient(String clientId, String name, Set<String> scopes, String registeredBy, Instant registeredAt,
                         boolean enabled) {
    }

    /** Registers a client; refuses a JWK set with no usable public key, or with a private key in it. */
    @PreAuthorize("hasAuthority('fhir:export')")
    BackendClient register(NewBackendClient client);

    @PreAuthorize("hasAuthority('fhir:export')")
    List<BackendClient> list();
}
