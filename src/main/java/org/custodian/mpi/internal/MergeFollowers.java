package org.custodian.mpi.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.custodian.MergeFollower;
import org.custodian.MergeMoves;
import org.custodian.audit.AuditTrail;
import org.custodian.mpi.PatientsMerged;
import org.custodian.mpi.PatientsUnmerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves every declared module's patient rows on a merge, and back on an unmerge (see
 * {@link MergeFollower}), as part of the merge the master patient index performs. Runs in the merge's transaction ({@code @EventListener}, not an
 * after-commit listener): a merge whose rows cannot all follow does not happen, and no chart is ever
 * seen half-merged. An unmerge moves back exactly the rows the merge moved, not rows filed on the
 * survivor since. Each module's moves are audited on the patient they went to.
 */
@Component
class MergeFollowers {

    private final List<MergeFollower> followers;
    private final JdbcClient jdbc;
    private final AuditTrail audit;

    MergeFollowers(List<MergeFollower> followers, JdbcClient jdbc, AuditTrail audit) {
        this.followers = followers;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @EventListener
    void merged(PatientsMerged m) {
        for (MergeFollower f : followers) {
            if (f.moved().isEmpty()) {
                continue;
            }
            Map<String, List<Long>> moved = new LinkedHashMap<>();
            f.moved().forEach(t -> moved.put(t.resourceType(), MergeMoves.move(jdbc, f.moveTable(), t.table(), t.idColumn(),
                    t.rowType(), m.mergeId(), m.retiredPatientId(), m.survivingPatientId())));
            audit.movedByMerge("merge", m.mergeId(), m.retiredPatientId(), m.survivingPatientId(), moved);
        }
    }

    @EventListener
    void unmerged(PatientsUnmerged u) {
        for (MergeFollower f : followers) {
            if (f.moved().isEmpty()) {
                continue;
            }
            Map<String, List<Long>> moved = new LinkedHashMap<>();
            f.moved().forEach(t -> moved.put(t.resourceType(), MergeMoves.moveBack(jdbc, f.moveTable(), t.table(), t.idColumn(),
                    t.rowType(), u.mergeId(), u.retiredPatientId())));
            audit.movedByMerge("unmerge", u.mergeId(), u.survivingPatientId(), u.retiredPatientId(), moved);
        }
    }
}
