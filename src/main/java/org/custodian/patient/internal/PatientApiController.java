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
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditTrail;
import org.custodian.patient.NewPatient;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientPage;
import org.custodian.patient.PatientRegistry;
import org.custodian.patient.PatientSearch;
import org.custodian.patient.RegistrationCheck;
import org.custodian.patient.RegistrationCheck.LikelyExisting;
import org.custodian.privacy.Permission;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
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
    private final RegistrationCheck check;
    private final AuditTrail audit;

    PatientApiController(PatientRegistry patients, RegistrationCheck check, AuditTrail audit) {
        this.patients = patients;
        this.check = check;
        this.audit = audit;
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
        List<LikelyExisting> candidates = check.likelyExisting(patient);
        if (!candidates.isEmpty() && !confirmNew) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(likelyExisting(candidates));
        }
        Patient created = patients.register(patient);
        check.registeredDespite(created.id(), candidates.stream().map(LikelyExisting::patientId).toList());
        return ResponseEntity.created(URI.create("/api/patients/" + created.id())).body(created);
    }

    /**
     * The 409's body, minimum necessary (45 CFR 164.502(b), 164.514(d); issue 22, finding 7): only a
     * role that may read charts sees who the candidates are, each read audited, and nobody gets the
     * weights or per-field agreements, which confirmed a guessed SSN (or phone) field by field.
     */
    private ProblemDetail likelyExisting(List<LikelyExisting> candidates) {
        boolean mayRead = SecurityContextHolder.getContext().getAuthentication() != null
                && SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream()
                        .anyMatch(a -> Permission.CHART_READ.authority().equals(a.getAuthority()));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, mayRead
                ? candidates.size() + " registered patient(s) may be this person. Use the existing record, or repeat the"
                        + " request with confirmNew=true to register a new one (the pairs then go to the duplicate worklist)."
                : "A registered patient may be this person. Ask someone who may read charts to look for the existing"
                        + " record, or repeat the request with confirmNew=true to register a new one (the pair then goes"
                        + " to the duplicate worklist).");
        problem.setTitle("Likely existing patient");
        if (mayRead) {
            // By patient id, not by weight: the order must not rank the candidates either.
            problem.setProperty("candidates", candidates.stream()
                    .sorted(java.util.Comparator.comparingLong(LikelyExisting::patientId)).map(c -> {
                audit.patient(AuditAction.READ, c.patientId(), "Patient", c.patientId());
                return c;
            }).toList());
        }
        return problem;
    }
}
