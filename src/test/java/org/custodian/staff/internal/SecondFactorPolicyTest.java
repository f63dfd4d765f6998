package org.custodian.staff.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.custodian.privacy.Role;
import org.junit.jupiter.api.Test;

/** Which roles must enrol a second factor (HIPAA 45 CFR 164.312(d)): by default every role that reads PHI. */
class SecondFactorPolicyTest {

    @Test
    void byDefaultEveryRoleThatReadsChartsAndNoOtherMustEnrol() {
        SecondFactorPolicy policy = new SecondFactorPolicy("phi-readers");
        assertThat(policy.requiredRoles()).containsExactlyInAnyOrder(Role.HIM_DIRECTOR, Role.CODER, Role.ROI_SPECIALIST,
                Role.CDI_SPECIALIST, Role.PRIVACY_OFFICER, Role.DATA_INTEGRITY_ANALYST, Role.CLINICIAN, Role.HIM_ANALYST, Role.ADMIN,
                Role.PHYSICIAN_ADVISOR);
        assertThat(policy.requires(Set.of(Role.AUDITOR))).isFalse();
        assertThat(policy.requires(Set.of(Role.STUDENT, Role.INSTRUCTOR))).isFalse();
        assertThat(policy.requires(Set.of(Role.AUDITOR, Role.CODER))).isTrue();
        // The administrator (no chart reading, issue 22) and everyone who may run a bulk export must enrol.
        assertThat(Role.ADMIN.grants(org.custodian.privacy.Permission.CHART_READ)).isFalse();
        for (Role role : Role.values()) {
            if (role.grants(org.custodian.privacy.Permission.FHIR_EXPORT)) {
                assertThat(policy.requires(Set.of(role))).as(role.name()).isTrue();
            }
        }
    }

    @Test
    void aListOfRolesOrNone() {
        assertThat(new SecondFactorPolicy("admin, privacy-officer").requiredRoles())
                .isEqualTo(EnumSet.of(Role.ADMIN, Role.PRIVACY_OFFICER));
        assertThat(new SecondFactorPolicy("none").requiredRoles()).isEmpty();
        assertThat(new SecondFactorPolicy("").requires(Set.of(Role.ADMIN))).isFalse();
        assertThatThrownBy(() -> new SecondFactorPolicy("janitor")).hasMessageContaining("no role janitor");
    }
}
