package org.custodian.interop.internal.fhir;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Enumerations;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The CapabilityStatement ({@code GET /fhir/r4/metadata}): the resource types, interactions and
 * search parameters this server supports — the same lists {@link SearchParams} enforces.
 */
@Tag(name = "FHIR R4", description = "HL7 FHIR R4 interface for the EHR and other systems: transaction bundles in, resources and searches out. Errors are OperationOutcome.")
@RestController
@RequestMapping("/fhir/r4")
class FhirCapabilityController implements FhirEndpoint {

    private final FhirResponses responses;

    FhirCapabilityController(FhirResponses responses) {
        this.responses = responses;
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
        for (String type : List.of("Patient", "Encounter", "Condition", "Procedure", "DocumentReference")) {
            CapabilityStatementRestResourceComponent resource = rest.addResource().setType(type);
            resource.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.READ);
            resource.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE);
            for (String p : SearchParams.SEARCH.get(type).stream().sorted().toList()) {
                resource.addSearchParam().setName(p).setType(paramType(p));
            }
        }
        rest.getResource().get(0).addOperation().setName("export").setDefinition("http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export");
        return responses.respond(200, cs, request);
    }

    private static Enumerations.SearchParamType paramType(String p) {
        return switch (p) {
            case "birthdate", "date" -> Enumerations.SearchParamType.DATE;
            case "patient", "encounter" -> Enumerations.SearchParamType.REFERENCE;
            case "identifier", "gender", "status", "type" -> Enumerations.SearchParamType.TOKEN;
            default -> Enumerations.SearchParamType.STRING;
        };
    }
}
