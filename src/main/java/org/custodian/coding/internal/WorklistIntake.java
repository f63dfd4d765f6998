package org.custodian.coding.internal;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.custodian.chart.ChartViews;
import org.custodian.chart.DischargeCancelled;
import org.custodian.chart.EncounterDischarged;
import org.custodian.chart.EncountersDischarged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Puts every discharged encounter on the coder worklist. The chart publishes
 * {@link EncounterDischarged} inside its transaction; Spring Modulith's event publication registry
 * stores the publication with the chart's commit, and this listener runs after that commit in a
 * transaction of its own. A failed intake leaves the publication incomplete in the registry, which
 * resubmits it (at start-up, and by {@code org.custodian.EventRetries}), so a lost event is retried
 * rather than found later. It is {@code @ApplicationModuleListener} without the {@code @Async}
 * (docs/decisions.md#cross-module-events-go-through-the-publication-registry): the intake runs
 * in the publisher's thread right after the commit, so when {@code recordAll} or a discharge returns,
 * the encounter is on the worklist.
 *
 * <p>One idempotent insert per event (a repeated event, e.g. an HL7 A03 sent twice, changes nothing),
 * and only while the chart still shows the encounter discharged: a cancel (A13) that commits before
 * a retried intake is not undone by it.
 */
@Component
class WorklistIntake {

    private final JdbcClient jdbc;
    private final Clock clock;

    WorklistIntake(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @TransactionalEventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void discharged(EncounterDischarged event) {
        queue(List.of(event.encounterId()));
    }

    /** A bulk load's discharged encounters: one statement for all of them. */
    @TransactionalEventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void discharged(EncountersDischarged event) {
        queue(event.discharges().stream().map(EncounterDischarged::encounterId).toList());
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

    private void queue(List<Long> encounterIds) {
        // Bulk loads publish one event per encounter, each intake its own commit: without this every commit
        // waits for a WAL flush (docs/decisions.md#cross-module-events-go-through-the-publication-registry). A crash may lose
        // the last fraction of a second of intake, never the encounters (the chart committed them, and the
        // registry's publication with them): the incomplete publication is resubmitted.
        // PostgreSQL: synchronous_commit applies to this transaction only, the listener's own.
        jdbc.sql("set local synchronous_commit = off").update();
        // A later discharge time (a corrected A03) moves the encounter; the queue time stays the first.
        // Read from the chart's published view, not the event, whether it is still discharged.
        jdbc.sql("""
                insert into coding_worklist (encounter_id, patient_id, encounter_class, discharge_at, queued_at)
                select d.encounter_id, d.patient_id, d.encounter_class, d.discharge_at, ?
                from %s d where d.encounter_id = any(?)
                on conflict (encounter_id) do update set discharge_at = excluded.discharge_at,
                  encounter_class = excluded.encounter_class, patient_id = excluded.patient_id"""
                        .formatted(ChartViews.DISCHARGED_ENCOUNTERS))
                .params(clock.instant().atOffset(ZoneOffset.UTC), encounterIds.toArray(Long[]::new))
                .update();
    }
}
