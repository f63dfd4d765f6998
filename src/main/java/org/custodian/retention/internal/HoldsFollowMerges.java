package org.custodian.retention.internal;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.mpi.PatientsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A legal hold must not be escaped by a merge: when a held patient's record is merged into
 * another, the encounters move to the survivor, so each active whole-record hold is carried over
 * to the survivor (a hold on one encounter follows the encounter by itself). Runs in the merge's
 * transaction. After an unmerge the carried holds stay until counsel releases them: holding too
 * much is safe, destroying held records is not (FRCP 37(e), spoliation).
 */
@Component
class HoldsFollowMerges {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    HoldsFollowMerges(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener
    void carry(PatientsMerged merged) {
        List<Long> carried = jdbc.sql("""
                        insert into legal_hold (patient_id, encounter_id, matter, reason, placed_by, placed_at)
                        select ?, null, matter,
                               'Carried over from legal hold ' || id || ' at merge ' || ? || ': ' || reason, placed_by, ?
                        from legal_hold where released_at is null and encounter_id is null and patient_id = ?
                        returning id""")
                .params(merged.survivingPatientId(), merged.mergeId(), clock.instant().atOffset(ZoneOffset.UTC),
                        merged.retiredPatientId())
                .query(Long.class).list();
        for (long id : carried) {
            audit.record(AuditAction.CREATE, AuditOutcome.SUCCESS, merged.survivingPatientId(), "LegalHold", id,
                    "carried over at merge " + merged.mergeId());
        }
    }
}
