package org.custodian.coding.internal;

import java.time.Clock;
import java.time.ZoneOffset;
import org.custodian.chart.DischargeCancelled;
import org.custodian.chart.EncounterDischarged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts every discharged encounter on the coder worklist. The chart publishes
 * {@link EncounterDischarged} after its transaction commits, so the listener runs synchronously in
 * the publisher's thread: when {@code recordAll} returns, its discharged encounters are on the
 * worklist. One idempotent insert per event (a repeated event, e.g. an HL7 A03 sent twice, changes
 * nothing); thousands of events cost one short statement each, measured in the report
 * ({@code WorklistIntakeIT}).
 */
@Component
class WorklistIntake {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    WorklistIntake(JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    @EventListener
    void discharged(EncounterDischarged event) {
        tx.executeWithoutResult(status -> queue(event, status.isNewTransaction()));
    }

    /**
     * A cancelled discharge (ADT^A13) takes the encounter off the worklist: it is not discharged, so
     * not DNFB, and its stay may go on for days. A coder's abstract, if any, is kept for when it is
     * discharged again (and queued again). In the chart's transaction: cancelled with it or not at all.
     */
    @EventListener
    void dischargeCancelled(DischargeCancelled event) {
        jdbc.sql("delete from coding_worklist where encounter_id = ?").param(event.encounterId()).update();
    }

    private void queue(EncounterDischarged event, boolean ownTransaction) {
        if (ownTransaction) {
            // Bulk loads publish one event per encounter, each its own commit: without this every commit
            // waits for a WAL flush (docs/decisions.md#coding-intake-commits-asynchronously). A crash may lose the last
            // fraction of a second of intake, never the encounters themselves (the chart committed them):
            // WorklistReconciler queues what was lost at the next start-up or scheduled run.
            // PostgreSQL: synchronous_commit applies to this transaction only, which is why it is set
            // only in a transaction of the listener's own: in the publisher's (the HL7 feed's, whose
            // ACK promises a durable commit) it would make the publisher's commit asynchronous too.
            jdbc.sql("set local synchronous_commit = off").update();
        }
        // A later discharge time (a corrected A03) moves the encounter; the queue time stays the first.
        jdbc.sql("""
                insert into coding_worklist (encounter_id, patient_id, encounter_class, discharge_at, queued_at)
                values (?, ?, ?, ?, ?)
                on conflict (encounter_id) do update set discharge_at = excluded.discharge_at,
                  encounter_class = excluded.encounter_class, patient_id = excluded.patient_id""")
                .params(event.encounterId(), event.patientId(), event.encounterClass().name(),
                        event.dischargeAt().atOffset(ZoneOffset.UTC), clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }
}
