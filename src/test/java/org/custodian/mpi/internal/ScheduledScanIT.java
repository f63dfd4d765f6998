package org.custodian.mpi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.custodian.ClusterLocks;
import org.custodian.HospitalClock;
import org.custodian.patient.Address;
import org.custodian.patient.AdministrativeSex;
import org.custodian.mpi.DuplicateScan;
import org.custodian.patient.NewPatient;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The nightly scan for duplicates: at the configured time in the hospital's zone it scans the whole
 * index as the system actor, once a night (the day is claimed), and the worklist's scan history shows it.
 */
@CustodianTest
class ScheduledScanIT {

    private static final ZoneId ZONE = ZoneId.of("America/New_York");

    @Autowired DuplicateScans scans;
    @Autowired DuplicateScan api;
    @Autowired PatientRegistry patients;
    @Autowired StaffAccounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired ClusterLocks locks;

    private ScheduledScan jobAt(LocalDateTime local) {
        return new ScheduledScan(scans, HospitalClock.fixed(local.atZone(ZONE).toInstant(), ZONE),
                new MpiSettings(null, null, null, null, null, java.time.LocalTime.of(2, 0), Duration.ZERO, null, null));
    }

    @Test
    void theScanRunsByItselfOnceANightAsTheSystemActor() {
        String family = TestPatients.uniqueName("Nightly");
        long[] ids = new long[2];
        accounts.runAs(Role.CLINICIAN, () -> {
            ids[0] = patients.register(new NewPatient(null, null, "Margaret", null, family, LocalDate.of(1948, 3, 14), AdministrativeSex.F,
                    null, new Address("12 Birch St", "Peoria", "IL", "61602"), "309-555-0142", null)).id();
            ids[1] = patients.register(new NewPatient(null, null, "Maggie", null, family, LocalDate.of(1948, 3, 14), AdministrativeSex.F,
                    null, new Address("12 Birch St", "Peoria", "IL", "61602"), null, null)).id();
        });
        // A night of our own in the future, so no other test's run claims it.
        LocalDate night = LocalDate.of(2090, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(20_000));

        assertThat(jobAt(night.atTime(1, 59)).runIfDue()).isEmpty();
        Optional<DuplicateScan.Run> ran = jobAt(night.atTime(2, 0)).runIfDue();

        assertThat(ran).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo("DONE");
            assertThat(r.trigger()).isEqualTo(DuplicateScan.Trigger.SCHEDULED);
            assertThat(r.startedBy()).isEqualTo(DuplicateScan.SYSTEM_ACTOR);
            assertThat(r.registrations()).isGreaterThanOrEqualTo(2);
            assertThat(r.proposedPairs()).isGreaterThanOrEqualTo(1);
        });
        assertThat(jdbc.sql("select source || ' ' || status from mpi_pair where patient_a = ? and patient_b = ?")
                .params(ids[0], ids[1]).query(String.class).list()).containsExactly("SCAN OPEN");
        // The bulk read is audited under the system actor.
        assertThat(jdbc.sql("select count(*) from audit_event where username = ? and resource_type = 'DuplicatePair' and detail like 'mpi-scan of %'")
                .param(DuplicateScan.SYSTEM_ACTOR).query(Long.class).single()).isPositive();
        // Later the same night, or another instance: the night is taken. The next night runs again.
        assertThat(jobAt(night.atTime(23, 0)).runIfDue()).isEmpty();
        assertThat(jobAt(night.plusDays(1).atTime(1, 0)).runIfDue()).isEmpty();
        assertThat(jobAt(night.plusDays(1).atTime(2, 30)).runIfDue()).isPresent();
        assertThat(jobAt(night.atTime(2, 0)).schedule()).isEqualTo("off (custodian.mpi.scan-check-every is 0)");
    }

    @Test
    void aSecondScanIsRefusedWhileOneRuns() {
        accounts.runAs(Role.DATA_INTEGRITY_ANALYST, () -> {
            // Another instance's scan holds the cluster lock.
            boolean held = locks.runAlone(DuplicateScans.LOCK, () -> {
                assertThatThrownBy(() -> api.start(DuplicateScan.Trigger.ANALYST)).isInstanceOf(DuplicateScan.AlreadyRunning.class);
                assertThatThrownBy(() -> api.scanIndex(DuplicateScan.Trigger.ANALYST)).isInstanceOf(DuplicateScan.AlreadyRunning.class);
            });
            assertThat(held).isTrue();
            // The refused synchronous scan is recorded as failed; the last finished scan says why.
            assertThat(api.lastFinished()).hasValueSatisfying(r -> {
                assertThat(r.status()).isEqualTo("FAILED");
                assertThat(r.error()).isEqualTo("another scan was running");
            });
        });
    }
}
