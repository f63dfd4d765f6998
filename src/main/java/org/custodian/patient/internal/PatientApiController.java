package org.custodian.patient.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.custodian.patient.MasterPatientIndex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.PatientMatch;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientPage;
import org.custodian.patient.PatientRegistry;
import org.custodian.patient.PatientSearch;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Patients", description = "Patient identity: search by name, MRN or date of birth, and registration with a duplicate check.")
@RestController
@RequestMapping("/api/patients")
class PatientApiController {

    /** Letters (any script), spaces, and the punctuation names carry: O'Brien, Smith-Jones, St. John. */
    static final String NAME_QUERY = "[\\p{L}\\p{M} ,.'-]*";

    private final PatientRegistry patients;
    private final MasterPatientIndex mpi;

    PatientApiController(PatientRegistry patients, MasterPatientIndex mpi) {
        this.patients = patients;
        this.mpi = mpi;
    }

    @Operation(summary = "Find patients by name, MRN or date of birth (audited search)")
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

    /**
     * Registers a patient, but first asks the master patient index for likely existing records of
     * the person: a duplicate registration splits a history. With candidates and without
     * {@code confirmNew=true} the answer is 409 with the candidates and no MRN is created; with it,
     * the registration goes ahead and each candidate pair goes to the duplicate worklist.
     */
    @Operation(summary = "Register a patient; likely existing records are offered first (duplicate check)")
    @PostMapping
    @PreAuthorize("hasAuthority('chart:write')")
    ResponseEntity<?> register(@Valid @RequestBody NewPatient patient,
                               @RequestParam(defaultValue = "false") boolean confirmNew) {
        List<PatientMatch> candidates = mpi.likelyMatches(patient);
        if (!candidates.isEmpty() && !confirmNew) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, candidates.size()
                    + " registered patient(s) may be this person. Use the existing record, or repeat the request with"
                    + " confirmNew=true to register a new one (the pairs then go to the duplicate worklist).");
            problem.setTitle("Likely existing patient");
            problem.setProperty("candidates", candidates);
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
        }
        Patient created = patients.register(patient);
        for (PatientMatch candidate : candidates) {
            mpi.reportPossibleDuplicate(candidate.patientId(), created.id());
        }
        return ResponseEntity.created(URI.create("/api/patients/" + created.id())).body(created);
    }
}
