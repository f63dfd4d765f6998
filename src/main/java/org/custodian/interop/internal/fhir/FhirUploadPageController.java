package org.custodian.interop.internal.fhir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.custodian.FormInput;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** The UI way in: upload a small FHIR file (or paste a bundle) and see what it did, or why it was rejected. */
@Controller
class FhirUploadPageController {

    /** Larger files go through the CLI or POST /fhir/r4. */
    static final int MAX_BYTES = 1_000_000;

    private final FhirImports imports;

    FhirUploadPageController(FhirImports imports) {
        this.imports = imports;
    }

    @GetMapping("/interop/fhir")
    @PreAuthorize("hasAuthority('interface:manage')")
    String form() {
        return "interop/upload";
    }

    @PostMapping("/interop/fhir")
    @PreAuthorize("hasAuthority('interface:manage')")
    String upload(@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String content,
                  Model model) throws IOException {
        String name;
        byte[] bytes;
        if (file != null && !file.isEmpty()) {
            name = file.getOriginalFilename() == null ? "upload.json" : file.getOriginalFilename();
            bytes = file.getSize() > MAX_BYTES ? null : file.getBytes();
        } else if (FormInput.trimmed(content) != null) {
            name = "pasted.json";
            bytes = content.getBytes(StandardCharsets.UTF_8);
        } else {
            model.addAttribute("problem", "Choose a file, or paste a bundle.");
            return "interop/upload";
        }
        if (bytes == null || bytes.length > MAX_BYTES) {
            model.addAttribute("problem", "The file is larger than 1 MB: import it with the CLI (import-fhir) or POST /fhir/r4.");
            return "interop/upload";
        }
        FhirImports.Outcome outcome = imports.importUnit(name, bytes);
        model.addAttribute("name", name.replaceAll("[^A-Za-z0-9._-]", "_"));
        if (outcome.accepted()) {
            model.addAttribute("report", ImportReportView.of(outcome.report()));
        } else {
            model.addAttribute("problem", "Rejected, nothing was stored: " + outcome.rejection().getMessage());
        }
        return "interop/upload";
    }
}
