package org.custodian.completion.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.custodian.HospitalClock;
import org.custodian.chart.ChartService;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.NewEncounter;
import org.custodian.completion.RecordCompletion;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.staff.MedicalStaffStatus;
import org.custodian.staff.NewPractitioner;
import org.custodian.staff.Npi;
import org.custodian.staff.Practitioner;
import org.custodian.staff.ProviderDirectory;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The escalation ladder climbs by itself once a day at the escalation time in the hospital's zone,
 * as the system principal, and issues each step's letter once (bylaws on delinquent records,
 * 42 CFR 482.24(c)(4)(viii)). The job's clock is fixed; the ladder counts days on the hospital's clock.
 */
@CustodianTest
class DailyEscalationIT {

    @Autowired RecordCompletion completion;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired ProviderDirectory directory;

    private DailyEscalation jobAt(LocalDateTime local) {
        ZoneId zone = clock.getZone();
        return new DailyEscalation(completion, jdbc, HospitalClock.fixed(local.atZone(zone).toInstant(), zone), java.time.LocalTime.of(6, 0), Duration.ZERO);
    }

    private Practitioner lateDelinquentPhysician() {
        String name = TestPatients.uniqueName("Tardy");
        String nine = "1" + String.format("%08d", Math.floorMod(name.hashCode(), 100_000_000));
        Practitioner[] p = new Practitioner[1];
        accounts.runAs(Role.HIM_DIRECTOR, () -> p[0] = directory.add(new NewPractitioner(nine + Npi.checkDigit(nine),
                "Dr. " + name, "MD", "Surgery", "Surgery", MedicalStaffStatus.ACTIVE, null)));
        accounts.runAs(Role.CLINICIAN, () -> {
            long patient = patients.register(TestPatients.newPatient("Escalated", TestPatients.uniqueName("Chart"),
                    LocalDate.of(1960, 2, 2))).id();
            Instant discharge = Instant.now().minus(50, ChronoUnit.DAYS);
            charts.record(new NewEncounter(patient, null, EncounterClass.INPATIENT, discharge.minus(2, ChronoUnit.DAYS), discharge,
                    p[0].name(), "Surgery", null));
        });
        return p[0];
    }

    private long letters(long practitionerId) {
        return jdbc.sql("select count(*) from completion_letter where practitioner_id = ?").param(practitionerId).query(Long.class).single();
    }

    @Test
    void theLadderClimbsOnceADayAtTheEscalationTimeAsTheSystem() {
        Practitioner late = lateDelinquentPhysician();
        // A day of our own in the future, so no other test's run claims it.
        LocalDate day = LocalDate.of(2090, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(20_000));

        assertThat(jobAt(day.atTime(5, 59, 59)).runIfDue()).isEmpty();
        assertThat(letters(late.id())).isZero();

        Optional<Integer> ran = jobAt(day.atTime(6, 0)).runIfDue();
        assertThat(ran).isPresent();
        assertThat(ran.get()).isGreaterThanOrEqualTo(3);
        assertThat(jdbc.sql("select step from completion_letter where practitioner_id = ?").param(late.id()).query(String.class).list())
                .containsExactlyInAnyOrder("REMINDER", "CHAIR_NOTICE", "SUSPENSION");
        assertThat(jdbc.sql("select count(*) from completion_suspension where practitioner_id = ? and lifted_at is null")
                .param(late.id()).query(Long.class).single()).isOne();
        // The audit log names the system actor, not a person and not "nobody".
        assertThat(jdbc.sql("select distinct username from audit_event where resource_type = 'CompletionLetter' and detail like ?")
                .param("% to practitioner " + late.id()).query(String.class).list()).containsExactly(DailyEscalation.ACTOR);
        assertThat(jdbc.sql("select actor from completion_escalation_run where run_on = ?").param(day).query(String.class).single())
                .isEqualTo(DailyEscalation.ACTOR);

        // Later the same day: already run. The next day: the ladder runs again but issues no letter twice.
        assertThat(jobAt(day.atTime(18, 0)).runIfDue()).isEmpty();
        assertThat(jobAt(day.plusDays(1).atTime(5, 0)).runIfDue()).isEmpty();
        assertThat(jobAt(day.plusDays(1).atTime(6, 30)).runIfDue()).isPresent();
        assertThat(letters(late.id())).isEqualTo(3);
    }

    @Test
    void theTimeIsTheHospitalsOnTheDayClocksSpringForward() {
        ZoneId zone = ZoneId.of("America/New_York");
        // 2027-03-14: 02:00 EST becomes 03:00 EDT; 06:00 local is 10:00 UTC, not 11:00.
        DailyEscalation before = new DailyEscalation(completion, jdbc,
                HospitalClock.fixed(Instant.parse("2027-03-14T09:59:00Z"), zone), java.time.LocalTime.of(6, 0), Duration.ZERO);
        DailyEscalation at = new DailyEscalation(completion, jdbc,
                HospitalClock.fixed(Instant.parse("2027-03-14T10:00:00Z"), zone), java.time.LocalTime.of(6, 0), Duration.ZERO);
        assertThat(before.due()).isEmpty();
        assertThat(at.due()).contains(LocalDate.of(2027, 3, 14));
    }
}
