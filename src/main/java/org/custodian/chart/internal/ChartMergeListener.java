package org.custodian.chart.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.custodian.MergeMoves;
import org.custodian.audit.AuditTrail;
import org.custodian.patient.PatientsMerged;
import org.custodian.patient.PatientsUnmerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The chart's part of a patient merge: the retired registration's encounters and documents move to
 * the survivor, and the rows moved are recorded so that an unmerge moves back exactly those (not
 * documents filed on the survivor since). Runs in the merge's transaction ({@code @EventListener}):
 * a merge whose chart move fails does not happen.
 */
@Component
class ChartMergeListener {

    private static final String MOVES = "chart_merge_move";

    /** A chart table that holds a patient id, the row type the move table records, the audit's resource type. */
    private record Rows(String table, String rowType, String resourceType) {
    }

    private static final List<Rows> TABLES = List.of(
            new Rows("encounter", "ENCOUNTER", "Encounter"),
            new Rows("clinical_document", "DOCUMENT", "ClinicalDocument"),
            new Rows("chart_finding", "FINDING", "CodedFinding"),
            new Rows("amendment_request", "AMENDMENT", "AmendmentRequest"));

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    ChartMergeListener(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @EventListener
    void merged(PatientsMerged merge) {
        Map<String, List<Long>> moved = new LinkedHashMap<>();
        TABLES.forEach(t -> moved.put(t.resourceType(), MergeMoves.move(jdbc, MOVES, t.table(), t.rowType(),
                merge.mergeId(), merge.retiredPatientId(), merge.survivingPatientId())));
        audit.movedByMerge("merge", merge.mergeId(), merge.retiredPatientId(), merge.survivingPatientId(), moved);
    }

    @EventListener
    void unmerged(PatientsUnmerged unmerge) {
        Map<String, List<Long>> moved = new LinkedHashMap<>();
        TABLES.forEach(t -> moved.put(t.resourceType(), MergeMoves.moveBack(jdbc, MOVES, t.table(), t.rowType(),
                unmerge.mergeId(), unmerge.retiredPatientId())));
        audit.movedByMerge("unmerge", unmerge.mergeId(), unmerge.survivingPatientId(), unmerge.retiredPatientId(), moved);
    }
}
