package org.custodian.staff;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import org.custodian.privacy.Role;

/** What it takes to open a staff account. */
public record NewStaffMember(
        @NotBlank @Pattern(regexp = "[a-z0-9._-]{2,64}", message = "2 to 64 lower-case letters, digits, '.', '_' or '-'") String username,
        @NotBlank @Size(max = 200) String fullName,
        @NotBlank @Size(min = 12, max = 128, message = "at least 12 characters") String password,
        @NotEmpty Set<Role> roles) {
}
