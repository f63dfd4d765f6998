package org.custodian.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.custodian.monitoring.PrivacyMonitoring;
import org.custodian.patient.Address;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.BreakTheGlass;
import org.custodian.privacy.ConfidentialityFlags;
import org.custodian.privacy.Role;
import org.custodian.staff.NewStaffMember;
import org.custodian.staff.StaffDirectory;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo hospital's privacy story: a VIP, a break-the-glass awaiting review, and alerts for the privacy officer. */
@CustodianTest
class DemoPrivacyIT {

    @Autowired DemoPrivacy demo;
    @Autowired PatientRegistry patients;
    @Autowired StaffDirectory staff;
    @Autowired StaffAccounts accounts;
    @Autowired ConfidentialityFlags flags;
    @Autowired BreakTheGlass breakTheGlass;
    @Autowired PrivacyMonitoring monitoring;

    @Test
    void thePrivacyOfficerFindsAVipAReviewAndAlerts() {
        String clinician = DemoStaff.username(Role.CLINICIAN);
        if (staff.find(clinician).isEmpty()) {
            staff.create(new NewStaffMember(clinician, "Demo Clinician", StaffAccounts.PASSWORD, Set.of(Role.CLINICIAN)));
        }
        List<Long> ids = new ArrayList<>();
        accounts.runAs(Role.HIM_DIRECTOR, () -> {
            for (int i = 0; i < 3; i++) {
                String family = "Demo" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
                ids.add(patients.register(new NewPatient(null, null, "Story", null, family, LocalDate.of(1950 + i, 1, 1),
                        AdministrativeSex.F, null, new Address((100 + i) + " Story Rd", "Springfield", "IL", "6270" + i), null, null)).id());
            }
        });
        demo.stage(ids);
        assertThat(flags.activeKinds(ids)).containsEntry(ids.get(0), List.of("VIP"));
        accounts.runAs(Role.PRIVACY_OFFICER, () -> {
            assertThat(breakTheGlass.reviewQueue()).anySatisfy(g -> {
                assertThat(g.patientId()).isEqualTo(ids.get(0));
                assertThat(g.username()).isEqualTo(clinician);
            });
            monitoring.scanNow();
            var alerts = monitoring.alerts(java.time.Instant.now().minusSeconds(3 * 86400), java.time.Instant.now(), false);
            assertThat(alerts).anySatisfy(a -> {
                assertThat(a.user()).isEqualTo(clinician);
                assertThat(a.patientId()).isEqualTo(ids.get(1));
                assertThat(a.rules()).extracting(PrivacyMonitoring.RuleContribution::rule).contains("SAME_FAMILY_NAME");
            });
            assertThat(alerts).anySatisfy(a -> {
                assertThat(a.patientId()).isEqualTo(ids.get(2));
                assertThat(a.rules()).extracting(PrivacyMonitoring.RuleContribution::rule).contains("SAME_ADDRESS");
            });
        });
    }
}
