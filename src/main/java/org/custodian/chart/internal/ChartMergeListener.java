package org.custodian.chart.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.custodian.MergeMoves;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditOutcome;
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

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    ChartMergeListener(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The chart's tables that hold a patient id, with the row type the move table records. */
    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("encounter", "ENCOUNTER");
        TABLES.put("clinical_document", "DOCUMENT");
        TABLES.put("chart_finding", "FINDING");
        TABLES.put("amendment_request", "AMENDMENT");
    }

    @EventListener
    void merged(PatientsMerged merge) {
        Map<String, List<Long>> moved = new LinkedHashMap<>();
        TABLES.forEach((table, rowType) -> moved.put(rowType, MergeMoves.move(jdbc, "chart_merge_move", table, rowType,
                merge.mergeId(), merge.retiredPatientId(), merge.survivingPatientId())));
        auditMoves(merge.mergeId(), merge.retiredPatientId(), merge.survivingPatientId(), moved, "merge");
    }

    @EventListener
    void unmerged(PatientsUnmerged unmerge) {
        Map<String, List<Long>> moved = new LinkedHashMap<>();
        TABLES.forEach((table, rowType) -> moved.put(rowType, MergeMoves.moveBack(jdbc, "chart_merge_move", table, rowType,
                unmerge.mergeId(), unmerge.retiredPatientId())));
        auditMoves(unmerge.mergeId(), unmerge.survivingPatientId(), unmerge.retiredPatientId(), moved, "unmerge");
    }

    private void auditMoves(long mergeId, long from, long to, Map<String, List<Long>> moved, String why) {
        List<AuditEntry> entries = new ArrayList<>();
        moved.forEach((rowType, ids) -> {
            String resource = switch (rowType) {
                case "ENCOUNTER" -> "Encounter";
                case "DOCUMENT" -> "ClinicalDocument";
                case "FINDING" -> "CodedFinding";
                default -> "AmendmentRequest";
            };
            for (Long id : ids) {
                entries.add(audit.entry(AuditAction.UPDATE, AuditOutcome.SUCCESS, to, resource, id,
                        why + " " + mergeId + ": moved from patient " + from));
            }
        });
        if (!entries.isEmpty()) {
            audit.recordAll(entries);
        }
    }
}
