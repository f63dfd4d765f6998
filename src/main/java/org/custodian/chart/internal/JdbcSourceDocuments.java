package org.custodian.chart.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.custodian.Rows;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditTrail;
import org.custodian.chart.ChartNotFoundException;
import org.custodian.chart.DocumentRevision;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.SourceDocuments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Revisions and cancellations from a document's source. The row is locked, the version it had is
 * copied to {@code clinical_document_version}, then the row takes the new version; all in the
 * caller's transaction when there is one (the MLLP receiver's, so that the change and the
 * message's acknowledgement stand or fall together).
 */
@Service
class JdbcSourceDocuments implements SourceDocuments {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final Clock clock;

    JdbcSourceDocuments(JdbcClient jdbc, TransactionTemplate tx, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    private record Current(long patientId, String docType, String title, String author, String body,
                           DocumentStatus status, String signedBy, Instant signedAt, boolean destroyed) {
    }

    @Override
    public Revision revise(long documentId, DocumentRevision r) {
        Objects.requireNonNull(r.type(), "type");
        Objects.requireNonNull(r.status(), "status");
        if (r.text() == null || r.text().isBlank()) {
            throw new IllegalArgumentException("text: a document revision needs its text");
        }
        if (r.author() == null || r.author().isBlank() || r.author().length() > 200) {
            throw new IllegalArgumentException("author: required, at most 200 characters");
        }
        if (r.status() == DocumentStatus.CANCELLED) {
            throw new IllegalArgumentException("status: a document is cancelled with cancel(), not revised");
        }
        boolean signedNow = r.status() == DocumentStatus.SIGNED || r.status() == DocumentStatus.AMENDED;
        if (signedNow != (r.signedBy() != null && r.signedAt() != null)) {
            throw new IllegalArgumentException("status: a " + r.status() + " revision "
                    + (signedNow ? "needs" : "cannot have") + " signedBy and signedAt");
        }
        String title = r.title() == null ? r.type().title() : r.title();
        Object[] result = tx.execute(status -> {
            Current c = lock(documentId);
            if (c.destroyed()) {
                throw new IllegalStateException("status: the document was destroyed under its retention schedule");
            }
            if (c.status() == DocumentStatus.CANCELLED) {
                throw new IllegalStateException("status: the document was cancelled by its source");
            }
            boolean wasSigned = c.status() == DocumentStatus.SIGNED || c.status() == DocumentStatus.AMENDED;
            if (c.body().equals(r.text()) && c.docType().equals(r.type().name()) && c.title().equals(title)
                    && (c.status() == r.status() || wasSigned && signedNow)) {
                return new Object[] {Revision.UNCHANGED, c.patientId()};
            }
            DocumentStatus next;
            String signer;
            Instant signedAt;
            Revision what;
            if (wasSigned) {
                if (!signedNow) {
                    throw new IllegalArgumentException("status: a signed document cannot return to "
                            + r.status().name().toLowerCase() + "; it changes only by amendment");
                }
                next = DocumentStatus.AMENDED;
                signer = r.signedBy();
                signedAt = r.signedAt();
                what = Revision.AMENDED;
            } else {
                next = r.status();
                signer = r.signedBy();
                signedAt = r.signedAt();
                what = Revision.REPLACED;
            }
            keep(documentId, c);
            jdbc.sql("""
                            update clinical_document set doc_type = ?, loinc_code = ?, title = ?, author = ?, body = ?,
                                   status = ?, signed_by = ?, signed_at = ?
                            where id = ?""")
                    .params(r.type().name(), r.type().loinc(), title, r.author(), r.text(), next.name(), signer,
                            Rows.utc(signedAt), documentId)
                    .update();
            return new Object[] {what, c.patientId()};
        });
        Revision what = (Revision) result[0];
        if (what != Revision.UNCHANGED) {
            audit.patient(AuditAction.UPDATE, (Long) result[1], "DocumentReference", documentId);
        }
        return what;
    }

    @Override
    public boolean cancel(long documentId) {
        Long patientId = tx.execute(status -> {
            Current c = lock(documentId);
            if (c.status() == DocumentStatus.CANCELLED) {
                return null;
            }
            if (c.status() == DocumentStatus.SIGNED || c.status() == DocumentStatus.AMENDED) {
                throw new IllegalStateException("status: a signed document cannot be cancelled; it changes only by amendment");
            }
            keep(documentId, c);
            jdbc.sql("update clinical_document set status = 'CANCELLED' where id = ?").param(documentId).update();
            return c.patientId();
        });
        if (patientId == null) {
            return false;
        }
        audit.patient(AuditAction.UPDATE, patientId, "DocumentReference", documentId);
        return true;
    }

    @Override
    public List<Version> versions(long documentId) {
        Long patientId = jdbc.sql("select patient_id from clinical_document where id = ?").param(documentId)
                .query(Long.class).optional().orElseThrow(() -> new ChartNotFoundException("Document", documentId));
        List<Version> versions = jdbc.sql("""
                        select version, title, author, body, status, signed_by, signed_at, replaced_at
                        from clinical_document_version where document_id = ? order by version""")
                .param(documentId)
                .query((rs, i) -> new Version(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        DocumentStatus.valueOf(rs.getString(5)), rs.getString(6), Rows.instant(rs, 7), Rows.instant(rs, 8)))
                .list();
        if (!versions.isEmpty()) {
            // No version, nothing of the patient's read: a document page without versions stays one audited read.
            audit.patient(AuditAction.READ, patientId, "DocumentReference", documentId);
        }
        return versions;
    }

    private Current lock(long documentId) {
        return jdbc.sql("""
                        select patient_id, doc_type, title, author, body, status, signed_by, signed_at,
                               destroyed_at is not null
                        from clinical_document where id = ? for update""")
                .param(documentId)
                .query((rs, i) -> new Current(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), DocumentStatus.valueOf(rs.getString(6)), rs.getString(7), Rows.instant(rs, 8),
                        rs.getBoolean(9)))
                .optional().orElseThrow(() -> new ChartNotFoundException("Document", documentId));
    }

    /** Copies the version being replaced, numbered after the ones kept before it. */
    private void keep(long documentId, Current c) {
        jdbc.sql("""
                        insert into clinical_document_version (document_id, version, doc_type, title, author, body, status,
                                                               signed_by, signed_at, replaced_at)
                        select ?, coalesce(max(version), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ?
                        from clinical_document_version where document_id = ?""")
                .params(documentId, c.docType(), c.title(), c.author(), c.body(), c.status().name(), c.signedBy(),
                        Rows.utc(c.signedAt()), Rows.utc(clock.instant()), documentId)
                .update();
    }
}
