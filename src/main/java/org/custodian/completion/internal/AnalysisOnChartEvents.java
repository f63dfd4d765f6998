package org.custodian.completion.internal;

import java.util.List;
import org.custodian.chart.DischargeCancelled;
import org.custodian.chart.DocumentSigned;
import org.custodian.chart.DocumentsFiled;
import org.custodian.chart.EncounterAdmitted;
import org.custodian.chart.EncounterDischarged;
import org.custodian.chart.PractitionerAssigned;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Automatic analysis on every chart event that can open or close a deficiency: admission (the
 * H&P clock), a surgeon named (surgery: H&P before it, operative report after), discharge and its
 * cancellation, documents filed and signed. Synchronous, like the coding worklist's intake: when
 * the chart's call returns, the deficiencies agree with the chart.
 */
@Component
class AnalysisOnChartEvents {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AnalysisOnChartEvents.class);

    private final DeficiencyAnalysis analysis;
    private final JdbcClient jdbc;

    AnalysisOnChartEvents(DeficiencyAnalysis analysis, JdbcClient jdbc) {
        this.analysis = analysis;
        this.jdbc = jdbc;
    }

    /**
     * A failed analysis must not fail the chart's own work (a signature, an admission): it is
     * logged, and the next event on the encounter or a re-analysis puts the deficiencies right.
     */
    private void analyse(List<Long> encounterIds) {
        try {
            analysis.analyse(encounterIds);
        } catch (RuntimeException e) {
            log.warn("Record completion: analysis of {} encounters failed: {}", encounterIds.size(), e.toString());
        }
    }

    @EventListener
    void admitted(EncounterAdmitted e) {
        analyse(List.of(e.encounterId()));
    }

    @EventListener
    void assigned(PractitionerAssigned e) {
        analyse(List.of(e.encounterId()));
    }

    @EventListener
    void discharged(EncounterDischarged e) {
        analyse(List.of(e.encounterId()));
    }

    @EventListener
    void dischargeCancelled(DischargeCancelled e) {
        analyse(List.of(e.encounterId()));
    }

    @EventListener
    void filed(DocumentsFiled e) {
        analyse(e.encounterIds());
    }

    @EventListener
    void signed(DocumentSigned e) {
        jdbc.sql("select encounter_id from chart_completion_document where document_id = ?").param(e.documentId())
                .query(Long.class).optional().ifPresent(id -> analyse(List.of(id)));
    }
}
