package org.custodian.coding;

import java.time.Instant;
import java.util.List;

/**
 * The coding department's figures, for the dashboard: the encounters discharged and not final
 * billed (DNFB) at any instant, the billing abstracts finalized in a time range (productivity)
 * and the dual-coding audit's agreement per audited chart (accuracy). Rows carry ids only, no
 * names: the caller checks who may see the figure and names patients through its own audited call.
 */
public interface CodingFigures {

    /** An encounter in DNFB at an instant: discharged then and its billing abstract not final then. */
    record OpenEncounter(long encounterId, long patientId, String encounterClass, Instant dischargedAt, long days) {
    }

    /** A billing abstract finalized: who coded it, when they started and finished. */
    record FinalizedChart(long encounterId, long patientId, String coder, Instant startedAt, Instant finalizedAt) {
    }

    /**
     * A chart of the dual-coding audit whose audit abstract is final: codes both coders gave
     * ({@code agreeing}) out of the codes either gave ({@code codes}), diagnoses and procedures.
     */
    record AuditedChart(long encounterId, long patientId, String coder, Instant auditedAt, int agreeing, int codes,
                        boolean principalAgrees) {
    }

    /** DNFB as it stood at {@code at}, oldest discharge first; days are whole days from discharge to {@code at}. */
    List<OpenEncounter> dnfbAt(Instant at);

    /** Billing abstracts finalized in [from, to). */
    List<FinalizedChart> finalized(Instant from, Instant to);

    /** Audit abstracts finalized in [from, to), one row per audited chart. */
    List<AuditedChart> audited(Instant from, Instant to);
}
