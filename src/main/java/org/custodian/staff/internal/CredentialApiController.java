package org.custodian.staff.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.NoSuchElementException;
import org.custodian.staff.CeActivity;
import org.custodian.staff.Certificate;
import org.custodian.staff.ContinuingEducation;
import org.custodian.staff.CredentialProgress;
import org.custodian.staff.NewCeActivity;
import org.custodian.staff.NewCredential;
import org.custodian.staff.StaffCredential;
import org.custodian.staff.TeamMemberStatus;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Credentials and continuing education. A staff member keeps their own ("mine"); the HIM director
 * sees the team's standing and exports it. Nothing here is patient data.
 */
@RestController
@RequestMapping("/api/credentials")
class CredentialApiController {

    record Mine(List<CredentialProgress> progress, List<StaffCredential> credentials, List<CeActivity> activities,
                List<String> domains) {
    }

    /** A certificate sent as base64 in JSON, so that the API stays JSON throughout. */
    record CertificateUpload(@NotNull @Size(max = 255) String fileName, @Size(max = 100) String contentType,
                             @NotNull String base64) {
    }

    private final ContinuingEducation education;

    CredentialApiController(ContinuingEducation education) {
        this.education = education;
    }

    @GetMapping("/mine")
    @PreAuthorize("hasAuthority('credentials:own')")
    Mine mine(Principal me) {
        return new Mine(education.progress(me.getName()), education.credentials(me.getName()),
                education.activities(me.getName()), education.domains());
    }

    /** The body of PUT /mine/{code}: the credential's code comes from the path. */
    record CredentialRecord(@Size(max = 40) String number, @NotNull LocalDate earnedOn, LocalDate cycleStart,
                            LocalDate cycleEnd) {
    }

    /** A CE activity with, optionally, its certificate. */
    record ActivityLog(@NotNull @Valid NewCeActivity activity, @Valid CertificateUpload certificate) {
    }

    @PutMapping("/mine/{code}")
    @PreAuthorize("hasAuthority('credentials:own')")
    StaffCredential recordCredential(Principal me, @PathVariable @Pattern(regexp = "[A-Z0-9-]{2,16}") String code,
                                     @Valid @RequestBody CredentialRecord body) {
        return education.recordCredential(me.getName(),
                new NewCredential(code, body.number(), body.earnedOn(), body.cycleStart(), body.cycleEnd()));
    }

    @PostMapping("/mine/activities")
    @PreAuthorize("hasAuthority('credentials:own')")
    @ResponseStatus(HttpStatus.CREATED)
    CeActivity logActivity(Principal me, @Valid @RequestBody ActivityLog log) {
        Certificate certificate = null;
        if (log.certificate() != null) {
            CertificateUpload upload = log.certificate();
            byte[] content;
            try {
                content = Base64.getMimeDecoder().decode(upload.base64());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("certificate.base64: not valid base64");
            }
            certificate = new Certificate(upload.fileName(), upload.contentType(), content);
        }
        return education.logActivity(me.getName(), log.activity(), certificate);
    }

    /** A member's certificate, for the director checking the CE log (an AHIMA audit asks for them). */
    @GetMapping("/staff/{username}/activities/{id}/certificate")
    @PreAuthorize("hasAuthority('credentials:review')")
    ResponseEntity<byte[]> certificate(@PathVariable @Pattern(regexp = "[a-z0-9._-]{2,64}") String username,
                                       @PathVariable long id) {
        Certificate c = education.certificate(username, id)
                .orElseThrow(() -> new NoSuchElementException("no certificate on CE activity " + id + " of " + username));
        return download(c);
    }

    @GetMapping("/team")
    @PreAuthorize("hasAuthority('credentials:review')")
    List<TeamMemberStatus> team() {
        return education.team();
    }

    @GetMapping("/export")
    @PreAuthorize("hasAuthority('credentials:review')")
    ResponseEntity<String> export() {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("credentials.csv").build().toString())
                .body(education.exportCsv());
    }

    static ResponseEntity<byte[]> download(Certificate c) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(c.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(c.fileName()).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(c.content());
    }

    @ExceptionHandler(NoSuchElementException.class)
    ProblemDetail notFound(NoSuchElementException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }
}
