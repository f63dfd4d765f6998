package org.custodian.patient.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import org.custodian.patient.NewPatient;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientPage;
import org.custodian.patient.PatientRegistry;
import org.custodian.patient.PatientSearch;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/patients")
class PatientApiController {

    /** Letters (any script), spaces, and the punctuation names carry: O'Brien, Smith-Jones, St. John. */
    static final String NAME_QUERY = "[\\p{L}\\p{M} ,.'-]*";

    private final PatientRegistry patients;

    PatientApiController(PatientRegistry patients) {
        this.patients = patients;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('chart:read')")
    PatientPage search(
            @RequestParam(required = false) @Size(max = 64) @Pattern(regexp = NAME_QUERY, message = "letters, spaces and . , ' - only") String q,
            @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9-]{1,20}", message = "1-20 letters, digits or '-'") String mrn,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dob,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return patients.search(new PatientSearch(q, mrn, dob), page, size);
    }

    @PostMapping
    @PreAuthorize("hasAuthority('chart:write')")
    ResponseEntity<Patient> register(@Valid @RequestBody NewPatient patient) {
        Patient created = patients.register(patient);
        return ResponseEntity.created(URI.create("/api/patients/" + created.id())).body(created);
    }
}
