package org.custodian.interop.internal.fhir;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.custodian.patient.PatientFinder;
import org.custodian.patient.PatientRegistry;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * FHIR Patient: read, and search by identifier, name, family, given, birthdate and gender. Each
 * read and search is audited by the patient module.
 */
@Tag(name = "FHIR R4", description = "HL7 FHIR R4 interface for the EHR and other systems: transaction bundles in, resources and searches out. Errors are OperationOutcome.")
@RestController
@RequestMapping("/fhir/r4")
class PatientFhirController implements FhirEndpoint {

    private final FhirResponses responses;
    private final PatientRegistry patients;
    private final PatientFinder finder;

    private final StoredFhir stored;
    private final FhirChartAccess access;

    PatientFhirController(FhirResponses responses, PatientRegistry patients, PatientFinder finder, StoredFhir stored,
                          FhirChartAccess access) {
        this.access = access;
        this.stored = stored;
        this.responses = responses;
        this.patients = patients;
        this.finder = finder;
    }

    @Operation(summary = "Read a Patient (audited)")
    @GetMapping("/Patient/{id}")
    @PreAuthorize("hasAuthority('chart:read')")
    ResponseEntity<String> readPatient(@PathVariable String id, HttpServletRequest request) {
        if (!id.matches("\\d{1,18}")) {
            return stored.read("Patient", id, request);
        }
        long local = FhirResponses.id(id);
        access.check(local); // a flagged chart (45 CFR 164.312(a)(2)(ii))
        return responses.respond(200, FhirResources.patient(patients.find(local)
                .orElseThrow(() -> FhirResponses.notFound("Patient", id))), request);
    }

    @Operation(summary = "Search Patients by identifier, name, birth date or gender")
    @GetMapping("/Patient")
    @PreAuthorize("hasAuthority('chart:read')")
    ResponseEntity<String> searchPatients(HttpServletRequest request) {
        if (StoredFhir.wantsStored(request, SearchParams.SEARCH.get("Patient"))) {
            return stored.search("Patient", request);
        }
        SearchParams p = SearchParams.of("Patient", request);
        String identifier = p.one("identifier");
        String system = null;
        String value = identifier;
        if (identifier != null && identifier.contains("|")) {
            system = identifier.substring(0, identifier.indexOf('|'));
            value = identifier.substring(identifier.indexOf('|') + 1);
            system = system.isEmpty() ? null : system;
        }
        String gender = p.one("gender");
        var sex = gender == null ? null : FhirResources.sex(gender);
        if (gender != null && sex == null) {
            throw FhirSearchException.badParameter("gender", "one of male, female, other, unknown");
        }
        String birthdate = p.one("birthdate");
        LocalDate dob = null;
        if (birthdate != null) {
            try {
                dob = LocalDate.parse(birthdate.startsWith("eq") ? birthdate.substring(2) : birthdate);
            } catch (DateTimeParseException e) {
                throw FhirSearchException.badParameter("birthdate", "a date YYYY-MM-DD (optionally prefixed eq)");
            }
        }
        var criteria = new PatientFinder.Criteria(system, value, p.one("name"), p.one("family"), p.one("given"), dob, sex,
                access.closed());
        List<Resource> page = new ArrayList<>();
        finder.find(criteria, p.offset, p.count + 1).forEach(x -> page.add(FhirResources.patient(x)));
        return responses.searchset(page, p, request);
    }
}
