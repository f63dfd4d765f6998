package org.custodian.staff.internal;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custodian.privacy.Role;
import org.custodian.staff.NewStaffMember;
import org.custodian.staff.StaffDirectory;
import org.custodian.staff.StaffMember;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff accounts for administrators: list, open an account, set roles, enable or disable, unlock,
 * set a new password. Every change goes through {@link StaffDirectory}, which audits it. An
 * administrator cannot disable their own account or take away their own administrator role, so
 * that the last way in is not closed by a slip.
 */
@Controller
class StaffAdminController {

    private static final String USERNAME = "[a-z0-9._-]{2,64}";

    private final StaffDirectory staff;
    private final Validator validator;
    private final PasswordPolicy passwords;
    private final JdbcSecondFactors secondFactors;

    StaffAdminController(StaffDirectory staff, Validator validator, PasswordPolicy passwords, JdbcSecondFactors secondFactors) {
        this.staff = staff;
        this.validator = validator;
        this.passwords = passwords;
        this.secondFactors = secondFactors;
    }

    @GetMapping("/admin/staff")
    @PreAuthorize("hasAuthority('staff:manage')")
    String list(Model model) {
        model.addAttribute("members", staff.all());
        return "staff/list";
    }

    @GetMapping("/admin/staff/new")
    @PreAuthorize("hasAuthority('staff:manage')")
    String newForm(Model model) {
        model.addAttribute("form", StaffForm.empty());
        model.addAttribute("roles", Role.values());
        return "staff/new";
    }

    @PostMapping("/admin/staff")
    @PreAuthorize("hasAuthority('staff:manage')")
    String create(@RequestParam(required = false) String username, @RequestParam(required = false) String fullName,
                  @RequestParam(required = false) String password, @RequestParam(required = false) String confirm,
                  @RequestParam(required = false) List<String> roles, Model model, RedirectAttributes redirect) {
        username = username == null ? null : username.strip();
        fullName = fullName == null ? null : fullName.strip();
        List<String> roleNames = roles == null ? List.of() : List.copyOf(roles);
        Map<String, String> errors = new LinkedHashMap<>();
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        for (String name : roleNames) {
            try {
                parsed.add(Role.valueOf(name));
            } catch (IllegalArgumentException e) {
                errors.put("roles", "Unknown role.");
            }
        }
        NewStaffMember member = new NewStaffMember(username, fullName, password, parsed);
        for (ConstraintViolation<NewStaffMember> v : validator.validate(member)) {
            String field = v.getPropertyPath().toString();
            errors.merge(field, sentence(field, v.getMessage()), (a, b) -> a + " " + b);
        }
        if (password != null && !errors.containsKey("password")) {
            passwords.problem(password, username, fullName).ifPresent(p -> errors.put("password", p));
        }
        if (password != null && !password.equals(confirm)) {
            errors.put("confirm", "The two passwords differ.");
        }
        if (errors.isEmpty()) {
            try {
                staff.create(member);
                redirect.addFlashAttribute("notice", "Account " + member.username() + " is open.");
                return "redirect:/admin/staff/" + member.username();
            } catch (IllegalArgumentException e) {
                errors.put("username", "This username is taken.");
            }
        }
        model.addAttribute("form", new StaffForm(username, fullName, roleNames, errors));
        model.addAttribute("roles", Role.values());
        return "staff/new";
    }

    @GetMapping("/admin/staff/{username}")
    @PreAuthorize("hasAuthority('staff:manage')")
    String account(@PathVariable String username, Model model) {
        model.addAttribute("member", require(username));
        model.addAttribute("roles", Role.values());
        model.addAttribute("secondFactor", secondFactors.status(username));
        model.addAttribute("self", username.equals(currentUser()));
        return "staff/account";
    }

    @PostMapping("/admin/staff/{username}/roles")
    @PreAuthorize("hasAuthority('staff:manage')")
    String setRoles(@PathVariable String username, @RequestParam(required = false) List<String> roles,
                    RedirectAttributes redirect) {
        StaffMember member = require(username);
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        for (String name : roles == null ? List.<String>of() : roles) {
            try {
                parsed.add(Role.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
            }
        }
        if (parsed.isEmpty()) {
            redirect.addFlashAttribute("problem", "Choose at least one role. To close an account, disable it instead.");
        } else if (username.equals(currentUser()) && member.roles().contains(Role.ADMIN) && !parsed.contains(Role.ADMIN)) {
            redirect.addFlashAttribute("problem", "You cannot take away your own administrator role; ask another administrator.");
        } else {
            staff.setRoles(username, parsed);
            redirect.addFlashAttribute("notice", "Roles of " + username + " saved.");
        }
        return "redirect:/admin/staff/" + username;
    }

    @PostMapping("/admin/staff/{username}/enabled")
    @PreAuthorize("hasAuthority('staff:manage')")
    String setEnabled(@PathVariable String username, @RequestParam boolean enabled, RedirectAttributes redirect) {
        require(username);
        if (!enabled && username.equals(currentUser())) {
            redirect.addFlashAttribute("problem", "You cannot disable your own account.");
        } else {
            staff.setEnabled(username, enabled);
            redirect.addFlashAttribute("notice", "Account " + username + (enabled ? " enabled." : " disabled: it can no longer sign in."));
        }
        return "redirect:/admin/staff/" + username;
    }

    @PostMapping("/admin/staff/{username}/unlock")
    @PreAuthorize("hasAuthority('staff:unlock')")
    String unlock(@PathVariable String username, RedirectAttributes redirect) {
        require(username);
        staff.unlock(username);
        redirect.addFlashAttribute("notice", "Account " + username + " unlocked; its failed sign-ins are reset.");
        return "redirect:/admin/staff/" + username;
    }

    @PostMapping("/admin/staff/{username}/password")
    @PreAuthorize("hasAuthority('staff:manage')")
    String resetPassword(@PathVariable String username, @RequestParam(required = false) String password,
                         @RequestParam(required = false) String confirm, RedirectAttributes redirect) {
        require(username);
        var problem = passwords.problem(password, username, require(username).fullName());
        if (problem.isPresent()) {
            redirect.addFlashAttribute("problem", "New password: " + problem.get());
        } else if (!password.equals(confirm)) {
            redirect.addFlashAttribute("problem", "New password: the two passwords differ.");
        } else {
            staff.resetPassword(username, password);
            redirect.addFlashAttribute("notice", "New password set for " + username + ". Give it to them in person.");
        }
        return "redirect:/admin/staff/" + username;
    }

    private StaffMember require(String username) {
        if (username == null || !username.matches(USERNAME)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return staff.find(username).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static String currentUser() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? null : auth.getName();
    }

    private static String sentence(String field, String message) {
        String text = switch (message) {
            case "must not be blank", "must not be null" -> "Required.";
            case "must not be empty" -> field.equals("roles") ? "Choose at least one role." : "Required.";
            default -> Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".";
        };
        return text.replace("..", ".");
    }
}
