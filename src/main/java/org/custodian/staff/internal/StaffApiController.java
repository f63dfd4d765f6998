package org.custodian.staff.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.custodian.privacy.Role;
import org.custodian.staff.NewStaffMember;
import org.custodian.staff.StaffDirectory;
import org.custodian.staff.StaffMember;
import org.custodian.staff.StaffNotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Staff accounts and their roles, for administrators (HIPAA 164.308(a)(4), access authorization). */
@RestController
@RequestMapping("/api/staff")
class StaffApiController {

    static final String USERNAME = "[a-z0-9._-]{2,64}";

    record RolesChange(@NotNull Set<Role> roles) {
    }

    record EnabledChange(boolean enabled) {
    }

    record PasswordChange(@NotNull String password) {
    }

    private final StaffDirectory staff;
    private final PasswordPolicy passwords;
    private final org.custodian.staff.StaffProfiles profiles;

    StaffApiController(StaffDirectory staff, PasswordPolicy passwords, org.custodian.staff.StaffProfiles profiles) {
        this.staff = staff;
        this.passwords = passwords;
        this.profiles = profiles;
    }

    record ProfileChange(String givenName, String familyName, org.custodian.staff.StaffProfile.HomeAddress homeAddress,
                         String department, String job, String patientMrn) {
    }

    /** The HR fields privacy monitoring needs (45 CFR 164.308(a)(1)(ii)(D)). */
    @PutMapping("/{username}/profile")
    @PreAuthorize("hasAuthority('staff:manage')")
    org.custodian.staff.StaffProfile profile(@PathVariable @Pattern(regexp = USERNAME) String username,
                                             @RequestBody ProfileChange change) {
        return profiles.put(new org.custodian.staff.StaffProfile(username, change.givenName(), change.familyName(),
                change.homeAddress(), change.department(), change.job(), change.patientMrn()));
    }

    @GetMapping
    @PreAuthorize("hasAuthority('staff:manage')")
    List<StaffMember> all() {
        return staff.all();
    }

    @GetMapping("/{username}")
    @PreAuthorize("hasAuthority('staff:manage')")
    StaffMember one(@PathVariable @Pattern(regexp = USERNAME) String username) {
        return staff.find(username).orElseThrow(() -> new StaffNotFoundException(username));
    }

    @PostMapping
    @PreAuthorize("hasAuthority('staff:manage')")
    ResponseEntity<StaffMember> create(@Valid @RequestBody NewStaffMember member) {
        passwords.problem(member.password(), member.username(), member.fullName())
                .ifPresent(p -> { throw new IllegalArgumentException("password: " + p); });
        StaffMember created = staff.create(member);
        return ResponseEntity.created(URI.create("/api/staff/" + created.username())).body(created);
    }

    @PutMapping("/{username}/roles")
    @PreAuthorize("hasAuthority('staff:manage')")
    StaffMember roles(@PathVariable @Pattern(regexp = USERNAME) String username, @Valid @RequestBody RolesChange change) {
        return staff.setRoles(username, change.roles());
    }

    @PutMapping("/{username}/enabled")
    @PreAuthorize("hasAuthority('staff:manage')")
    StaffMember enabled(@PathVariable @Pattern(regexp = USERNAME) String username, @RequestBody EnabledChange change) {
        return staff.setEnabled(username, change.enabled());
    }

    /** Also open to staff:unlock (the HIM director), a second way back in (issue 22, finding 3). */
    @PostMapping("/{username}/unlock")
    @PreAuthorize("hasAuthority('staff:unlock')")
    StaffMember unlock(@PathVariable @Pattern(regexp = USERNAME) String username) {
        return staff.unlock(username);
    }

    @PutMapping("/{username}/password")
    @PreAuthorize("hasAuthority('staff:manage')")
    ResponseEntity<Void> password(@PathVariable @Pattern(regexp = USERNAME) String username,
                                  @Valid @RequestBody PasswordChange change) {
        passwords.problem(change.password(), username, staff.find(username).map(StaffMember::fullName).orElse(null))
                .ifPresent(p -> { throw new IllegalArgumentException("password: " + p); });
        staff.resetPassword(username, change.password());
        return ResponseEntity.noContent().build();
    }
}
