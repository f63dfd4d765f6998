package org.custodian.interop.internal.hl7;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.util.Terser;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.custodian.privacy.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes one MLLP frame and returns its acknowledgement. Durable ACK: the raw message row and the
 * message's effects commit in one transaction, and only then is AA returned. A message that
 * cannot be applied has its effects rolled back to a savepoint and is kept with status FAILED and
 * answered AE; one that cannot be parsed is kept as REJECTED and answered AR. A replay (same
 * MSH-10 from the same MSH-3/MSH-4) finds its row and gets the answer the first one got, without
 * being applied again. If not even the row can be committed (the database is down), the answer is
 * AE with "resend", and nothing was applied.
 */
@Component
class AdtReceiver {

    private static final Logger log = LoggerFactory.getLogger(AdtReceiver.class);
    /** Who the audit log names for changes made by the feed. */
    static final String FEED_USER = "hl7-mllp";

    private final AdtApplier applier;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private final Clock clock;

    AdtReceiver(AdtApplier applier, TransactionTemplate tx, JdbcClient jdbc, Clock clock) {
        this.applier = applier;
        this.tx = tx;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What was done with a message: its status, the ACK code and the problem, if any. */
    record Outcome(long messageId, String status, String ackCode, String error, String ack) {
    }

    Outcome receive(byte[] frame) {
        return receive(Hl7Text.of(frame).text());
    }

    Outcome receive(String text) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(feedContext());
        try {
            return process(text, null);
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    /** Processes a stored FAILED message again (reprocess from the interface page), as the signed-in user. */
    Outcome reprocess(long messageId, String raw) {
        return process(raw, messageId);
    }

    private Outcome process(String text, Long storedId) {
        Message message;
        try {
            message = Hl7Parsing.parse(text);
        } catch (HL7Exception | RuntimeException e) {
            AdtProblem problem = AdtProblem.reject(ErrorCode.SEGMENT_SEQUENCE_ERROR, "MSH", 0,
                    "the frame is not an HL7 v2 message HAPI can parse (" + e.getClass().getSimpleName() + ")");
            Segment header = Hl7Parsing.criticalHeader(text);
            String ack = Hl7Parsing.reject(header, problem);
            return storeRejected(text, header, problem, ack, storedId);
        }
        AdtFields fields = new AdtFields(message);
        Hl7Header h = Hl7Header.of(fields);
        if (h.controlId() == null && storedId == null) {
            AdtProblem problem = AdtProblem.reject(ErrorCode.REQUIRED_FIELD_MISSING, "MSH", 10,
                    "the message control id is required");
            String ack = Hl7Parsing.ack(message, problem);
            return storeRejected(text, null, problem, ack, null);
        }
        try {
            return tx.execute(status -> apply(status, text, message, fields, h, storedId));
        } catch (IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            // Not even the message row could be committed: nothing was applied; the sender must resend.
            log.error("HL7 message not stored: {}", e.getClass().getSimpleName());
            AdtProblem problem = AdtProblem.error(ErrorCode.APPLICATION_INTERNAL_ERROR, null, 0,
                    "the message could not be stored; resend it");
            return new Outcome(0, "NOT_STORED", "AE", problem.getMessage(), Hl7Parsing.ack(message, problem));
        }
    }

    private Outcome apply(TransactionStatus status, String text, Message message, AdtFields fields, Hl7Header h,
                          Long storedId) {
        long id;
        if (storedId == null) {
            List<Long> inserted = jdbc.sql("""
                            insert into hl7_message (received_at, sending_application, sending_facility, control_id,
                                                     message_type, version, raw, status, ack_code)
                            values (?, ?, ?, ?, ?, ?, ?, 'PROCESSED', 'AA')
                            on conflict (sending_application, sending_facility, control_id) do nothing
                            returning id""")
                    .params(clock.instant().atOffset(ZoneOffset.UTC), h.sendingApplication(), h.sendingFacility(),
                            h.controlId(), type(h), h.version(), text)
                    .query(Long.class).list();
            if (inserted.isEmpty()) {
                return replay(message, h);
            }
            id = inserted.get(0);
        } else {
            // Reprocessing: the row is locked so two reprocess requests cannot both apply it.
            String current = jdbc.sql("select status from hl7_message where id = ? for update").param(storedId)
                    .query(String.class).single();
            if (!current.equals("FAILED")) {
                throw new IllegalStateException("status: only a FAILED message can be reprocessed");
            }
            id = storedId;
        }
        Object savepoint = status.createSavepoint();
        try {
            long patientId = applier.apply(fields, h);
            jdbc.sql("""
                            update hl7_message set status = 'PROCESSED', ack_code = 'AA', error = null, patient_id = ?,
                                   processed_at = ?, attempts = attempts + ?
                            where id = ?""")
                    .params(patientId, clock.instant().atOffset(ZoneOffset.UTC), storedId == null ? 0 : 1, id).update();
            return new Outcome(id, "PROCESSED", "AA", null, Hl7Parsing.ack(message, null));
        } catch (RuntimeException e) {
            status.rollbackToSavepoint(savepoint);
            AdtProblem problem = e instanceof AdtProblem p ? p : AdtProblem.error(ErrorCode.APPLICATION_INTERNAL_ERROR,
                    null, 0, "internal error (" + e.getClass().getSimpleName() + ")");
            if (!(e instanceof AdtProblem)) {
                log.warn("HL7 message {} failed: {}", id, e.getClass().getSimpleName());
            }
            String code = problem.ack().name();
            String state = code.equals("AR") ? "REJECTED" : "FAILED";
            jdbc.sql("""
                            update hl7_message set status = ?, ack_code = ?, error = ?, processed_at = ?,
                                   attempts = attempts + ?
                            where id = ?""")
                    .params(state, code, problem.describe(), clock.instant().atOffset(ZoneOffset.UTC),
                            storedId == null ? 0 : 1, id).update();
            return new Outcome(id, state, code, problem.describe(), Hl7Parsing.ack(message, problem));
        }
    }

    /** The same control id from the same sender again: the first answer again, nothing applied. */
    private Outcome replay(Message message, Hl7Header h) {
        record Stored(long id, String status, String ack, String error) {
        }
        Stored s = jdbc.sql("""
                        select id, status, ack_code, error from hl7_message
                        where sending_application = ? and sending_facility = ? and control_id = ?""")
                .params(h.sendingApplication(), h.sendingFacility(), h.controlId())
                .query((rs, i) -> new Stored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).single();
        AdtProblem problem = s.ack().equals("AA") ? null
                : new AdtProblem(ca.uhn.hl7v2.AcknowledgmentCode.valueOf(s.ack()), ErrorCode.DUPLICATE_KEY_IDENTIFIER,
                        "MSH", 10, "a replay of a message that was answered " + s.ack() + ": " + s.error());
        return new Outcome(s.id(), s.status(), s.ack(), s.error(), Hl7Parsing.ack(message, problem));
    }

    private Outcome storeRejected(String text, Segment header, AdtProblem problem, String ack, Long storedId) {
        try {
            if (storedId != null) {
                jdbc.sql("update hl7_message set attempts = attempts + 1, processed_at = ?, error = ? where id = ?")
                        .params(clock.instant().atOffset(ZoneOffset.UTC), problem.describe(), storedId).update();
                return new Outcome(storedId, "REJECTED", "AR", problem.describe(), ack);
            }
            String app = "";
            String facility = "";
            String control = null;
            if (header != null) {
                app = nz(Terser.get(header, 3, 0, 1, 1));
                facility = nz(Terser.get(header, 4, 0, 1, 1));
                control = Terser.get(header, 10, 0, 1, 1);
            }
            // A rejected frame keeps its control id only if that does not clash with a stored message.
            long id = jdbc.sql("""
                            insert into hl7_message (received_at, sending_application, sending_facility, control_id, raw,
                                                     status, ack_code, error, processed_at)
                            values (?, ?, ?, case when exists (select 1 from hl7_message where sending_application = ?
                                        and sending_facility = ? and control_id = ?) then null else ? end,
                                    ?, 'REJECTED', 'AR', ?, ?)
                            returning id""")
                    .params(clock.instant().atOffset(ZoneOffset.UTC), app, facility, app, facility, control, control,
                            text, problem.describe(), clock.instant().atOffset(ZoneOffset.UTC))
                    .query(Long.class).single();
            return new Outcome(id, "REJECTED", "AR", problem.describe(), ack);
        } catch (HL7Exception | RuntimeException e) {
            log.error("Rejected HL7 frame not stored: {}", e.getClass().getSimpleName());
            return new Outcome(0, "NOT_STORED", "AR", problem.describe(), ack);
        }
    }

    private static String type(Hl7Header h) {
        return h.messageType() == null ? null : h.messageType() + (h.trigger() == null ? "" : "^" + h.trigger());
    }

    private static String nz(String v) {
        return v == null ? "" : v;
    }

    private static SecurityContext feedContext() {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(FEED_USER, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + Role.INTERFACE_ENGINE.name()))));
        return context;
    }
}
