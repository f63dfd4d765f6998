package org.custodian.disclosure.internal;

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
 * Release-of-information records follow a merge. The accounting of disclosures is the
 * individual's right (45 CFR 164.528(a)): a disclosure made from a duplicate registration is still
 * a disclosure of that person's information and must appear in the survivor's accounting, and the
 * requests in progress stay on the person's queue with their clocks. In the merge's transaction;
 * an unmerge moves back exactly these rows.
 */
@Component
class DisclosureFollowsMerges {

    private static final String MOVES = "disclosure_merge_move";

    /** A disclosure table, the row type the move table records, the audit's resource type. */
    private record Rows(String table, String rowType, String resourceType) {
    }

    private static final List<Rows> TABLES = List.of(
            new Rows("disclosure_request", "REQUEST", "DisclosureRequest"),
            new Rows("accounting_entry", "ACCOUNTING_ENTRY", "AccountingEntry"),
            new Rows("accounting_request", "ACCOUNTING_REQUEST", "AccountingRequest"));

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    DisclosureFollowsMerges(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @EventListener
    void merged(PatientsMerged m) {
        Map<String, List<Long>> moved = new LinkedHashMap<>();
        TABLES.forEach(t -> moved.put(t.resourceType(), MergeMoves.move(jdbc, MOVES, t.table(), t.rowType(), m.mergeId(),
                m.retiredPatientId(), m.survivingPatientId())));
        audit.movedByMerge("merge", m.mergeId(), m.retiredPatientId(), m.survivingPatientId(), moved);
    }

    @EventListener
    void unmerged(PatientsUnmerged u) {
        Map<String, List<Long>> moved = new LinkedHashMap<>();
        TABLES.forEach(t -> moved.put(t.resourceType(), MergeMoves.moveBack(jdbc, MOVES, t.table(), t.rowType(), u.mergeId(),
                u.retiredPatientId())));
        audit.movedByMerge("unmerge", u.mergeId(), u.survivingPatientId(), u.retiredPatientId(), moved);
    }
}
