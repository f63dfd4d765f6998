package org.custodian.coding.internal;

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
 * The coder's worklist entries and abstracts follow their encounters in a merge: the chart moves
 * the encounters to the survivor, and the abstract's age and sex edits must judge the person the
 * encounter now belongs to. In the merge's transaction; an unmerge moves back exactly these rows.
 */
@Component
class CodingFollowsMerges {

    private static final String MOVES = "coding_merge_move";

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    CodingFollowsMerges(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @EventListener
    void merged(PatientsMerged m) {
        List<Long> worklist = MergeMoves.move(jdbc, MOVES, "coding_worklist", "encounter_id", "WORKLIST", m.mergeId(),
                m.retiredPatientId(), m.survivingPatientId());
        List<Long> abstracts = MergeMoves.move(jdbc, MOVES, "coding_abstract", "ABSTRACT", m.mergeId(),
                m.retiredPatientId(), m.survivingPatientId());
        audited(m.mergeId(), m.retiredPatientId(), m.survivingPatientId(), worklist, abstracts, "merge");
    }

    @EventListener
    void unmerged(PatientsUnmerged u) {
        List<Long> worklist = MergeMoves.moveBack(jdbc, MOVES, "coding_worklist", "encounter_id", "WORKLIST", u.mergeId(),
                u.retiredPatientId());
        List<Long> abstracts = MergeMoves.moveBack(jdbc, MOVES, "coding_abstract", "ABSTRACT", u.mergeId(),
                u.retiredPatientId());
        audited(u.mergeId(), u.survivingPatientId(), u.retiredPatientId(), worklist, abstracts, "unmerge");
    }

    /** Audits the moves on the patient they went to: the worklist entries, then the abstracts. */
    private void audited(long mergeId, long from, long to, List<Long> worklist, List<Long> abstracts, String how) {
        Map<String, List<Long>> moved = new LinkedHashMap<>();
        moved.put("CodingWorklistItem", worklist);
        moved.put("CodedAbstract", abstracts);
        audit.movedByMerge(how, mergeId, from, to, moved);
    }
}
