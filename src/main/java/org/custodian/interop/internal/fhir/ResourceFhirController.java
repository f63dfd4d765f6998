package org.custodian.interop.internal.fhir;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * FHIR R4 read and search of every kept resource type (Observation, MedicationRequest,
 * AllergyIntolerance, Immunization, CarePlan, Claim, ... whatever arrived), and
 * {@code Patient/{id}/$everything}. Patient, Encounter, Condition, Procedure and DocumentReference
 * have their own controllers, which hand a request to this one when it names a kept resource by
 * its id or asks for more than they offer. An unknown type is a 404 OperationOutcome (an unknown
 * path too, answered by the web module). Reads are audited by the chart module.
 */
@Tag(name = "FHIR R4", description = "HL7 FHIR R4 interface for the EHR and other systems: transaction bundles in, resources and searches out. Errors are OperationOutcome.")
@RestController
@RequestMapping("/fhir/r4")
class ResourceFhirController implements FhirEndpoint {

    private final StoredFhir stored;

    ResourceFhirController(StoredFhir stored) {
        this.stored = stored;
    }

    @Operation(summary = "Search any kept resource type by its FHIR R4 search parameters (audited)")
    @GetMapping("/{type}")
    @PreAuthorize("hasAuthority('chart:read')")
    ResponseEntity<String> search(@PathVariable String type, HttpServletRequest request) {
        return stored.search(type, request);
    }

    @Operation(summary = "Read any kept resource by type and id (audited)")
    @GetMapping("/{type}/{id}")
    @PreAuthorize("hasAuthority('chart:read')")
    ResponseEntity<String> read(@PathVariable String type, @PathVariable String id, HttpServletRequest request) {
        return stored.read(type, id, request);
    }

    @Operation(summary = "A patient's whole kept record, paged; _since, _type (audited)")
    @GetMapping("/Patient/{id}/$everything")
    @PreAuthorize("hasAuthority('chart:read')")
    void everything(@PathVariable String id, HttpServletRequest request, HttpServletResponse response) throws IOException {
        stored.everything(id, request, response); // written onto the response as it is built
    }
}
