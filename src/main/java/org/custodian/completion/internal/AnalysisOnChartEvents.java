package org.custodian.completion.internal;

import java.util.List;
import org.custodian.chart.DischargeCancelled;
import org.custodian.chart.DocumentSigned;
import org.custodian.chart.DocumentsFiled;
import org.custodian.chart.EncounterAdmitted;
import org.custodian.chart.EncounterDischarged;
import org.custodian.chart.EncountersDischarged;
import org.custodian.chart.PractitionerAssigned;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Automatic analysis on every chart event that can open or close a deficiency: admission (the
 * H&P clock), a surgeon named (surgery: H&P before it, operative report after), discharge and its
 * cancellation, documents filed and signed. After the chart's commit, in a transaction of its own and
 * through Spring Modulith's event publication registry (a failed analysis is resubmitted), in the
 * chart's thread like the coding worklist's intake: when the chart's call returns, the deficiencies
 * agree with the chart. An event published outside a transaction is analysed at once
 * ({@code fallbackExecution}).
 */
@Component
class AnalysisOnChartEvents {

    private final DeficiencyAnalysis analysis;
    private final JdbcClient jdbc;

    AnalysisOnChartEvents(DeficiencyAnalysis analysis, JdbcClient jdbc) {
        this.analysis = analysis;
        this.jdbc = jdbc;
    }

    /**
     * A failed analysis does not fail the chart's work (it runs after the chart's commit); its
     * publication stays incomplete in the registry and is resubmitted (org.custodian.EventRetries).
     */
    private void analyse(List<Long> encounterIds) {
        analysis.analyse(encounterIds);
    }

    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void admitted(EncounterAdmitted e) {
        analyse(List.of(e.encounterId()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void assigned(PractitionerAssigned e) {
        analyse(List.of(e.encounterId()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void discharged(EncounterDischarged e) {
        analyse(List.of(e.encounterId()));
    }

    /** A bulk load's discharged encounters (a FHIR import, the demo hospital), analysed together. */
    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void discharged(EncountersDischarged e) {
        analyse(e.discharges().stream().map(EncounterDischarged::encounterId).toList());
    }

    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void dischargeCancelled(DischargeCancelled e) {
        analyse(List.of(e.encounterId()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void filed(DocumentsFiled e) {
        analyse(e.encounterIds());
    }

    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void signed(DocumentSigned e) {
        jdbc.sql("select encounter_id from chart_completion_document where document_id = ?").param(e.documentId())
                .query(Long.class).optional().ifPresent(id -> analyse(List.of(id)));
    }
}
