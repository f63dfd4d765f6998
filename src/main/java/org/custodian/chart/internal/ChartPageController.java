package org.custodian.chart.internal;

import java.util.HashMap;
import java.util.Map;
import org.custodian.Problem;
import org.custodian.chart.Chart;
import org.custodian.chart.ChartNotFoundException;
import org.custodian.chart.ChartService;
import org.custodian.chart.ClinicalDocument;
import org.custodian.chart.Encounter;
import org.custodian.chart.SensitivityTags;
import org.custodian.patient.PatientRegistry;
import org.custodian.staff.Practitioner;
import org.custodian.staff.ProviderDirectory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The chart (demographics, encounters, documents) and one document with its text. Every read goes
 * through {@link ChartService} and {@link PatientRegistry}, which audit it; an unknown id is a 404 page.
 */
@Controller
class ChartPageController {

    private final ChartService charts;
    private final PatientRegistry patients;
    private final SensitivityTags sensitivity;
    private final org.custodian.chart.Amendments amendments;
    private final org.custodian.chart.SourceDocuments sourceDocuments;
    private final ProviderDirectory directory;
    private final org.custodian.privacy.ConfidentialityFlags flags;

    ChartPageController(ChartService charts, PatientRegistry patients, SensitivityTags sensitivity,
                        org.custodian.chart.Amendments amendments, org.custodian.chart.SourceDocuments sourceDocuments,
                        ProviderDirectory directory, org.custodian.privacy.ConfidentialityFlags flags) {
        this.flags = flags;
        this.sourceDocuments = sourceDocuments;
        this.directory = directory;
        this.charts = charts;
        this.patients = patients;
        this.sensitivity = sensitivity;
        this.amendments = amendments;
    }

    @GetMapping("/patients/{id}")
    @PreAuthorize("hasAuthority('chart:read')")
    String chart(@PathVariable long id, Model model) {
        Chart chart = charts.chart(id);
        Map<Long, String> encounterNumbers = new HashMap<>();
        for (Encounter e : chart.encounters()) {
            encounterNumbers.put(e.id(), e.encounterNumber());
        }
        model.addAttribute("chart", chart);
        model.addAttribute("encounterNumbers", encounterNumbers);
        model.addAttribute("sensitivity", sensitivity.ofDocuments(chart.documents().stream().map(d -> d.id()).toList()));
        // The privacy officer sees the record's active confidentiality flags here, with who, when and why.
        boolean managesPrivacy = SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream()
                .anyMatch(a -> "privacy:manage".equals(a.getAuthority()));
        model.addAttribute("flags", managesPrivacy
                ? flags.of(id).stream().filter(org.custodian.privacy.ConfidentialityFlags.Flag::active).toList()
                : java.util.List.<org.custodian.privacy.ConfidentialityFlags.Flag>of());
        return "chart/chart";
    }

    @GetMapping("/documents/{id}")
    @PreAuthorize("hasAuthority('chart:read')")
    String document(@PathVariable long id, Model model) {
        ClinicalDocument document = charts.document(id);
        model.addAttribute("document", document);
        // The sign button only for the author or the named cosigner (42 CFR 482.24(c)(1)); the service refuses anyone else too.
        String username = SecurityContextHolder.getContext().getAuthentication().getName();
        model.addAttribute("mayAuthenticate", directory.byUsername(username)
                .map(p -> Long.valueOf(p.id()).equals(document.authorId()) || Long.valueOf(p.id()).equals(document.cosignerId()))
                .orElse(false));
        // Whoever may name a cosigner picks the practitioner from the directory (not an id).
        var auth = SecurityContextHolder.getContext().getAuthentication();
        boolean mayNameCosigner = (document.status() == org.custodian.chart.DocumentStatus.DRAFT
                || document.status() == org.custodian.chart.DocumentStatus.UNSIGNED)
                && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("chart:write"));
        if (mayNameCosigner) {
            model.addAttribute("practitioners", directory.all().stream()
                    .filter(p -> !Long.valueOf(p.id()).equals(document.authorId())).toList());
        }
        if (document.cosignerId() != null) {
            model.addAttribute("cosigner", directory.find(document.cosignerId()).map(Practitioner::display).orElse(null));
        }
        // Amendments, and after a denial the disagreement and rebuttal, are shown with the record (164.526(c)(1), (d)(4)).
        model.addAttribute("amendments", amendments.statementsFor(id));
        // The versions its source's revisions replaced (an amended document's signed text among them).
        java.util.List<org.custodian.chart.SourceDocuments.Version> versions = new java.util.ArrayList<>(sourceDocuments.versions(id));
        java.util.Collections.reverse(versions); // newest first
        model.addAttribute("versions", versions);
        model.addAttribute("patient", patients.find(document.patientId())
                .orElseThrow(() -> new ChartNotFoundException("Patient", document.patientId())));
        return "chart/document";
    }

    /** Names the document's required cosigner, then shows it again. */
    @PostMapping("/documents/{id}/cosigner")
    @PreAuthorize("hasAuthority('chart:write')")
    String cosigner(@PathVariable long id, @org.springframework.web.bind.annotation.RequestParam(required = false) Long practitionerId,
                    RedirectAttributes redirect) {
        if (practitionerId == null) {
            redirect.addFlashAttribute("problem", "Choose the practitioner who must cosign.");
            return "redirect:/documents/" + id;
        }
        try {
            ClinicalDocument d = charts.requireCosigner(id, practitionerId);
            redirect.addFlashAttribute("notice", "Cosigner named: " + directory.find(d.cosignerId()).map(Practitioner::display).orElse("") + ".");
        } catch (Problem e) {
            if (e.status() == HttpStatus.NOT_FOUND.value()) {
                throw e;
            }
            redirect.addFlashAttribute("problem", e.getMessage());
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", "That practitioner is not in the provider directory.");
        }
        return "redirect:/documents/" + id;
    }

    /** Authenticates the document as the signed-in user, then shows it again. */
    @PostMapping("/documents/{id}/sign")
    @PreAuthorize("hasAuthority('document:sign')")
    String sign(@PathVariable long id, RedirectAttributes redirect) {
        try {
            charts.sign(id);
            redirect.addFlashAttribute("notice", "The document is signed.");
        } catch (Problem e) {
            if (e.status() == HttpStatus.NOT_FOUND.value() || e.status() == HttpStatus.FORBIDDEN.value()) {
                throw e;
            }
            redirect.addFlashAttribute("problem", "This document was already signed; a signed document changes only by amendment.");
        }
        return "redirect:/documents/" + id;
    }
}
