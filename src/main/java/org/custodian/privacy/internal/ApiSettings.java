package org.custodian.privacy.internal;

import jakarta.validation.Valid;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code custodian.api.*}: the REST API's request body limits and its clients' OAuth2 bearer tokens.
 *
 * @param maxBody               largest JSON body on the API
 * @param maxBodyFhirImport     largest FHIR transaction import ({@code POST /fhir/r4})
 * @param maxBodyCertificate    largest CE activity with its certificate in base64
 * @param tokens                the issuer of bearer tokens (empty: none, HTTP Basic only), the audience they must
 *                              name, and the issuer's keys: a JWK set URI, a PEM RSA public key, or (both empty)
 *                              the issuer's metadata
 */
@ConfigurationProperties("custodian.api")
public record ApiSettings(@DefaultValue("1MB") DataSize maxBody,
                          @DefaultValue("64MB") DataSize maxBodyFhirImport,
                          @DefaultValue("8MB") DataSize maxBodyCertificate,
                          @DefaultValue @Valid Tokens tokens) {

    public record Tokens(@DefaultValue("") String issuer, @DefaultValue("custodian-api") String audience,
                         @DefaultValue("") String jwkSetUri, @DefaultValue("") String publicKey) {
    }

    /**
     * Spring Boot's {@code spring.servlet.multipart.max-request-size}: the limit of a multipart upload, which the
     * body limits apply to the API's multipart requests too.
     */
    @ConfigurationProperties("spring.servlet.multipart")
    public record Multipart(@DefaultValue("10MB") DataSize maxRequestSize) {
    }
}
