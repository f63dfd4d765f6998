package org.custodian.coding;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

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

    /**
     * A final-coded inpatient stay grouped to an MS-DRG, the unit of the case mix index ({@link CaseMix#FORMULA});
     * {@code weight} is null when its grouper version is not loaded (left out of the index).
     */
    record GroupedStay(long encounterId, Long patientId, LocalDate dischargeDate, Integer drg, BigDecimal weight,
                       BigDecimal expectedPayment) {
    }

    /** Final-coded inpatient stays discharged {@code from} to {@code to} (inclusive, hospital days), the same as {@link CaseMix#caseMixIndex}'s. */
    List<GroupedStay> finalStays(LocalDate from, LocalDate to);

    /**
     * The expected payment in dollars of each encounter's MS-DRG as it is grouped now (final, working
     * or from the chart's findings; weight × the fiscal year's blended base rate); encounters without
     * one are absent.
     */
    Map<Long, BigDecimal> expectedPayments(Collection<Long> encounterIds);
}
