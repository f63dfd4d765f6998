package org.custodian.coding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
 * A bulk load of discharged encounters (as the demo hospital's {@code recordAll}) puts every one on
 * the worklist by the time the call returns, the undischarged none; a repeated event is harmless.
 */
@CustodianTest
class WorklistIntakeIT {

    static final int BULK = 2_000;

    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired JdbcClient jdbc;
    @Autowired WorklistIntake intake;
    @Autowired org.springframework.transaction.support.TransactionTemplate tx;

    @Autowired org.custodian.chart.EncounterLifecycle encounters;

    /** ADT^A13: a cancelled discharge leaves the worklist (not DNFB any more); the next discharge queues it again. */
    @Test
    void aCancelledDischargeLeavesTheWorklistAndItsNextDischargeQueuesItAgain() {
        CodingFixtures.Stay stay = CodingFixtures.stay(accounts, patients, charts, LocalDate.of(1972, 3, 3),
                AdministrativeSex.F, LocalDate.of(2025, 12, 3), EncounterClass.INPATIENT);
        assertThat(queued(stay.encounterId())).isEqualTo(1);
        accounts.runAs(Role.CLINICIAN, () -> encounters.cancelDischarge(stay.encounterId()));
        assertThat(queued(stay.encounterId())).isZero();
        accounts.runAs(Role.CLINICIAN,
                () -> encounters.discharge(stay.encounterId(), Instant.parse("2025-12-05T10:00:00Z"), null));
        assertThat(queued(stay.encounterId())).isEqualTo(1);
    }

    private int queued(long encounterId) {
        return jdbc.sql("select count(*) from coding_worklist where encounter_id = ?").param(encounterId)
                .query(Integer.class).single();
    }

    /**
     * A discharge inside the caller's transaction (the HL7 feed's, whose AA promises a durable
     * commit) must leave that transaction's commit synchronous: the intake's own shortcut
     * ({@code synchronous_commit = off}) is for a transaction of its own only.
     */
    @Test
    void aDischargeInTheCallersTransactionLeavesItsCommitDurable() {
        CodingFixtures.Stay stay = CodingFixtures.stay(accounts, patients, charts, LocalDate.of(1971, 2, 2),
                AdministrativeSex.M, LocalDate.of(2025, 12, 2), EncounterClass.INPATIENT);
        String setting = tx.execute(status -> {
            intake.discharged(new org.custodian.chart.EncounterDischarged(stay.encounterId(), stay.patientId(),
                    EncounterClass.INPATIENT, Instant.parse("2025-12-04T10:00:00Z")));
            return jdbc.sql("select current_setting('synchronous_commit')").query(String.class).single();
        });
        assertThat(setting).isEqualTo("on");
        assertThat(jdbc.sql("select count(*) from coding_worklist where encounter_id = ?").param(stay.encounterId())
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void everyDischargedEncounterOfABulkLoadIsOnTheWorklist() {
        CodingFixtures.Stay first = CodingFixtures.stay(accounts, patients, charts, LocalDate.of(1970, 1, 1),
                AdministrativeSex.F, LocalDate.of(2025, 12, 1), EncounterClass.INPATIENT);
        List<NewEncounter> bulk = new ArrayList<>(BULK);
        Instant admit = Instant.parse("2025-12-01T08:00:00Z");
        for (int i = 0; i < BULK; i++) {
            EncounterClass cls = EncounterClass.values()[i % 3];
            Instant discharge = i % 10 == 9 ? null : admit.plus(1 + i % 5, ChronoUnit.DAYS);
            bulk.add(new NewEncounter(first.patientId(), null, cls, admit, discharge, "Dr. Bulk", "Medicine", null));
        }
        List<Long> ids = new ArrayList<>();
        long[] nanos = new long[1];
        accounts.runAs(Role.CLINICIAN, () -> {
            long t0 = System.nanoTime();
            ids.addAll(charts.recordAll(bulk));
            nanos[0] = System.nanoTime() - t0;
        });
        int queued = jdbc.sql("select count(*) from coding_worklist where encounter_id = any(?)")
                .param(ids.toArray(Long[]::new)).query(Integer.class).single();
        assertThat(queued).isEqualTo(BULK - BULK / 10);
        System.out.printf("recordAll of %d encounters (%d discharged) with worklist intake: %d ms%n", BULK, queued,
                nanos[0] / 1_000_000);

        // The same event again (an HL7 A03 resent) leaves one row.
        Long again = ids.get(0);
        intake.discharged(new org.custodian.chart.EncounterDischarged(again, first.patientId(), EncounterClass.INPATIENT,
                admit.plus(1, ChronoUnit.DAYS)));
        assertThat(jdbc.sql("select count(*) from coding_worklist where encounter_id = ?").param(again)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Autowired org.custodian.EventRetries retries;

    /**
     * An intake that fails (here a trigger refuses the worklist row) loses nothing and does not undo
     * the discharge: the publication stays incomplete in Spring Modulith's registry and a retry queues
     * the encounter, with no reconciliation run.
     */
    @Test
    void aFailedIntakeIsRetriedFromTheEventPublicationRegistry() {
        CodingFixtures.Stay stay = CodingFixtures.stay(accounts, patients, charts, LocalDate.of(1969, 6, 6),
                AdministrativeSex.M, LocalDate.of(2025, 12, 6), EncounterClass.INPATIENT);
        accounts.runAs(Role.CLINICIAN, () -> encounters.cancelDischarge(stay.encounterId()));
        jdbc.sql("""
                create or replace function test_refuse_intake() returns trigger language plpgsql as $$
                begin
                  if new.encounter_id = %d then raise exception 'intake refused by the test'; end if;
                  return new;
                end $$""".formatted(stay.encounterId())).update();
        jdbc.sql("create trigger test_refuse_intake before insert on coding_worklist for each row execute function test_refuse_intake()").update();
        try {
            accounts.runAs(Role.CLINICIAN,
                    () -> encounters.discharge(stay.encounterId(), Instant.parse("2025-12-07T10:00:00Z"), null));
            assertThat(queued(stay.encounterId())).isZero();
            assertThat(incompleteIntakes(stay.encounterId())).isEqualTo(1);
        } finally {
            jdbc.sql("drop trigger test_refuse_intake on coding_worklist").update();
            jdbc.sql("drop function test_refuse_intake()").update();
        }
        retries.retryOlderThan(java.time.Duration.ZERO);
        assertThat(queued(stay.encounterId())).isEqualTo(1);
        assertThat(incompleteIntakes(stay.encounterId())).isZero();
    }

    private int incompleteIntakes(long encounterId) {
        return jdbc.sql("""
                select count(*) from event_publication
                where completion_date is null and listener_id like '%WorklistIntake%'
                  and serialized_event like ?""").param("%\"encounterId\":" + encounterId + ",%")
                .query(Integer.class).single();
    }
}
