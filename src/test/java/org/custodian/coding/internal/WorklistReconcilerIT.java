package org.custodian.coding.internal;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.custodian.chart.ChartService;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.NewEncounter;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Worklist intake is durable: an encounter whose worklist row was lost (deleted here, as a crash
 * after the chart's commit would lose it) or whose discharge never reached the listener (the chart's
 * row changed behind the event) is queued again by the reconciler, once, at its discharge time.
 */
@CustodianTest
class WorklistReconcilerIT {

    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired JdbcClient jdbc;
    @Autowired WorklistReconciler reconciler;
    @Autowired Clock clock;

    @Test
    void aLostWorklistRowIsRestoredOnceAndOnlyForDischargedEncounters() {
        CodingFixtures.Stay stay = CodingFixtures.stay(accounts, patients, charts, LocalDate.of(1961, 3, 4),
                AdministrativeSex.M, LocalDate.of(2025, 11, 3), EncounterClass.INPATIENT);
        assertThat(worklistRows(stay.encounterId())).isEqualTo(1);
        jdbc.sql("delete from coding_worklist where encounter_id = ?").param(stay.encounterId()).update();

        // A discharge the listener never saw: the chart row says finished, no event was published.
        long silent = encounter(stay.patientId(), null);
        jdbc.sql("update encounter set status = 'FINISHED', discharge_at = ? where id = ?")
                .params(OffsetDateTime.parse("2025-11-05T15:30:00Z"), silent).update();
        // Still in the building: not the coder's work yet.
        long inHouse = encounter(stay.patientId(), null);
        assertThat(worklistRows(silent)).isZero();

        long t0 = System.nanoTime();
        int queued = reconciler.reconcile();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long discharged = jdbc.sql("select count(*) from chart_discharged_encounter").query(Long.class).single();
        System.out.printf("reconcile over %d discharged encounters: %d queued in %d ms%n", discharged, queued, ms);

        assertThat(queued).isGreaterThanOrEqualTo(2);
        assertThat(row(stay.encounterId())).containsExactly("INPATIENT", Instant.parse("2025-11-03T12:00:00Z"));
        assertThat(row(silent)).containsExactly("OUTPATIENT", Instant.parse("2025-11-05T15:30:00Z"));
        assertThat(worklistRows(inHouse)).isZero();

        // Idempotent: a second run finds nothing missing and the rows stay single.
        assertThat(reconciler.reconcile()).isZero();
        assertThat(worklistRows(stay.encounterId())).isEqualTo(1);
        assertThat(worklistRows(silent)).isEqualTo(1);
    }

    @Test
    void theScheduleRunsWithoutAnyoneCallingIt() {
        CodingFixtures.Stay stay = CodingFixtures.stay(accounts, patients, charts, LocalDate.of(1977, 7, 7),
                AdministrativeSex.F, LocalDate.of(2025, 11, 4), EncounterClass.EMERGENCY);
        WorklistReconciler scheduled = new WorklistReconciler(jdbc, clock, Duration.ofMillis(100));
        scheduled.start();
        try {
            jdbc.sql("delete from coding_worklist where encounter_id = ?").param(stay.encounterId()).update();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> assertThat(worklistRows(stay.encounterId())).isEqualTo(1));
        } finally {
            scheduled.stop();
        }
        assertThat(scheduled.isRunning()).isFalse();
    }

    private long encounter(long patientId, Instant dischargeAt) {
        long[] id = new long[1];
        accounts.runAs(Role.CLINICIAN, () -> id[0] = charts.record(new NewEncounter(patientId, null,
                EncounterClass.OUTPATIENT, Instant.parse("2025-11-05T09:00:00Z"), dischargeAt, "Dr. Coder", "Clinic",
                null)).id());
        return id[0];
    }

    private int worklistRows(long encounterId) {
        return jdbc.sql("select count(*) from coding_worklist where encounter_id = ?").param(encounterId)
                .query(Integer.class).single();
    }

    private List<Object> row(long encounterId) {
        return jdbc.sql("select encounter_class, discharge_at from coding_worklist where encounter_id = ?")
                .param(encounterId)
                .query((rs, n) -> List.<Object>of(rs.getString(1), rs.getObject(2, OffsetDateTime.class)
                        .withOffsetSameInstant(ZoneOffset.UTC).toInstant()))
                .single();
    }
}
