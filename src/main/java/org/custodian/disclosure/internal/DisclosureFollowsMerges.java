package org.custodian.disclosure.internal;

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
 * Release-of-information records follow a merge. The accounting of disclosures is the
 * individual's right (45 CFR 164.528(a)): a disclosure made from a duplicate registration is still
 * a disclosure of that person's information and must appear in the survivor's accounting, and the
 * requests in progress stay on the person's queue with their clocks. In the merge's transaction;
 * an unmerge moves back exactly these rows.
 */
@Component
class DisclosureFollowsMerges {

    private static final String MOVES = "disclosure_merge_move";
    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("disclosure_request", "REQUEST");
        TABLES.put("accounting_entry", "ACCOUNTING_ENTRY");
        TABLES.put("accounting_request", "ACCOUNTING_REQUEST");
    }

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    DisclosureFollowsMerges(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @EventListener
    void merged(PatientsMerged m) {
        Map<String, List<Long>> moved = new LinkedHashMap<>();
        TABLES.forEach((table, rowType) -> moved.put(rowType, MergeMoves.move(jdbc, MOVES, table, rowType, m.mergeId(),
                m.retiredPatientId(), m.survivingPatientId())));
        audited(m.mergeId(), m.retiredPatientId(), m.survivingPatientId(), moved, "merge");
    }

    @EventListener
    void unmerged(PatientsUnmerged u) {
        Map<String, List<Long>> moved = new LinkedHashMap<>();
        TABLES.forEach((table, rowType) -> moved.put(rowType, MergeMoves.moveBack(jdbc, MOVES, table, rowType, u.mergeId(),
                u.retiredPatientId())));
        audited(u.mergeId(), u.survivingPatientId(), u.retiredPatientId(), moved, "unmerge");
    }

    private void audited(long mergeId, long from, long to, Map<String, List<Long>> moved, String why) {
        List<AuditEntry> entries = new ArrayList<>();
        moved.forEach((rowType, ids) -> {
            String resource = switch (rowType) {
                case "REQUEST" -> "DisclosureRequest";
                case "ACCOUNTING_ENTRY" -> "AccountingEntry";
                default -> "AccountingRequest";
            };
            ids.forEach(id -> entries.add(audit.entry(AuditAction.UPDATE, AuditOutcome.SUCCESS, to, resource, id,
                    why + " " + mergeId + ": moved from patient " + from)));
        });
        if (!entries.isEmpty()) {
            audit.recordAll(entries);
        }
    }
}
