package org.custodian.interop.internal.fhir;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.custodian.CustodianSettings;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.stereotype.Component;

/**
 * The address that links in FHIR answers ($export manifests and status, search bundles) start
 * with. The request's {@code Host} header is the client's to choose, so it must not decide where a
 * bulk-export client fetches PHI from (issue 22, finding 8): {@code custodian.base-url} when set,
 * otherwise the request's own address only if its host is in {@code custodian.allowed-hosts}.
 */
@Component
class PublicBaseUrl {

    private final CustodianSettings settings;
    private final String baseUrl;

    PublicBaseUrl(CustodianSettings settings) {
        this.settings = settings;
        this.baseUrl = settings.publicBaseUrl();
    }

    /** The URL of this request's path, on the public address. */
    String requestUrl(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (!baseUrl.isEmpty()) {
            return baseUrl + path;
        }
        String host = request.getServerName().toLowerCase(Locale.ROOT);
        if (!settings.allowsHost(host)) {
            throw new FhirSearchException(400, IssueType.INVALID, "Host header: '" + (host.length() > 64 ? host.substring(0, 64) : host)
                    + "' is not one of custodian.allowed-hosts; set custodian.base-url to the public address");
        }
        return request.getRequestURL().toString();
    }
}
