package org.custodian.privacy.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.privacy.BackendClients;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The SMART Backend Services token endpoint ({@code POST /smart/token}, form-encoded, no other credentials:
 * the client's signed assertion is the credential) and its discovery document
 * ({@code GET /fhir/r4/.well-known/smart-configuration}). Every issue and every refusal is audited.
 */
@RestController
@Tag(name = "SMART Backend Services clients", description = "Bulk-data clients that sign their own token requests (RFC 7523).")
class SmartTokenController {

    static final String TOKEN_PATH = "/smart/token";

    private final SmartTokens tokens;
    private final AuditTrail audit;
    private final String baseUrl;
    private final org.custodian.CustodianSettings custodian;

    SmartTokenController(SmartTokens tokens, AuditTrail audit, org.custodian.CustodianSettings custodian) {
        this.tokens = tokens;
        this.audit = audit;
        this.custodian = custodian;
        this.baseUrl = custodian.publicBaseUrl();
    }

    @Operation(summary = "Exchange a client's signed assertion (private_key_jwt, RS384/ES384) for a five-minute bulk-data token")
    @PostMapping(path = TOKEN_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> token(@RequestParam(name = "grant_type", required = false) String grantType,
                                              @RequestParam(name = "client_assertion_type", required = false) String assertionType,
                                              @RequestParam(name = "client_assertion", required = false) String assertion,
                                              @RequestParam(name = "scope", required = false) String scope,
                                              HttpServletRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        String endpoint = origin(request);
        if (endpoint == null) {
            body.put("error", "invalid_request");
            body.put("error_description", "Host is not one of custodian.allowed-hosts; set custodian.base-url");
            return ResponseEntity.badRequest().cacheControl(CacheControl.noStore()).body(body);
        }
        try {
            SmartTokens.Issued issued = tokens.exchange(grantType, assertionType, assertion, scope, endpoint + TOKEN_PATH);
            audit.recordAs(null, "smart:" + issued.clientId(), AuditAction.LOGIN, AuditOutcome.SUCCESS, "SmartClient",
                    issued.clientId(), "SMART Backend Services token, scope " + String.join(" ", issued.scopes()));
            body.put("access_token", issued.token());
            body.put("token_type", "bearer");
            body.put("expires_in", issued.expiresIn());
            body.put("scope", String.join(" ", issued.scopes()));
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(body);
        } catch (SmartTokens.Refused refused) {
            String who = refused.clientId == null ? "smart:unknown" : "smart:" + refused.clientId;
            audit.recordAs(null, who, AuditAction.LOGIN_FAILED, AuditOutcome.DENIED, "SmartClient", refused.clientId,
                    refused.error + ": " + refused.getMessage());
            body.put("error", refused.error);
            body.put("error_description", refused.getMessage());
            return ResponseEntity.badRequest().cacheControl(CacheControl.noStore()).body(body);
        }
    }

    /** SMART App Launch 2 §"SMART configuration": what a backend client needs to find and use the token endpoint. */
    @Operation(summary = "SMART configuration: the token endpoint, its authentication method, algorithms and scopes")
    @GetMapping(path = "/fhir/r4/.well-known/smart-configuration", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> configuration(HttpServletRequest request) {
        String origin = origin(request);
        if (origin == null) {
            return ResponseEntity.badRequest().build();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_endpoint", origin + TOKEN_PATH);
        body.put("grant_types_supported", List.of("client_credentials"));
        body.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        body.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS384", "ES384"));
        body.put("scopes_supported", BackendClients.SUPPORTED_SCOPES.stream().sorted().toList());
        body.put("capabilities", List.of("client-confidential-asymmetric"));
        return ResponseEntity.ok(body);
    }

    /** This server's public origin: {@code custodian.base-url}, or the request's own if its host is allowed (issue 22, finding 8). */
    private String origin(HttpServletRequest request) {
        if (!baseUrl.isEmpty()) {
            return baseUrl;
        }
        String host = request.getServerName().toLowerCase(Locale.ROOT);
        if (!custodian.allowsHost(host)) {
            return null;
        }
        String url = request.getRequestURL().toString();
        return url.substring(0, url.length() - request.getRequestURI().length());
    }
}
