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

/**
 * The demo hospital's privacy story: a VIP and an employee-as-patient flagged, three break-the-glass
 * accesses awaiting review, and the alerts the privacy officer finds after the first scan.
 */
@CustodianTest
class DemoPrivacyIT {

    @Autowired DemoPrivacy demo;
    @Autowired PatientRegistry patients;
    @Autowired StaffDirectory staff;
    @Autowired StaffAccounts accounts;
    @Autowired ConfidentialityFlags flags;
    @Autowired BreakTheGlass breakTheGlass;
    @Autowired PrivacyMonitoring monitoring;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void thePrivacyOfficerFindsFlagsReviewsAndAlerts() {
        for (Role role : List.of(Role.CLINICIAN, Role.HIM_ANALYST, Role.CDI_SPECIALIST, Role.ROI_SPECIALIST, Role.HIM_DIRECTOR)) {
            String username = DemoStaff.username(role);
            if (staff.find(username).isEmpty()) {
                staff.create(new NewStaffMember(username, "Demo " + role, StaffAccounts.PASSWORD, Set.of(role)));
            }
        }
        List<Long> ids = new ArrayList<>();
        accounts.runAs(Role.HIM_DIRECTOR, () -> {
            for (int i = 0; i < 5; i++) {
                String family = "Demo" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
                ids.add(patients.register(new NewPatient(null, null, "Story", null, family, LocalDate.of(1950 + i, 1, 1),
                        AdministrativeSex.F, null, new Address((100 + i) + " Story Rd", "Springfield", "IL", "6270" + i), null, null)).id());
            }
        });
        DemoPrivacy.Cast cast = demo.stage(ids);
        assertThat(cast).isNotNull();
        assertThat(flags.activeKinds(ids)).containsEntry(cast.vip().id(), List.of("VIP"))
                .containsEntry(cast.employee().id(), List.of("EMPLOYEE"));
        accounts.runAs(Role.PRIVACY_OFFICER, () -> {
            assertThat(breakTheGlass.reviewQueue()).filteredOn(g -> ids.contains(g.patientId()))
                    .extracting(BreakTheGlass.Grant::username)
                    .containsExactlyInAnyOrder(DemoPrivacy.CLINICIAN, DemoPrivacy.ROI, DemoPrivacy.DIRECTOR);
            monitoring.scanNow();
            // narrowed to the story's patients: the shared database holds thousands of other alerts
            var alerts = jdbc.sql("select id from monitoring_alert where patient_id = any(?)").param(ids.toArray(Long[]::new))
                    .query(Long.class).list().stream().map(monitoring::alert).toList();
            assertThat(alerts).anySatisfy(a -> story(a, DemoPrivacy.CLINICIAN, cast.relative().id(), "SAME_FAMILY_NAME"));
            assertThat(alerts).anySatisfy(a -> story(a, DemoPrivacy.CLINICIAN, cast.neighbour().id(), "SAME_ADDRESS"));
            assertThat(alerts).anySatisfy(a -> story(a, DemoPrivacy.ANALYST, cast.employee().id(), "SELF_ACCESS"));
            assertThat(alerts).anySatisfy(a -> story(a, DemoPrivacy.COLLEAGUE, cast.employee().id(), "CO_WORKER"));
        });
    }

    static void story(PrivacyMonitoring.Alert a, String user, long patientId, String rule) {
        assertThat(a.user()).isEqualTo(user);
        assertThat(a.patientId()).isEqualTo(patientId);
        assertThat(a.rules()).extracting(PrivacyMonitoring.RuleContribution::rule).contains(rule);
    }
}
