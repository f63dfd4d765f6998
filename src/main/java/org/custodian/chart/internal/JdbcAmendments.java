package org.custodian.chart.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.custodian.Actor;
import org.custodian.Rows;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditTrail;
import org.custodian.chart.AmendmentClock;
import org.custodian.chart.AmendmentRequest;
import org.custodian.chart.AmendmentStatement;
import org.custodian.chart.AmendmentStatus;
import org.custodian.chart.Amendments;
import org.custodian.chart.ChartNotFoundException;
import org.custodian.chart.DenialReason;
import org.custodian.chart.LegalHoldCheck;
import org.custodian.chart.NewAmendmentRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Amendments under 45 CFR 164.526. The document's text is never touched: an accepted amendment is
 * a row linked to it and the document's status becomes AMENDED (164.526(c)(1): "identifying the
 * records ... and appending or otherwise providing a link to the location of the amendment").
 */
@Service
class JdbcAmendments implements Amendments {

    private static final String COLUMNS = """
            id, document_id, patient_id, requested_change, patient_reason, received_on, received_by, due_on,
            extended_to, extension_reason, status, decided_by, decided_at, amendment_text, denial_reason,
            denial_explanation, disagreement, disagreement_at, rebuttal, rebuttal_by, rebuttal_at""";
    private static final String RESOURCE = "AmendmentRequest";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final Clock clock;
    private final List<LegalHoldCheck> holds;

