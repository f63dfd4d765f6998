package org.custodian.interop.internal.fhir;

import ca.uhn.fhir.context.FhirContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.Enumerations;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The CapabilityStatement ({@code GET /fhir/r4/metadata}): exactly what this server supports,
 * from the same lists the searches enforce. Every R4 resource type is kept as it arrives, so each
 * is readable and searchable with the parameters {@link SearchIndexer} indexes (its token,
 * reference and string parameters and one date), {@code _id} and {@code _lastUpdated};
 * {@code _include} of its reference parameters; Patient has {@code $everything} and
 * {@code $export}; AuditEvent is read from the audit log.
 */
@Tag(name = "FHIR R4", description = "HL7 FHIR R4 interface for the EHR and other systems: transaction bundles in, resources and searches out. Errors are OperationOutcome.")
@RestController
@RequestMapping("/fhir/r4")
class FhirCapabilityController implements FhirEndpoint {

    private final FhirResponses responses;
    private final FhirContext fhir;
    private final SearchIndexer indexer;

    FhirCapabilityController(FhirResponses responses, FhirContext fhir, SearchIndexer indexer) {
        this.responses = responses;
        this.fhir = fhir;
        this.indexer = indexer;
    }

    @Operation(summary = "FHIR capability statement: what this server supports")
    @GetMapping("/metadata")
    @PreAuthorize("hasAuthority('chart:read')")
    ResponseEntity<String> metadata(HttpServletRequest request) {
        CapabilityStatement cs = new CapabilityStatement();
        cs.setStatus(Enumerations.PublicationStatus.ACTIVE).setDate(new java.util.Date())
                .setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE)
                .setFhirVersion(Enumerations.FHIRVersion._4_0_1).addFormat("json").addFormat("xml");
        cs.getSoftware().setName("Custodian");
        var rest = cs.addRest().setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        rest.addInteraction().setCode(CapabilityStatement.SystemRestfulInteraction.TRANSACTION);
        rest.addInteraction().setCode(CapabilityStatement.SystemRestfulInteraction.BATCH);
        for (String type : new TreeSet<>(fhir.getResourceTypes())) {
            CapabilityStatementRestResourceComponent resource = rest.addResource().setType(type);
            resource.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.READ);
            resource.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE);
            if (type.equals("AuditEvent")) {
                resource.setDocumentation("The audit log, read-only, in the shape of IHE Basic Audit Log Patterns");
                resource.addSearchParam().setName("patient").setType(Enumerations.SearchParamType.REFERENCE);
                resource.addSearchParam().setName("agent").setType(Enumerations.SearchParamType.TOKEN)
                        .setDocumentation("the user name");
                resource.addSearchParam().setName("date").setType(Enumerations.SearchParamType.DATE);
                continue;
            }
            String date = indexer.dateParam(type);
            Set<String> legacy = SearchParams.SEARCH.getOrDefault(type, Set.of());
            for (SearchIndexer.Param p : indexer.params(type).values()) {
                if (p.kind() == SearchIndexer.Kind.DATE && !p.name().equals(date)) {
                    continue;
                }
                resource.addSearchParam().setName(p.name()).setType(switch (p.kind()) {
                    case TOKEN -> Enumerations.SearchParamType.TOKEN;
                    case REFERENCE -> Enumerations.SearchParamType.REFERENCE;
                    case STRING -> Enumerations.SearchParamType.STRING;
                    case DATE -> Enumerations.SearchParamType.DATE;
                });
                if (p.kind() == SearchIndexer.Kind.REFERENCE) {
                    resource.addSearchInclude(type + ":" + p.name());
                }
            }
            for (String p : legacy) {
                if (resource.getSearchParam().stream().noneMatch(s -> s.getName().equals(p))) {
                    resource.addSearchParam().setName(p).setType(Enumerations.SearchParamType.STRING);
                }
            }
            resource.addSearchParam().setName("_id").setType(Enumerations.SearchParamType.TOKEN);
            resource.addSearchParam().setName("_lastUpdated").setType(Enumerations.SearchParamType.DATE);
            resource.addSearchRevInclude("Provenance:target");
            if (type.equals("Patient")) {
                resource.addOperation().setName("everything").setDefinition("http://hl7.org/fhir/OperationDefinition/Patient-everything");
                resource.addOperation().setName("export").setDefinition("http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export");
            }
        }
        return responses.respond(200, cs, request);
    }
}
