package org.custodian.demo.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custodian.AccessReasons;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What the privacy officer finds in the demo hospital (45 CFR 164.308(a)(1)(ii)(D), 164.312(a)(2)(ii)):
 * a VIP patient and an employee's own record, both flagged; three break-the-glass accesses awaiting
 * review; and four looks in last night's log that privacy monitoring turns into alerts on its first scan
 * (the clinician opening a relative's chart and a neighbour's, the HIM analyst opening her own, and a
 * colleague of her department opening hers). The story's patients are ones none of its users has a
 * work reason for, so the looks stay unexplained.
 */
@Component
class DemoPrivacy {

    static final String CLINICIAN = DemoStaff.username(Role.CLINICIAN);
    static final String ANALYST = DemoStaff.username(Role.HIM_ANALYST);
    static final String COLLEAGUE = DemoStaff.username(Role.CDI_SPECIALIST);
    static final String ROI = DemoStaff.username(Role.ROI_SPECIALIST);
    static final String DIRECTOR = DemoStaff.username(Role.HIM_DIRECTOR);
    static final String HIM = "Health Information Management";

    /** The story's patients: a VIP, a relative and a neighbour of the clinician, an employee (the analyst). */
    record Cast(Household vip, Household relative, Household neighbour, Household employee) {
    }

    private final PatientRegistry patients;
    private final ConfidentialityFlags flags;
    private final BreakTheGlass breakTheGlass;
    private final StaffProfiles profiles;
    private final AuditLog audit;
    private final ObjectProvider<AccessReasons> reasons;
    private final Clock clock;

    DemoPrivacy(PatientRegistry patients, ConfidentialityFlags flags, BreakTheGlass breakTheGlass, StaffProfiles profiles,
                AuditLog audit, ObjectProvider<AccessReasons> reasons, Clock clock) {
        this.patients = patients;
        this.flags = flags;
        this.breakTheGlass = breakTheGlass;
        this.profiles = profiles;
        this.audit = audit;
        this.reasons = reasons;
        this.clock = clock;
    }

    /** Stages the story on four of these patients; returns them, or null when too few qualify. */
    Cast stage(List<Long> patientIds) {
        Cast cast = cast(patientIds);
        if (cast == null) {
            return null;
        }
        as(DemoStaff.username(Role.PRIVACY_OFFICER), Role.PRIVACY_OFFICER, () -> {
            flags.set(cast.vip().id(), "VIP", "Demo: a city council member");
            flags.set(cast.employee().id(), "EMPLOYEE", "Demo: the HIM analyst's own record");
        });
        as("admin", Role.ADMIN, () -> {
            profiles.put(new StaffProfile(CLINICIAN, "Demo", cast.relative().familyName(),
                    new StaffProfile.HomeAddress(cast.neighbour().addressLine(), null, null, cast.neighbour().postalCode()),
                    "Emergency", "Physician", null));
            profiles.put(new StaffProfile(ANALYST, cast.employee().givenName(), cast.employee().familyName(),
                    new StaffProfile.HomeAddress(cast.employee().addressLine(), null, null, cast.employee().postalCode()),
                    HIM, "HIM analyst", cast.employee().mrn()));
            profiles.put(new StaffProfile(COLLEAGUE, "Demo", "Colleague", null, HIM, "CDI specialist", null));
        });
        // Three break-the-glass accesses for the privacy officer to review.
        as(CLINICIAN, Role.CLINICIAN, () -> breakTheGlass.breakGlass(cast.vip().id(), "ETREAT",
                "Demo: seen in the emergency department overnight"));
        as(ROI, Role.ROI_SPECIALIST, () -> breakTheGlass.breakGlass(cast.vip().id(), "PATRQT",
                "Demo: the patient asked for a copy of the last admission"));
        as(DIRECTOR, Role.HIM_DIRECTOR, () -> breakTheGlass.breakGlass(cast.employee().id(), "HOPERAT",
                "Demo: checking a reported error in the employee's chart"));
        // Last night's log: four looks without a work reason.
        LocalDate yesterday = LocalDate.now(clock).minusDays(1);
        List<AuditEntry> night = new ArrayList<>();
        night.add(look(yesterday, LocalTime.of(23, 40), CLINICIAN, Role.CLINICIAN, cast.relative()));
        night.add(look(yesterday, LocalTime.of(23, 42), CLINICIAN, Role.CLINICIAN, cast.neighbour()));
        night.add(look(yesterday, LocalTime.of(22, 15), ANALYST, Role.HIM_ANALYST, cast.employee()));
        night.add(look(yesterday, LocalTime.of(21, 5), COLLEAGUE, Role.CDI_SPECIALIST, cast.employee()));
        night.sort(java.util.Comparator.comparing(AuditEntry::occurredAt));
        audit.appendAll(night);
        return cast;
    }

    private AuditEntry look(LocalDate day, LocalTime time, String user, Role role, Household p) {
        return new AuditEntry(day.atTime(time).atZone(clock.getZone()).toInstant(), user, role.name(), p.id(), "Chart",
                String.valueOf(p.id()), AuditAction.READ, "TREAT", "127.0.0.1", AuditOutcome.SUCCESS, "demo: an unexplained look");
    }

    /**
     * Four patients with an address, none of whom the story's users have a work reason for around last
     * night (an attending's stay, a coding assignment...), the relative's family name rare enough to weigh
     * fully. Null when the hospital has too few.
     */
    Cast cast(List<Long> patientIds) {
        List<Long> pool = patientIds.subList(0, Math.min(patientIds.size(), 400));
        Instant now = clock.instant();
        Set<Long> busy = new HashSet<>();
        Set<String> users = Set.of(CLINICIAN, ANALYST, COLLEAGUE);
        reasons.orderedStream().forEach(r -> r.reasons(now.minusSeconds(5 * 86_400), now.plusSeconds(86_400)).stream()
                .filter(x -> users.contains(x.username())).forEach(x -> busy.add(x.patientId())));
        Map<Long, Household> h = patients.households(pool, "the demo hospital's privacy story");
        List<Household> free = pool.stream().map(h::get)
                .filter(x -> x != null && !busy.contains(x.id()) && x.addressLine() != null && x.postalCode() != null
                        && x.familyName() != null)
                .toList();
        if (free.size() < 4) {
            return null;
        }
        Map<String, Double> shares = patients.familyNameShares(free.stream().map(Household::familyName).toList());
        Household relative = free.stream().filter(x -> shares.getOrDefault(x.familyName(), 0.0) <= 0.005).findFirst().orElse(free.get(1));
        List<Household> rest = free.stream().filter(x -> x.id() != relative.id()
                && !x.familyName().equalsIgnoreCase(relative.familyName())).toList();
        if (rest.size() < 3) {
            return null;
        }
        return new Cast(rest.get(0), relative, rest.get(1), rest.get(2));
    }

    private static void as(String username, Role role, Runnable work) {
        SystemAccess.callAs(SystemAccess.authentication(username, role), () -> {
            work.run();
            return null;
        });
    }
}