    JdbcAmendments(JdbcClient jdbc, TransactionTemplate tx, AuditTrail audit, Clock clock, List<LegalHoldCheck> holds) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
        this.holds = holds;
    }

    @Override
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    @Override
    public AmendmentRequest receive(NewAmendmentRequest request) {
        if (request.requestedChange() == null || request.requestedChange().isBlank()) {
            throw new IllegalArgumentException("requestedChange: must not be blank");
        }
        LocalDate today = today();
        LocalDate received = request.receivedOn() == null ? today : request.receivedOn();
        if (received.isAfter(today)) {
            throw new IllegalArgumentException("receivedOn: must not be in the future");
        }
        long patientId = documentPatient(request.documentId());
        if (jdbc.sql("select destroyed_at is not null from clinical_document where id = ?").param(request.documentId())
                .query(Boolean.class).single()) {
            throw ChartConflict.of("Document destroyed", "Document " + request.documentId()
                    + " was destroyed under its retention schedule; there is nothing left to amend.");
        }
        long id = jdbc.sql("""
                        insert into amendment_request (document_id, patient_id, requested_change, patient_reason,
                                                       received_on, received_by, due_on)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(request.documentId(), patientId, request.requestedChange(), blankToNull(request.patientReason()),
                        received, Actor.current(), AmendmentClock.dueOn(received))
                .query(Long.class).single();
        audit.patient(AuditAction.CREATE, patientId, RESOURCE, id);
        return byId(id);
    }

    @Override
    public AmendmentRequest find(long id) {
        AmendmentRequest a = byId(id);
        audit.patient(AuditAction.READ, a.patientId(), RESOURCE, id);
        return a;
    }

    @Override
    public List<AmendmentRequest> forDocument(long documentId) {
        long patientId = documentPatient(documentId);
        List<AmendmentRequest> list = jdbc.sql("select " + COLUMNS + " from amendment_request where document_id = ? order by id")
                .param(documentId).query((rs, i) -> row(rs)).list();
        audit.patient(AuditAction.READ, patientId, RESOURCE, "document/" + documentId);
        return list;
    }

    @Override
    public List<AmendmentRequest> pending() {
        List<AmendmentRequest> list = jdbc.sql("select " + COLUMNS + " from amendment_request where status = 'PENDING'"
                        + " order by coalesce(extended_to, due_on), id limit 500")
                .query((rs, i) -> row(rs)).list();
        audit.recordAll(list.stream().map(a -> audit.entry(AuditAction.SEARCH,
                org.custodian.audit.AuditOutcome.SUCCESS, a.patientId(), RESOURCE, a.id(), "amendment worklist")).toList());
        return list;
    }

    @Override
    public AmendmentRequest extend(long id, String reason) {
        String why = required("reason", reason);
        AmendmentRequest a = tx.execute(s -> {
            AmendmentRequest current = pendingForUpdate(id);
            if (current.extended()) {
                // 164.526(b)(2)(iii): "may have only one such extension of time for action".
                throw ChartConflict.of("Already extended", "Request " + id + " was already extended to "
                        + current.extendedTo() + "; 45 CFR 164.526(b)(2)(iii) allows only one extension.");
            }
            if (AmendmentClock.overdue(current.dueOn(), today())) {
                // 164.526(b)(2)(ii): the written statement of the delay must go out within the 60 days.
                throw ChartConflict.of("Too late to extend", "Request " + id + " was due on " + current.dueOn()
                        + "; 45 CFR 164.526(b)(2)(ii) requires the extension notice within the 60 days.");
            }
            jdbc.sql("update amendment_request set extended_to = ?, extension_reason = ?, extension_notice_on = ? where id = ?")
                    .params(AmendmentClock.extendedTo(current.dueOn()), why, today(), id).update();
            return current;
        });
        audit.record(AuditAction.UPDATE, org.custodian.audit.AuditOutcome.SUCCESS, a.patientId(), RESOURCE, id, "extended");
        return byId(id);
    }

    @Override
    public AmendmentRequest accept(long id, String amendmentText) {
        String text = required("amendmentText", amendmentText);
        AmendmentRequest a = tx.execute(s -> {
            AmendmentRequest current = pendingForUpdate(id);
            Object[] doc = jdbc.sql("select status, encounter_id, destroyed_at is not null from clinical_document where id = ? for update")
                    .param(current.documentId()).query((rs, i) -> new Object[] {rs.getString(1), nullableLong(rs, 2), rs.getBoolean(3)})
                    .single();
            if ((Boolean) doc[2]) {
                throw ChartConflict.of("Document destroyed", "Document " + current.documentId()
                        + " was destroyed under its retention schedule; there is nothing left to amend.");
            }
            Optional<String> hold = holdCovering(current.patientId(), (Long) doc[1]);
            if (hold.isPresent()) {
                throw ChartConflict.of("Under legal hold", "Document " + current.documentId()
                        + " cannot be amended while " + hold.get() + " is in force.");
            }
            String status = (String) doc[0];
            if (!status.equals("SIGNED") && !status.equals("AMENDED")) {
                throw ChartConflict.of("Document not authenticated", "Document " + current.documentId() + " is "
                        + status + "; its author corrects it before signing, amendment applies to signed documents.");
            }
            jdbc.sql("update amendment_request set status = 'ACCEPTED', decided_by = ?, decided_at = ?, amendment_text = ? where id = ?")
                    .params(Actor.current(), now(), text, id).update();
            jdbc.sql("update clinical_document set status = 'AMENDED' where id = ?").param(current.documentId()).update();
            return current;
        });
        audit.record(AuditAction.UPDATE, org.custodian.audit.AuditOutcome.SUCCESS, a.patientId(), RESOURCE, id, "accepted");
        audit.record(AuditAction.UPDATE, org.custodian.audit.AuditOutcome.SUCCESS, a.patientId(), "DocumentReference",
                a.documentId(), "amended by request " + id);
        return byId(id);
    }

    @Override
    public AmendmentRequest deny(long id, DenialReason reason, String explanation) {
        if (reason == null) {
            throw new IllegalArgumentException("reason: one of " + java.util.Arrays.toString(DenialReason.values())
                    + " (45 CFR 164.526(a)(2))");
        }
        AmendmentRequest a = tx.execute(s -> {
            AmendmentRequest current = pendingForUpdate(id);
            jdbc.sql("""
                            update amendment_request set status = 'DENIED', decided_by = ?, decided_at = ?, denial_reason = ?,
                                   denial_explanation = ? where id = ?""")
                    .params(Actor.current(), now(), reason.name(), blankToNull(explanation), id).update();
            return current;
        });
        audit.record(AuditAction.UPDATE, org.custodian.audit.AuditOutcome.SUCCESS, a.patientId(), RESOURCE, id, "denied " + reason);
        return byId(id);
    }

    @Override
    public AmendmentRequest recordDisagreement(long id, String statement) {
        String text = required("statement", statement);
        AmendmentRequest a = tx.execute(s -> {
            AmendmentRequest current = forUpdate(id);
            if (current.status() != AmendmentStatus.DENIED) {
                throw ChartConflict.of("Not denied", "Request " + id + " is " + current.status()
                        + "; a statement of disagreement answers a denial (45 CFR 164.526(d)(1)(iii)).");
            }
            if (current.disagreement() != null) {
                throw ChartConflict.of("Statement already filed", "Request " + id + " already has a statement of disagreement.");
            }
            jdbc.sql("update amendment_request set disagreement = ?, disagreement_at = ? where id = ?")
                    .params(text, now(), id).update();
            return current;
        });
        audit.record(AuditAction.UPDATE, org.custodian.audit.AuditOutcome.SUCCESS, a.patientId(), RESOURCE, id, "disagreement");
        return byId(id);
    }

    @Override
    public AmendmentRequest recordRebuttal(long id, String rebuttal) {
        String text = required("rebuttal", rebuttal);
        AmendmentRequest a = tx.execute(s -> {
            AmendmentRequest current = forUpdate(id);
            if (current.disagreement() == null) {
                throw ChartConflict.of("No statement of disagreement", "Request " + id
                        + " has no statement of disagreement to rebut (45 CFR 164.526(d)(3)).");
            }
            if (current.rebuttal() != null) {
                throw ChartConflict.of("Rebuttal already filed", "Request " + id + " already has a rebuttal.");
            }
            jdbc.sql("update amendment_request set rebuttal = ?, rebuttal_by = ?, rebuttal_at = ? where id = ?")
                    .params(text, Actor.current(), now(), id).update();
            return current;
        });
        audit.record(AuditAction.UPDATE, org.custodian.audit.AuditOutcome.SUCCESS, a.patientId(), RESOURCE, id, "rebuttal");
        return byId(id);
    }

    @Override
    public List<AmendmentStatement> statementsFor(long documentId) {
        List<AmendmentRequest> all = forDocument(documentId);
        List<AmendmentStatement> out = new ArrayList<>();
        for (AmendmentRequest a : all) {
            if (a.status() == AmendmentStatus.ACCEPTED) {
                out.add(new AmendmentStatement(a.id(), documentId, AmendmentStatement.Kind.AMENDMENT, a.amendmentText(),
                        a.decidedBy(), a.decidedAt()));
            } else if (a.status() == AmendmentStatus.DENIED && a.disagreement() != null) {
                Instant received = a.receivedOn().atStartOfDay(clock.getZone()).toInstant();
                out.add(new AmendmentStatement(a.id(), documentId, AmendmentStatement.Kind.REQUEST, a.requestedChange(),
                        "patient", received));
                String denial = a.denialReason().text()
                        + (a.denialExplanation() == null ? "" : " " + a.denialExplanation());
                out.add(new AmendmentStatement(a.id(), documentId, AmendmentStatement.Kind.DENIAL, denial, a.decidedBy(),
                        a.decidedAt()));
                out.add(new AmendmentStatement(a.id(), documentId, AmendmentStatement.Kind.DISAGREEMENT, a.disagreement(),
                        "patient", a.disagreementAt()));
                if (a.rebuttal() != null) {
                    out.add(new AmendmentStatement(a.id(), documentId, AmendmentStatement.Kind.REBUTTAL, a.rebuttal(),
                            a.rebuttalBy(), a.rebuttalAt()));
                }
            }
        }
        return out;
    }

    private Optional<String> holdCovering(long patientId, Long encounterId) {
        for (LegalHoldCheck check : holds) {
            Optional<String> hold = check.holdCovering(patientId, encounterId);
            if (hold.isPresent()) {
                return hold;
            }
        }
        return Optional.empty();
    }

    private AmendmentRequest pendingForUpdate(long id) {
        AmendmentRequest current = forUpdate(id);
        if (current.status() != AmendmentStatus.PENDING) {
            throw ChartConflict.of("Already decided", "Request " + id + " was already " + current.status().name().toLowerCase() + ".");
        }
        return current;
    }

    private AmendmentRequest forUpdate(long id) {
        return jdbc.sql("select " + COLUMNS + " from amendment_request where id = ? for update").param(id)
                .query((rs, i) -> row(rs)).optional().orElseThrow(() -> new ChartNotFoundException("Amendment request", id));
    }

    private AmendmentRequest byId(long id) {
        return jdbc.sql("select " + COLUMNS + " from amendment_request where id = ?").param(id)
                .query((rs, i) -> row(rs)).optional().orElseThrow(() -> new ChartNotFoundException("Amendment request", id));
    }

    private long documentPatient(long documentId) {
        return jdbc.sql("select patient_id from clinical_document where id = ?").param(documentId)
                .query(Long.class).optional().orElseThrow(() -> new ChartNotFoundException("Document", documentId));
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": must not be blank");
        }
        if (value.length() > 20_000) {
            throw new IllegalArgumentException(field + ": at most 20000 characters");
        }
        return value.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static AmendmentRequest row(ResultSet rs) throws SQLException {
        String denial = rs.getString("denial_reason");
        return new AmendmentRequest(rs.getLong("id"), rs.getLong("document_id"), rs.getLong("patient_id"),
                rs.getString("requested_change"), rs.getString("patient_reason"), Rows.date(rs, "received_on"),
                rs.getString("received_by"), Rows.date(rs, "due_on"), Rows.date(rs, "extended_to"),
                rs.getString("extension_reason"), AmendmentStatus.valueOf(rs.getString("status")),
                rs.getString("decided_by"), Rows.instant(rs, "decided_at"), rs.getString("amendment_text"),
                denial == null ? null : DenialReason.valueOf(denial), rs.getString("denial_explanation"),
                rs.getString("disagreement"), Rows.instant(rs, "disagreement_at"), rs.getString("rebuttal"),
                rs.getString("rebuttal_by"), Rows.instant(rs, "rebuttal_at"));
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
