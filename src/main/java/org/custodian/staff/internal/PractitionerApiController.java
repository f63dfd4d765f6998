package org.custodian.staff.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.custodian.staff.NewPractitioner;
import org.custodian.staff.Practitioner;
import org.custodian.staff.ProviderDirectory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/practitioners}: the provider directory. */
@Tag(name = "Provider directory", description = "Practitioners by NPI, with specialty, department, medical-staff status and linked account.")
@RestController
class PractitionerApiController {

    private final ProviderDirectory directory;

    PractitionerApiController(ProviderDirectory directory) {
        this.directory = directory;
    }

    @Operation(summary = "List the provider directory")
    @GetMapping("/api/practitioners")
    @PreAuthorize("hasAuthority('chart:read')")
    List<Practitioner> all() {
        return directory.all();
    }

    @Operation(summary = "Add a practitioner (the NPI's check digit is verified, 45 CFR 162.406)")
    @PostMapping("/api/practitioners")
    @PreAuthorize("hasAuthority('providers:manage')")
    ResponseEntity<Practitioner> add(@Valid @RequestBody NewPractitioner practitioner) {
        Practitioner p = directory.add(practitioner);
        return ResponseEntity.created(URI.create("/api/practitioners/" + p.id())).body(p);
    }

}
