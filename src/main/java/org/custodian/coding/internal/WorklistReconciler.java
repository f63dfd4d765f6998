package org.custodian.coding.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.custodian.PeriodicJob;
import org.custodian.chart.ChartViews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The worklist's safety net where the event publication registry cannot help. {@link WorklistIntake}
 * queues an encounter when the chart announces its discharge, and a failed intake is retried from the
 * registry (org.custodian.EventRetries). What the registry never saw stays missing: encounters
 * discharged before the registry existed (an upgrade), a database restored from a backup taken
 * between a discharge and its intake, rows the chart changed by a migration. So, at start-up and then
 * every {@code custodian.coding.reconcile-interval} (default 5 minutes; 0 turns the schedule off), the
 * discharged encounters the chart publishes ({@link ChartViews#DISCHARGED_ENCOUNTERS}) that are
 * missing from {@code coding_worklist} are queued — one set-based statement (an anti-join), so a run
 * over tens of thousands of encounters costs milliseconds and repeating it changes nothing.
 */
@Component
class WorklistReconciler extends PeriodicJob {

    private static final Logger log = LoggerFactory.getLogger(WorklistReconciler.class);

    /**
     * Missing rows only: a row already queued (by the listener, perhaps at this very moment) is left
     * as it is; {@code on conflict} settles that race.
     */
    static final String RECONCILE = """
            insert into coding_worklist (encounter_id, patient_id, encounter_class, discharge_at, queued_at)
            select d.encounter_id, d.patient_id, d.encounter_class, d.discharge_at, ?
            from %s d
            where not exists (select 1 from coding_worklist w where w.encounter_id = d.encounter_id)
            on conflict (encounter_id) do nothing""".formatted(ChartViews.DISCHARGED_ENCOUNTERS);

    private final JdbcClient jdbc;
    private final Clock clock;

    @Autowired
    WorklistReconciler(JdbcClient jdbc, Clock clock, CodingSettings settings) {
        this(jdbc, clock, settings.reconcileInterval());
    }

    WorklistReconciler(JdbcClient jdbc, Clock clock, Duration interval) {
        super("coding-worklist-reconciler", interval, true, WhenZero.RUN_ONCE_AT_START);
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Queues the discharged encounters missing from the worklist; returns how many. */
    int reconcile() {
        int queued = jdbc.sql(RECONCILE).param(clock.instant().atOffset(ZoneOffset.UTC)).update();
        if (queued > 0) {
            // Counts only: no encounter or patient identifiers in the log.
            log.info("Worklist reconciliation queued {} discharged encounter(s) the discharge events had missed", queued);
        }
        return queued;
    }

    @Override
    protected void runOnce() {
        reconcile();
    }
}
