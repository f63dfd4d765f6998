package org.custodian.chart.internal;

import java.util.ArrayList;
import java.util.List;
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

    @EventListener
    void merged(PatientsMerged merge) {
        List<Long> encounters = move("encounter", "ENCOUNTER", merge.mergeId(), merge.retiredPatientId(), merge.survivingPatientId());
        List<Long> documents = move("clinical_document", "DOCUMENT", merge.mergeId(), merge.retiredPatientId(), merge.survivingPatientId());
        auditMoves(merge.mergeId(), merge.retiredPatientId(), merge.survivingPatientId(), encounters, documents, "merge");
    }

    @EventListener
    void unmerged(PatientsUnmerged unmerge) {
        List<Long> encounters = moveBack("encounter", "ENCOUNTER", unmerge.mergeId(), unmerge.retiredPatientId());
        List<Long> documents = moveBack("clinical_document", "DOCUMENT", unmerge.mergeId(), unmerge.retiredPatientId());
        auditMoves(unmerge.mergeId(), unmerge.survivingPatientId(), unmerge.retiredPatientId(), encounters, documents, "unmerge");
    }

    private List<Long> move(String table, String rowType, long mergeId, long from, long to) {
        // Table names are constants of this class, never input.
        List<Long> ids = jdbc.sql("update " + table + " set patient_id = ? where patient_id = ? returning id")
                .params(to, from).query(Long.class).list();
        if (!ids.isEmpty()) {
            jdbc.sql("insert into chart_merge_move (merge_id, row_type, row_id) select ?, ?, unnest(?::bigint[])")
                    .params(mergeId, rowType, ids.toArray(Long[]::new)).update();
        }
        return ids;
    }

    private List<Long> moveBack(String table, String rowType, long mergeId, long to) {
        return jdbc.sql("update " + table + " set patient_id = ? where id in "
                        + "(select row_id from chart_merge_move where merge_id = ? and row_type = ?) returning id")
                .params(to, mergeId, rowType).query(Long.class).list();
    }

    private void auditMoves(long mergeId, long from, long to, List<Long> encounters, List<Long> documents, String why) {
        List<AuditEntry> entries = new ArrayList<>();
        for (Long id : encounters) {
            entries.add(audit.entry(AuditAction.UPDATE, AuditOutcome.SUCCESS, to, "Encounter", id,
                    why + " " + mergeId + ": moved from patient " + from));
        }
        for (Long id : documents) {
            entries.add(audit.entry(AuditAction.UPDATE, AuditOutcome.SUCCESS, to, "ClinicalDocument", id,
                    why + " " + mergeId + ": moved from patient " + from));
        }
        if (!entries.isEmpty()) {
            audit.recordAll(entries);
        }
    }
}
