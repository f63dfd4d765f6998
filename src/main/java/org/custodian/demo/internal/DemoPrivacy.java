package org.custodian.demo.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditOutcome;
import org.custodian.patient.Household;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.BreakTheGlass;
import org.custodian.privacy.ConfidentialityFlags;
import org.custodian.privacy.Role;
import org.custodian.privacy.SystemAccess;
import org.custodian.staff.StaffProfile;
import org.custodian.staff.StaffProfiles;
import org.springframework.stereotype.Component;

/**
 * What the privacy officer finds in the demo hospital: a VIP patient, a clinician's break-the-glass on
 * that chart awaiting review, and two snooping stories in last night's log (the clinician opening a
 * relative's chart and a neighbour's) that privacy monitoring turns into alerts on its next scan.
 */
@Component
class DemoPrivacy {

    private final PatientRegistry patients;
    private final ConfidentialityFlags flags;
    private final BreakTheGlass breakTheGlass;
    private final StaffProfiles profiles;
    private final AuditLog audit;
    private final Clock clock;

    DemoPrivacy(PatientRegistry patients, ConfidentialityFlags flags, BreakTheGlass breakTheGlass, StaffProfiles profiles,
                AuditLog audit, Clock clock) {
        this.patients = patients;
        this.flags = flags;
        this.breakTheGlass = breakTheGlass;
        this.profiles = profiles;
        this.audit = audit;
        this.clock = clock;
    }

    void stage(List<Long> patientIds) {
        if (patientIds.size() < 3) {
            return;
        }
        String clinician = DemoStaff.username(Role.CLINICIAN);
        Map<Long, Household> h = patients.households(patientIds.subList(0, 3), "the demo hospital's privacy story");
        Household vip = h.get(patientIds.get(0));
        Household relative = h.get(patientIds.get(1));
        Household neighbour = h.get(patientIds.get(2));
        as(DemoStaff.username(Role.PRIVACY_OFFICER), Role.PRIVACY_OFFICER,
                () -> flags.set(vip.id(), "VIP", "Demo: a city council member"));
        as(clinician, Role.CLINICIAN, () -> breakTheGlass.breakGlass(vip.id(), "ETREAT",
                "Demo: seen in the emergency department overnight"));
        as("admin", Role.ADMIN, () -> profiles.put(new StaffProfile(clinician, "Demo", relative.familyName(),
                new StaffProfile.HomeAddress(neighbour.addressLine(), null, null, neighbour.postalCode()), "Emergency",
                "Physician", null)));
        LocalDate yesterday = LocalDate.now(clock).minusDays(1);
        List<AuditEntry> night = new ArrayList<>();
        for (Household p : List.of(relative, neighbour)) {
            night.add(new AuditEntry(yesterday.atTime(LocalTime.of(23, 40)).atZone(clock.getZone()).toInstant(), clinician,
                    Role.CLINICIAN.name(), p.id(), "Chart", String.valueOf(p.id()), AuditAction.READ, "TREAT", "127.0.0.1",
                    AuditOutcome.SUCCESS, "demo: an unexplained look"));
        }
        audit.appendAll(night);
    }

    private static void as(String username, Role role, Runnable work) {
        SystemAccess.callAs(SystemAccess.authentication(username, role), () -> {
            work.run();
            return null;
        });
    }
}
