package org.custodian.chart.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.custodian.Rows;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.chart.ChartNotFoundException;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.RecordDestruction;
import org.custodian.chart.RetainedEncounter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Purges an encounter at the end of its retention period. The rows stay as tombstones so that ids
 * cited elsewhere (audit log, accounting of disclosures, the certificate) still resolve to "destroyed
 * under certificate N"; the clinical text, the provider and service, and the amendment texts of
 * its documents are overwritten in the same transaction. The audit log keeps the fact, not the content.
 */
@Service
class JdbcRecordDestruction implements RecordDestruction {

    private static final String COLUMNS = """
            e.id, e.patient_id, e.encounter_number, e.encounter_class, e.admit_at, e.discharge_at,
            (select count(*) from clinical_document d where d.encounter_id = e.id), e.destroyed_at, e.destruction_certificate""";
    static final String PURGED = "[destroyed]";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final Clock clock;

    JdbcRecordDestruction(JdbcClient jdbc, TransactionTemplate tx, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public List<RetainedEncounter> encountersEndedBefore(Instant cutoff, Long patientId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from encounter e where e.destroyed_at is null"
                        + " and coalesce(e.discharge_at, e.admit_at) < ? and (cast(? as bigint) is null or e.patient_id = ?)"
                        + " order by coalesce(e.discharge_at, e.admit_at), e.id limit ?")
                .params(cutoff.atOffset(ZoneOffset.UTC), patientId, patientId, limit).query((rs, i) -> row(rs)).list();
    }

    @Override
    public RetainedEncounter retained(long encounterId) {
        return jdbc.sql("select " + COLUMNS + " from encounter e where e.id = ?").param(encounterId)
                .query((rs, i) -> row(rs)).optional().orElseThrow(() -> new ChartNotFoundException("Encounter", encounterId));
    }

    @Override
    public RetainedEncounter destroyEncounter(long encounterId, String certificateNumber) {
        if (certificateNumber == null || certificateNumber.isBlank()) {
            throw new IllegalArgumentException("certificateNumber: must not be blank");
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        List<AuditEntry> entries = new ArrayList<>();
        RetainedEncounter before = tx.execute(s -> {
            RetainedEncounter e = jdbc.sql("select " + COLUMNS + " from encounter e where e.id = ? for update")
                    .param(encounterId).query((rs, i) -> row(rs)).optional()
                    .orElseThrow(() -> new ChartNotFoundException("Encounter", encounterId));
            if (e.destroyed()) {
                throw ChartConflict.of("Already destroyed", "Encounter " + encounterId + " was destroyed under certificate "
                        + e.destructionCertificate() + ".");
            }
            String tombstone = "Destroyed under certificate of destruction " + certificateNumber + " on "
                    + now.toLocalDate() + ". The content of this document no longer exists.";
            List<Long> documents = jdbc.sql("select id from clinical_document where encounter_id = ? for update")
                    .param(encounterId).query(Long.class).list();
            jdbc.sql("""
                            update amendment_request set requested_change = ?, patient_reason = null,
                                   amendment_text = case when amendment_text is null then null else ? end,
                                   denial_explanation = null, extension_reason = null,
                                   disagreement = case when disagreement is null then null else ? end,
                                   rebuttal = case when rebuttal is null then null else ? end
                            where document_id in (select id from clinical_document where encounter_id = ?)""")
                    .params(PURGED, PURGED, PURGED, PURGED, encounterId).update();
            jdbc.sql("update clinical_document set body = ?, destroyed_at = ?, destruction_certificate = ? where encounter_id = ?")
                    .params(tombstone, now, certificateNumber, encounterId).update();
            // The versions a source's revisions replaced are the same record: destroyed with it.
            jdbc.sql("""
                            update clinical_document_version set body = ?, author = ?, signed_by = null
                            where document_id in (select id from clinical_document where encounter_id = ?)""")
                    .params(tombstone, PURGED, encounterId).update();
            // The encounter's kept clinical resources (labs, vitals, medications, ...) go with it:
            // only the type and id remain, so references to them still say what was destroyed.
            jdbc.sql("""
                            update clinical_resource set resource = jsonb_build_object('resourceType', resource_type, 'id', fhir_id),
                                   terms = '{}', destroyed_at = ?, destruction_certificate = ?
                            where encounter_id = ? and destroyed_at is null""")
                    .params(now, certificateNumber, encounterId).update();
            jdbc.sql("""
                            update encounter set attending_provider = null, service = null, discharge_disposition = null,
                                   destroyed_at = ?, destruction_certificate = ? where id = ?""")
                    .params(now, certificateNumber, encounterId).update();
            String detail = "destroyed under certificate " + certificateNumber;
            entries.add(audit.entry(AuditAction.UPDATE, AuditOutcome.SUCCESS, e.patientId(), "Encounter", encounterId, detail));
            for (Long d : documents) {
                entries.add(audit.entry(AuditAction.UPDATE, AuditOutcome.SUCCESS, e.patientId(), "DocumentReference", d, detail));
            }
            return e;
        });
        recordAfterCommit(entries);
        return retained(before.encounterId());
    }

    /**
     * The audit writer commits on its own; when the caller's transaction (a destruction of several
     * encounters) is still open, the fact is written only once that transaction has committed.
     */
    private void recordAfterCommit(List<AuditEntry> entries) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    audit.recordAll(entries);
                }
            });
        } else {
            audit.recordAll(entries);
        }
    }

    private static RetainedEncounter row(ResultSet rs) throws SQLException {
        return new RetainedEncounter(rs.getLong(1), rs.getLong(2), rs.getString(3), EncounterClass.valueOf(rs.getString(4)),
                Rows.instant(rs, 5), Rows.instant(rs, 6), rs.getInt(7), Rows.instant(rs, 8), rs.getString(9));
    }

}
