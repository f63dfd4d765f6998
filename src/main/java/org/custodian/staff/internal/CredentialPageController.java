package org.custodian.staff.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.security.Principal;
import java.time.LocalDate;
import java.util.NoSuchElementException;
import org.custodian.FormInput;
import org.custodian.staff.Certificate;
import org.custodian.staff.ContinuingEducation;
import org.custodian.staff.NewCeActivity;
import org.custodian.staff.NewCredential;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The pages: my credentials and CE log, and the director's team view. */
@Controller
class CredentialPageController {

    private final ContinuingEducation education;

    CredentialPageController(ContinuingEducation education) {
        this.education = education;
    }

    @GetMapping("/credentials")
    @PreAuthorize("hasAuthority('credentials:own')")
    String mine(Principal me, Model model) {
        model.addAttribute("progress", education.progress(me.getName()));
        model.addAttribute("activities", education.activities(me.getName()));
        model.addAttribute("domains", education.domains());
        return "staff/credentials";
    }

    @PostMapping("/credentials")
    @PreAuthorize("hasAuthority('credentials:own')")
    String addCredential(Principal me, @RequestParam String code, @RequestParam(required = false) String number,
                         @RequestParam String earnedOn, RedirectAttributes redirect) {
        try {
            LocalDate earned = FormInput.date(earnedOn);
            if (earned == null) {
                throw new IllegalArgumentException("earnedOn: the exam date is required");
            }
            education.recordCredential(me.getName(), new NewCredential(FormInput.trimmed(code), FormInput.trimmed(number),
                    earned, null, null));
            redirect.addFlashAttribute("notice", code + " recorded.");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/credentials";
    }

    @PostMapping("/credentials/activities")
    @PreAuthorize("hasAuthority('credentials:own')")
    String logActivity(Principal me, @RequestParam String completedOn, @RequestParam String title,
                       @RequestParam(required = false) String provider, @RequestParam String ceus,
                       @RequestParam String domain, @RequestParam(required = false) MultipartFile certificate,
                       RedirectAttributes redirect) {
        try {
            LocalDate completed = FormInput.date(completedOn);
            String name = FormInput.trimmed(title);
            if (completed == null || name == null) {
                throw new IllegalArgumentException("completedOn and title: both are required");
            }
            BigDecimal units;
            try {
                units = new BigDecimal(ceus.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("ceus: a number such as 1.5");
            }
            if (units.signum() <= 0 || units.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw new IllegalArgumentException("ceus: between 0.25 and 100");
            }
            Certificate file = certificate == null || certificate.isEmpty() ? null
                    : new Certificate(certificate.getOriginalFilename(), certificate.getContentType(), certificate.getBytes());
            education.logActivity(me.getName(), new NewCeActivity(completed, name, FormInput.trimmed(provider), units, domain), file);
            redirect.addFlashAttribute("notice", "Logged " + units.toPlainString() + " CEUs.");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        } catch (IOException e) {
            redirect.addFlashAttribute("problem", "certificate: the upload could not be read");
        }
        return "redirect:/credentials";
    }

    @GetMapping("/credentials/activities/{id}/certificate")
    @PreAuthorize("hasAuthority('credentials:own')")
    ResponseEntity<byte[]> certificate(Principal me, @PathVariable long id) {
        return education.certificate(me.getName(), id).map(CredentialApiController::download)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    @GetMapping("/credentials/team")
    @PreAuthorize("hasAuthority('credentials:review')")
    String team(Model model) {
        model.addAttribute("team", education.team());
        return "staff/team";
    }
}
