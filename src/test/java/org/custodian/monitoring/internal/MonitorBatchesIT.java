package org.custodian.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodian.chart.ChartService;
import org.custodian.chart.DischargeDisposition;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.NewEncounter;
import org.custodian.monitoring.PrivacyMonitoring;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.CustodianTest;
import org.custodian.support.HospitalToday;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The monitor reads the audit log in batches (45 CFR 164.308(a)(1)(ii)(D)): one user's accesses to one
 * patient on one day split between batches make one alert, not none or two; deaths come from expired
 * discharges (UB-04 status 20); only the latest discharge counts, until the patient is admitted again.
 */
@CustodianTest
class MonitorBatchesIT {

    @Autowired JdbcPrivacyMonitoring monitor;
    @Autowired PrivacyMonitoring monitoring;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired StaffAccounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;

    ZoneId zone() {
        return clock.getZone();
    }

    long patient(String family) {
        long[] id = new long[1];
        accounts.runAs(Role.HIM_DIRECTOR, () -> id[0] = patients.register(new NewPatient(null, null, "Batch", null,
                family + UUID.randomUUID().toString().replaceAll("[^a-f]", ""), LocalDate.of(1944, 4, 4), AdministrativeSex.F,
                null, null, null, null)).id());
        return id[0];
    }

    void encounter(long patientId, Instant admit, Instant discharge, DischargeDisposition disposition) {
        accounts.runAs(Role.CLINICIAN, () -> charts.record(new NewEncounter(patientId, null, EncounterClass.INPATIENT, admit, discharge,
                "Dr. Batch", "Medicine", disposition)));
    }

    /** A weekday at least two days before the hospital's today, so every hour of it is past. */
    static LocalDate pastWeekday() {
        LocalDate d = HospitalToday.date().minusDays(2);
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.minusDays(1);
        }
        return d;
    }

    Engine.Access read(long seq, Instant at, String user, long patientId) {
        return new Engine.Access(seq, at, user, "CLINICIAN", patientId, "Chart", false);
    }

    List<Long> alertsOf(String user) {
        return jdbc.sql("select id from monitoring_alert where username = ?").param(user).query(Long.class).list();
    }

    @Test
    void accessesSplitBetweenBatchesMakeOneAlert() {
        LocalDate day = pastWeekday();
        Instant died = day.atTime(LocalTime.NOON).atZone(zone()).toInstant();
        long patientId = patient("Expired");
        encounter(patientId, died.minus(Duration.ofHours(4)), died, DischargeDisposition.EXPIRED);
        String user = "batch-" + UUID.randomUUID().toString().substring(0, 8);

        // 06:00, before the death: off-hours only (15), below the threshold of 60
        monitor.process(List.of(read(1, day.atTime(6, 0).atZone(zone()).toInstant(), user, patientId)));
        assertThat(alertsOf(user)).isEmpty();
        // 13:00, after it: deceased (50), below the threshold alone; with the morning's access, 65
        monitor.process(List.of(read(2, day.atTime(13, 0).atZone(zone()).toInstant(), user, patientId)));
        assertThat(alertsOf(user)).hasSize(1);
        // 14:00, a third batch below the threshold alone: its access joins the day's alert
        monitor.process(List.of(read(3, day.atTime(14, 0).atZone(zone()).toInstant(), user, patientId)));
        List<Long> ids = alertsOf(user);
        assertThat(ids).hasSize(1);
        accounts.runAs(Role.PRIVACY_OFFICER, () -> {
            PrivacyMonitoring.Alert a = monitoring.alert(ids.get(0));
            assertThat(a.patientId()).isEqualTo(patientId);
            assertThat(a.day()).isEqualTo(day);
            assertThat(a.score()).isEqualTo(65);
            assertThat(a.rules()).extracting(PrivacyMonitoring.RuleContribution::rule).containsExactlyInAnyOrder("DECEASED", "OFF_HOURS");
            assertThat(a.accesses()).extracting(PrivacyMonitoring.AlertAccess::seq).containsExactly(1L, 2L, 3L);
        });
        assertThat(jdbc.sql("select count(*) from monitoring_pending_rule where username = ?").param(user).query(Long.class).single())
                .as("nothing left pending once the alert holds it").isZero();
    }

    @Test
    void aDeathComesFromAnExpiredDischargeAndOnlyTheLatestDischargeCountsUntilReadmission() {
        Instant now = clock.instant();
        long readmitted = patient("Readmitted");
        encounter(readmitted, now.minus(Duration.ofDays(45)), now.minus(Duration.ofDays(40)), DischargeDisposition.HOME);
        encounter(readmitted, now.minus(Duration.ofDays(2)), null, null);
        long dead = patient("Deceased");
        encounter(dead, now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(5)), DischargeDisposition.EXPIRED);
        long discharged = patient("Discharged");
        encounter(discharged, now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(5)), DischargeDisposition.HOME);

        Engine engine = monitor.engine(now.minus(Duration.ofHours(1)), now, List.of(readmitted, dead, discharged));
        String user = "facts-" + UUID.randomUUID().toString().substring(0, 8);
        Map<Long, List<String>> fired = new java.util.HashMap<>();
        long seq = 0;
        for (long p : List.of(readmitted, dead, discharged)) {
            fired.put(p, engine.run(List.of(read(++seq, now, user, p)), Map.of()).get(0).fired().stream().map(Engine.Fired::rule).toList());
        }
        assertThat(fired.get(readmitted)).as("in the hospital again").doesNotContain("AFTER_DISCHARGE", "DECEASED");
        assertThat(fired.get(dead)).as("discharged expired").contains("DECEASED").doesNotContain("AFTER_DISCHARGE");
        assertThat(fired.get(discharged)).contains("AFTER_DISCHARGE").doesNotContain("DECEASED");
    }
}
