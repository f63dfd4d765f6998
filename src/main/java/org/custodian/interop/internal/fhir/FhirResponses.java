package org.custodian.interop.internal.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * How the FHIR API answers: a resource in the format the client asked for ({@code _format}, then
 * {@code Accept}; JSON by default), search results as a searchset Bundle with paging links, and
 * ids checked before any look-up.
 */
@Component
class FhirResponses {

    static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json;charset=UTF-8");
    static final MediaType FHIR_XML = MediaType.parseMediaType("application/fhir+xml;charset=UTF-8");

    private final FhirContext fhir;
    private final PublicBaseUrl publicBase;

    FhirResponses(FhirContext fhir, PublicBaseUrl publicBase) {
        this.fhir = fhir;
        this.publicBase = publicBase;
    }

    ResponseEntity<String> respond(int status, IBaseResource resource, HttpServletRequest request) {
        boolean xml = wantsXml(request);
        String body = (xml ? fhir.newXmlParser() : fhir.newJsonParser()).encodeResourceToString(resource);
        return ResponseEntity.status(status).contentType(xml ? FHIR_XML : FHIR_JSON).body(body);
    }

    static boolean wantsXml(HttpServletRequest request) {
        String format = request.getParameter("_format");
        if (format != null) {
            return format.contains("xml");
        }
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("xml") && !accept.contains("json");
    }

    /** One page; {@code page} holds up to count + 1 resources, the extra one only saying a next page exists. */
    ResponseEntity<String> searchset(List<Resource> page, SearchParams p, HttpServletRequest request) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        String base = publicBase.requestUrl(request); // never a forged Host header
        bundle.addLink().setRelation("self").setUrl(base + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
        boolean more = page.size() > p.count;
        for (Resource r : more ? page.subList(0, p.count) : page) {
            bundle.addEntry().setFullUrl(r.fhirType() + "/" + r.getIdElement().getIdPart()).setResource(r)
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        if (more) {
            bundle.addLink().setRelation("next").setUrl(base + "?" + p.queryWithOffset(p.offset + p.count));
        }
        if (p.offset > 0) {
            bundle.addLink().setRelation("previous").setUrl(base + "?" + p.queryWithOffset(Math.max(0, p.offset - p.count)));
        }
        return respond(200, bundle, request);
    }

    /** A logical id as our numeric key; anything else cannot name a resource here. */
    static long id(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new FhirSearchException(404, IssueType.NOTFOUND, "no resource with id " + FhirInput.sanitize(id).replaceAll("[^A-Za-z0-9-]", ""));
        }
    }

    static FhirSearchException notFound(String type, String id) {
        return new FhirSearchException(404, IssueType.NOTFOUND, type + "/" + id.replaceAll("[^A-Za-z0-9-]", "") + " is not known");
    }
}
