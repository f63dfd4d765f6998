package org.custodian.interop.internal.hl7;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * The interface's received messages for the people who run it: a list by status, and reprocessing
 * of a FAILED one (after the cause was fixed, e.g. the patient was registered). Both are audited:
 * the list names patients by id, and a reprocess changes patient data.
 */
@Service
class InterfaceMessages {

    static final List<String> STATUSES = List.of("PROCESSED", "FAILED", "REJECTED");

    private final JdbcClient jdbc;
    private final AdtReceiver receiver;
    private final AuditTrail audit;

    InterfaceMessages(JdbcClient jdbc, AdtReceiver receiver, AuditTrail audit) {
        this.jdbc = jdbc;
        this.receiver = receiver;
        this.audit = audit;
    }

    record Page(List<ReceivedMessage> items, int page, int size, long total) {
    }

    Page list(String status, int page, int size) {
        String where = status == null ? "" : " where status = :status";
        var count = jdbc.sql("select count(*) from hl7_message" + where);
        var select = jdbc.sql("""
                select id, received_at, sending_application, sending_facility, control_id, message_type, version, status,
                       ack_code, error, patient_id, attempts, processed_at, peer_address, peer_identity
                from hl7_message""" + where + " order by id desc limit :limit offset :offset");
        if (status != null) {
            count = count.param("status", status);
            select = select.param("status", status);
        }
        long total = count.query(Long.class).single();
        List<ReceivedMessage> items = select.param("limit", size).param("offset", (long) page * size)
                .query((rs, i) -> map(rs)).list();
        audit.record(AuditAction.READ, AuditOutcome.SUCCESS, null, "Hl7Message", null,
                "status=" + status + " page=" + page + " -> " + total + " found");
        return new Page(items, page, size, total);
    }

    Optional<ReceivedMessage> find(long id) {
        return jdbc.sql("""
                        select id, received_at, sending_application, sending_facility, control_id, message_type, version,
                               status, ack_code, error, patient_id, attempts, processed_at, peer_address,
                               peer_identity
                        from hl7_message where id = ?""")
                .param(id).query((rs, i) -> map(rs)).optional();
    }

    /** Applies a FAILED message again; 404 for an unknown id, 409 for a message in another status. */
    ReceivedMessage reprocess(long id) {
        ReceivedMessage before = find(id).orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "No HL7 message has id " + id + "."));
        if (!before.status().equals("FAILED")) {
            throw problem(HttpStatus.CONFLICT, "status: only a FAILED message can be reprocessed; message " + id + " is "
                    + before.status() + ".");
        }
        String raw = jdbc.sql("select raw from hl7_message where id = ?").param(id).query(String.class).single();
        AdtReceiver.Outcome outcome;
        try {
            outcome = receiver.reprocess(id, raw);
        } catch (IllegalStateException e) {
            throw problem(HttpStatus.CONFLICT, "status: message " + id + " was reprocessed by someone else meanwhile.");
        }
        ReceivedMessage after = find(id).orElseThrow();
        audit.record(AuditAction.UPDATE, outcome.ackCode().equals("AA") ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE,
                after.patientId(), "Hl7Message", id, "reprocess -> " + outcome.ackCode());
        return after;
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        ErrorResponseException e = new ErrorResponseException(status);
        e.getBody().setDetail(detail);
        return e;
    }

    private static ReceivedMessage map(ResultSet rs) throws SQLException {
        long patient = rs.getLong(11);
        Long patientId = rs.wasNull() ? null : patient;
        return new ReceivedMessage(rs.getLong(1), instant(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), patientId,
                rs.getInt(12), instant(rs, 13), rs.getString(14), rs.getString(15));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
