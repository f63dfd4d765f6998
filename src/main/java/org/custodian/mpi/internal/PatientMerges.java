package org.custodian.mpi.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.custodian.Actor;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.mpi.OverlayRiskException;
import org.custodian.mpi.PatientMerge;
import org.custodian.patient.PatientNotFoundException;
import org.custodian.mpi.PatientsMerged;
import org.custodian.mpi.PatientsUnmerged;
import org.custodian.patient.SsnColumn;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Merging two registrations of one person and undoing it: the overlay guard first, the identifiers
 * moved and remembered for the undo, {@link PatientsMerged}/{@link PatientsUnmerged} published in the
 * transaction so that every module's rows follow (MergeFollowers), both patients' audit trails told.
 */
@Component
class PatientMerges {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SsnColumn ssns;


    PatientMerges(JdbcClient jdbc, TransactionTemplate tx, AuditTrail audit, ApplicationEventPublisher events, Clock clock, SsnColumn ssns) {
        this.ssns = ssns;
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    PatientMerge merge(long survivingPatientId, long retiredPatientId, String reason) {
        return merge(survivingPatientId, retiredPatientId, reason, null);
    }

    PatientMerge merge(long survivingPatientId, long retiredPatientId, String reason, String overrideReason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: a merge needs a reason");
        }
        if (survivingPatientId == retiredPatientId) {
            throw new IllegalArgumentException("retiredPatientId: a patient cannot be merged into itself");
        }
        boolean override = overrideReason != null && !overrideReason.isBlank();
        Refusal refusal = new Refusal();
        Long mergeId = tx.execute(status -> {
            // Lock both rows in id order so that two merges of the same pair cannot interleave.
            List<Long> locked = jdbc.sql("select id from patient where id in (?, ?) order by id for update")
                    .params(survivingPatientId, retiredPatientId).query(Long.class).list();
            for (long id : new long[] {survivingPatientId, retiredPatientId}) {
                if (!locked.contains(id)) {
                    throw new PatientNotFoundException(id);
                }
            }
            Long survivorMergedInto = mergedInto(survivingPatientId);
            Long retiredMergedInto = mergedInto(retiredPatientId);
            if (survivorMergedInto != null) {
                throw new IllegalArgumentException("survivingPatientId: patient " + survivingPatientId
                        + " was itself merged into patient " + survivorMergedInto);
            }
            if (retiredMergedInto != null) {
                throw new IllegalArgumentException("retiredPatientId: patient " + retiredPatientId
                        + " is already merged into patient " + retiredMergedInto);
            }
            List<String> risks = OverlayGuard.risks(record(survivingPatientId), record(retiredPatientId))
                    .stream().map(Enum::name).toList();
            if (!risks.isEmpty() && !override) {
                refusal.risks = risks;
                return null;
            }
            long id = jdbc.sql("""
                    insert into patient_merge (surviving_patient_id, retired_patient_id, reason, overlay_risks,
                                               override_reason, merged_by, merged_at)
                    values (?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(survivingPatientId, retiredPatientId, reason.trim(), String.join(",", risks),
                            risks.isEmpty() ? null : overrideReason.trim(), Actor.current(), now())
                    .query(Long.class).single();
            jdbc.sql("""
                    with moved as (update patient_identifier set patient_id = ? where patient_id = ? returning id)
                    insert into patient_merge_identifier (merge_id, identifier_id) select ?, id from moved""")
                    .params(survivingPatientId, retiredPatientId, id).update();
            jdbc.sql("update patient set merged_into = ? where id = ?").params(survivingPatientId, retiredPatientId).update();
            events.publishEvent(new PatientsMerged(id, survivingPatientId, retiredPatientId));
            String detail = "merge " + id + ": patient " + retiredPatientId + " merged into " + survivingPatientId
                    + (risks.isEmpty() ? "" : "; overlay guard overridden (" + String.join(",", risks) + ")");
            audit.record(AuditAction.UPDATE, AuditOutcome.SUCCESS, survivingPatientId, "PatientMerge", id, detail);
            audit.record(AuditAction.UPDATE, AuditOutcome.SUCCESS, retiredPatientId, "PatientMerge", id, detail);
            return id;
        });
        if (mergeId == null) {
            String detail = "merge of patient " + retiredPatientId + " into " + survivingPatientId
                    + " refused by the overlay guard (" + String.join(",", refusal.risks) + ")";
            audit.record(AuditAction.UPDATE, AuditOutcome.FAILURE, survivingPatientId, "PatientMerge", null, detail);
            audit.record(AuditAction.UPDATE, AuditOutcome.FAILURE, retiredPatientId, "PatientMerge", null, detail);
            events.publishEvent(new MergeRefused(survivingPatientId, retiredPatientId, refusal.risks));
            throw new OverlayRiskException(refusal.risks);
        }
        return findMerge(mergeId).orElseThrow();
    }

    /** Internal: a merge the overlay guard refused, for the worklist to pick up (after the refusal is audited). */
    record MergeRefused(long survivingPatientId, long retiredPatientId, List<String> risks) {
    }

    private static final class Refusal {
        List<String> risks = List.of();
    }

    PatientMerge unmerge(long mergeId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: an unmerge needs a reason");
        }
        PatientMerge merge = tx.execute(status -> {
            List<long[]> found = jdbc.sql("""
                    select surviving_patient_id, retired_patient_id from patient_merge
                    where id = ? and unmerged_at is null for update""")
                    .param(mergeId).query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
            if (found.isEmpty()) {
                throw new IllegalArgumentException("mergeId: merge " + mergeId + " does not exist or was already undone");
            }
            long survivor = found.get(0)[0];
            long retired = found.get(0)[1];
            jdbc.sql("select id from patient where id in (?, ?) order by id for update").params(survivor, retired)
                    .query(Long.class).list();
            Long survivorMergedInto = mergedInto(survivor);
            if (survivorMergedInto != null) {
                // Later merges moved this merge's rows on; undo them first, newest first.
                throw new IllegalArgumentException("mergeId: patient " + survivor + " has since been merged into patient "
                        + survivorMergedInto + "; undo that merge first");
            }
            jdbc.sql("""
                    update patient_identifier set patient_id = ?
                    where id in (select identifier_id from patient_merge_identifier where merge_id = ?)""")
                    .params(retired, mergeId).update();
            jdbc.sql("update patient set merged_into = null where id = ?").param(retired).update();
            jdbc.sql("update patient_merge set unmerge_reason = ?, unmerged_by = ?, unmerged_at = ? where id = ?")
                    .params(reason.trim(), Actor.current(), now(), mergeId).update();
            events.publishEvent(new PatientsUnmerged(mergeId, survivor, retired));
            String detail = "unmerge " + mergeId + ": patient " + retired + " restored from " + survivor;
            audit.record(AuditAction.UPDATE, AuditOutcome.SUCCESS, survivor, "PatientMerge", mergeId, detail);
            audit.record(AuditAction.UPDATE, AuditOutcome.SUCCESS, retired, "PatientMerge", mergeId, detail);
            return findMerge(mergeId).orElseThrow();
        });
        return merge;
    }

    private Long mergedInto(long patientId) {
        return jdbc.sql("select merged_into from patient where id = ?").param(patientId).query(Long.class).optional().orElse(null);
    }

    private MpiRecord record(long patientId) {
        return jdbc.sql("select " + IndexRows.COLUMNS + " from patient where id = ?").param(patientId)
                .query((rs, i) -> IndexRows.record(rs, ssns)).single();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    }

    private static final String MERGE_COLUMNS = """
            m.id, m.surviving_patient_id, m.retired_patient_id, r.mrn, m.reason, m.overlay_risks, m.override_reason,
            m.merged_by, m.merged_at, m.unmerge_reason, m.unmerged_by, m.unmerged_at""";

    private static PatientMerge mergeRow(ResultSet rs) throws SQLException {
        String risks = rs.getString(6);
        OffsetDateTime unmerged = rs.getObject(12, OffsetDateTime.class);
        return new PatientMerge(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                risks.isEmpty() ? List.of() : Arrays.asList(risks.split(",")), rs.getString(7), rs.getString(8),
                rs.getObject(9, OffsetDateTime.class).toInstant(), rs.getString(10), rs.getString(11),
                unmerged == null ? null : unmerged.toInstant());
    }

    Optional<PatientMerge> findMerge(long mergeId) {
        Optional<PatientMerge> merge = jdbc.sql("select " + MERGE_COLUMNS
                        + " from patient_merge m join patient r on r.id = m.retired_patient_id where m.id = ?")
                .param(mergeId).query((rs, i) -> mergeRow(rs)).optional();
        merge.ifPresent(m -> audit.patient(AuditAction.READ, m.survivingPatientId(), "PatientMerge", m.id()));
        return merge;
    }

    List<PatientMerge> mergesOf(long patientId) {
        List<PatientMerge> merges = jdbc.sql("select " + MERGE_COLUMNS
                        + " from patient_merge m join patient r on r.id = m.retired_patient_id"
                        + " where m.surviving_patient_id = ? or m.retired_patient_id = ? order by m.id desc")
                .params(patientId, patientId).query((rs, i) -> mergeRow(rs)).list();
        audit.patient(AuditAction.READ, patientId, "PatientMerge", null);
        return merges;
    }

}
