package org.custodian.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditOutcome;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.staff.NewStaffMember;
import org.custodian.staff.StaffDirectory;
import org.custodian.staff.StaffProfile;
import org.custodian.staff.StaffProfiles;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The scheduled scan keeps up with a busy live log (45 CFR 164.308(a)(1)(ii)(D)): chart reads are written
 * at a steady 200 events a second (17 million a day, several times a large hospital's log) for 30 seconds,
 * nothing calls the scan, and every chunk of the log is explained and scored within a minute of being
 * written; a snooper's look among them is an alert within a minute.
 */
@CustodianTest
class MonitorKeepsUpIT {

    static final int RATE_PER_SECOND = 200;
    static final Duration RUN = Duration.ofSeconds(30);
    static final Duration CHUNK = Duration.ofMillis(500);
    static final Duration WITHIN = Duration.ofMinutes(1);

    @Autowired AuditLog audit;
    @Autowired PatientRegistry patients;
    @Autowired StaffDirectory staff;
    @Autowired StaffProfiles profiles;
    @Autowired StaffAccounts accounts;
    @Autowired JdbcClient jdbc;

    record Chunk(Instant writtenAt, long lastSeq) {
    }

    long cursor() {
        return jdbc.sql("select last_seq from monitoring_cursor where id = 1").query(Long.class).single();
    }

    long lastSeqOf(String user) {
        return jdbc.sql("select max(seq) from audit_event where username = ?").param(user).query(Long.class).single();
    }

    @Test
    void theScheduledScanKeepsUpWithTwoHundredEventsASecond() {
        String tag = UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        List<Patient> charts = new ArrayList<>();
        accounts.runAs(Role.HIM_DIRECTOR, () -> {
            for (int i = 0; i < 20; i++) {
                charts.add(patients.register(new NewPatient(null, null, "Busy", null, "Busy" + tag + (char) ('a' + i),
                        LocalDate.of(1960 + i, 2, 3), AdministrativeSex.M, null, null, null, null)));
            }
        });
        String snooper = "keep-" + tag;
        staff.create(new NewStaffMember(snooper, "Kim Keeper", StaffAccounts.PASSWORD, Set.of(Role.CLINICIAN)));
        Patient relative = charts.get(7);
        accounts.runAs(Role.ADMIN, () -> profiles.put(new StaffProfile(snooper, "Kim", relative.familyName(), null, "Oncology",
                "RN", null)));

        Random random = new Random(18);
        int perChunk = (int) (RATE_PER_SECOND * CHUNK.toMillis() / 1000);
        long chunks = RUN.toMillis() / CHUNK.toMillis();
        List<Chunk> written = new ArrayList<>();
        long start = System.nanoTime();
        Instant snoopedAt = null;
        for (int c = 0; c < chunks; c++) {
            LockSupport.parkNanos(start + c * CHUNK.toNanos() - System.nanoTime()); // the log's pace, not a wait for a state
            List<AuditEntry> entries = new ArrayList<>(perChunk);
            Instant now = Instant.now();
            for (int i = 0; i < perChunk; i++) {
                Patient p = charts.get(random.nextInt(charts.size()));
                entries.add(new AuditEntry(now, "busy-" + tag + "-" + random.nextInt(60), "CLINICIAN", p.id(), "Chart",
                        String.valueOf(p.id()), AuditAction.READ, "TREAT", "127.0.0.1", AuditOutcome.SUCCESS, "busy log"));
            }
            if (c == chunks / 2) {
                snoopedAt = now;
                entries.add(new AuditEntry(now, snooper, "CLINICIAN", relative.id(), "Chart", String.valueOf(relative.id()),
                        AuditAction.READ, "TREAT", "127.0.0.1", AuditOutcome.SUCCESS, "a relative's chart"));
            }
            audit.appendAll(entries);
            written.add(new Chunk(Instant.now(), jdbc.sql("select max(seq) from audit_event").query(Long.class).single()));
        }
        double rate = chunks * perChunk / ((System.nanoTime() - start) / 1e9);

        // Each chunk's scan time: when the monitor's cursor first passed its last event (polled, never asked).
        Duration worst = Duration.ZERO;
        int next = 0;
        Instant deadline = written.get(written.size() - 1).writtenAt().plus(WITHIN).plusSeconds(5);
        while (next < written.size() && Instant.now().isBefore(deadline)) {
            long cursor = cursor();
            Instant seen = Instant.now();
            while (next < written.size() && written.get(next).lastSeq() <= cursor) {
                Duration lag = Duration.between(written.get(next).writtenAt(), seen);
                worst = lag.compareTo(worst) > 0 ? lag : worst;
                next++;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        System.out.printf("monitor keeps up: %,d events written at %.0f events/s for %d s; worst time from write to scanned %.1f s%n",
                chunks * perChunk, rate, RUN.toSeconds(), worst.toMillis() / 1000.0);
        assertThat(next).as("chunks scanned within a minute of being written").isEqualTo(written.size());
        assertThat(worst).isLessThanOrEqualTo(WITHIN);
        assertThat(rate).isGreaterThan(RATE_PER_SECOND * 0.8);

        Long alertCreated = jdbc.sql("select min(created_at) from monitoring_alert where username = ? and patient_id = ?")
                .params(snooper, relative.id()).query((rs, i) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).getTime())
                .single();
        assertThat(alertCreated).as("the snooper's alert").isNotNull();
        assertThat(Duration.ofMillis(alertCreated - snoopedAt.toEpochMilli())).isLessThanOrEqualTo(WITHIN);
        assertThat(lastSeqOf(snooper)).isLessThanOrEqualTo(cursor());
    }
}
