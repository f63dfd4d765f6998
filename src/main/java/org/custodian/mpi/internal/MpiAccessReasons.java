package org.custodian.mpi.internal;

import java.time.Instant;
import java.util.List;
import org.custodian.AccessReasons;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A duplicate pair on the master patient index's worklist is the reason of the analyst who decided it to open both registrations (from the pair's finding until the decision); a merge, of who merged or unmerged it. Privacy monitoring explains chart accesses with these (45 CFR 164.308(a)(1)(ii)(D)).
 */
@Component
class MpiAccessReasons implements AccessReasons {

    private final JdbcClient jdbc;

    MpiAccessReasons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<AccessReason> reasons(Instant from, Instant to) {
        return AccessReasons.query(jdbc, """
                select d.decided_by, p.patient_a, 'master patient index', 'duplicate pair ' || p.id, p.found_at, d.decided_at
                from mpi_decision d join mpi_pair p on p.id = d.pair_id where p.found_at < :t and d.decided_at >= :f
                union all
                select d.decided_by, p.patient_b, 'master patient index', 'duplicate pair ' || p.id, p.found_at, d.decided_at
                from mpi_decision d join mpi_pair p on p.id = d.pair_id where p.found_at < :t and d.decided_at >= :f
                union all
                select merged_by, surviving_patient_id, 'master patient index', 'merge ' || id, merged_at, coalesce(unmerged_at, merged_at)
                from patient_merge where merged_at < :t and coalesce(unmerged_at, merged_at) >= :f
                union all
                select merged_by, retired_patient_id, 'master patient index', 'merge ' || id, merged_at, coalesce(unmerged_at, merged_at)
                from patient_merge where merged_at < :t and coalesce(unmerged_at, merged_at) >= :f
                union all
                select unmerged_by, surviving_patient_id, 'master patient index', 'unmerge ' || id, merged_at, unmerged_at
                from patient_merge where unmerged_by is not null and merged_at < :t and unmerged_at >= :f
                union all
                select unmerged_by, retired_patient_id, 'master patient index', 'unmerge ' || id, merged_at, unmerged_at
                from patient_merge where unmerged_by is not null and merged_at < :t and unmerged_at >= :f""", from, to);
    }
}
