package org.custodian.staff.internal;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.custodian.staff.MedicalStaffStatus;
import org.custodian.staff.NewPractitioner;
import org.custodian.staff.Practitioner;
import org.custodian.staff.ProviderDirectory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The provider directory's page. */
@Controller
class PractitionerController {

    private final ProviderDirectory directory;
    private final Validator validator;

    PractitionerController(ProviderDirectory directory, Validator validator) {
        this.directory = directory;
        this.validator = validator;
    }

    @GetMapping("/practitioners")
    @PreAuthorize("hasAuthority('chart:read')")
    String page(Model model) {
        model.addAttribute("practitioners", directory.all());
        model.addAttribute("statuses", MedicalStaffStatus.values());
        return "staff/practitioners";
    }

    @PostMapping("/practitioners")
    @PreAuthorize("hasAuthority('providers:manage')")
    String addFromPage(@RequestParam(required = false) String npi, @RequestParam(required = false) String name,
                       @RequestParam(required = false) String credentials, @RequestParam(required = false) String specialty,
                       @RequestParam(required = false) String department, @RequestParam(required = false) MedicalStaffStatus status,
                       @RequestParam(required = false) String username, RedirectAttributes redirect) {
        NewPractitioner p = new NewPractitioner(trim(npi), trim(name), trim(credentials), trim(specialty), trim(department),
                status, trim(username));
        for (ConstraintViolation<NewPractitioner> v : validator.validate(p)) {
            redirect.addFlashAttribute("problem", v.getPropertyPath() + ": " + v.getMessage());
            return "redirect:/practitioners";
        }
        try {
            Practitioner added = directory.add(p);
            redirect.addFlashAttribute("notice", added.display() + " is in the directory.");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/practitioners";
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
