package org.custodian.interop.internal.hl7;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.util.Terser;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditTrail;
import org.custodian.privacy.Role;
import org.custodian.privacy.SystemAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes MLLP frames and returns their acknowledgements. Durable ACK: the raw message rows and the
 * messages' effects commit in one transaction, and only then is AA returned. {@link #prepare}
 * parses a frame (on the connection's thread, so that HAPI runs beside the database work);
 * {@link #commit} applies a batch of prepared messages, from any number of connections, in one
 * transaction with one audit append (group commit, see {@link AdtApplierThread}). A message that
 * cannot be applied has its effects rolled back to its own savepoint and is kept with status
 * FAILED and answered AE, while the rest of its batch goes on; one that cannot be parsed is kept as
 * REJECTED and answered AR. A replay (same MSH-10 from the same MSH-3/MSH-4) finds its row and gets
 * the answer the first one got, without being applied again; except a resend of a FAILED one,
 * which is applied again (the failure may have been transient). Header fields too long to store,
 * and messages the connection's peer may not send ({@link MllpPeer#refusal}), are rejected before
 * any batch. If a batch still cannot be committed, its messages are committed again one at a time,
 * so that one bad row fails only its own message; one that cannot be committed alone (the database
 * is down) is answered AE with "resend", and nothing of it was applied.
 */
@Component
class AdtReceiver {

    private static final Logger log = LoggerFactory.getLogger(AdtReceiver.class);
    /** Who the audit log names for changes made by the feed. */
    static final String FEED_USER = "hl7-mllp";

    private final AdtApplier applier;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private final JdbcTemplate batchJdbc;
    private final AuditTrail audit;
    private final Clock clock;
    /**
     * Batches committed together, and batches that had to be applied again message by message (a
     * failing message, a replay): a healthy feed's batches nearly all go together, and each that
     * does not costs a rollback and a second pass.
     */
    private final java.util.concurrent.atomic.AtomicLong batchesTogether = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong batchesOneByOne = new java.util.concurrent.atomic.AtomicLong();
    private static final int[] STATUS_TYPES = {java.sql.Types.BIGINT, java.sql.Types.TIMESTAMP_WITH_TIMEZONE,
            java.sql.Types.INTEGER, java.sql.Types.BIGINT};

    AdtReceiver(AdtApplier applier, TransactionTemplate tx, JdbcClient jdbc, JdbcTemplate batchJdbc, AuditTrail audit,
                Clock clock) {
        this.applier = applier;
        this.tx = tx;
        this.jdbc = jdbc;
        this.batchJdbc = batchJdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * What was done with a message: its status, the ACK code and the problem, if any. The ACK
     * text is built by {@link #ack()} on the caller's thread (the connection's writer), not on the
     * applier thread, from the parsed message and the problem, or given whole for a rejected frame.
     */
    record Outcome(long messageId, String status, String ackCode, String error, Message message, AdtProblem problem,
                   String fixedAck) {

        static Outcome of(long messageId, String status, String ackCode, String error, Message message,
                          AdtProblem problem) {
            return new Outcome(messageId, status, ackCode, error, message, problem, null);
        }

        static Outcome fixed(long messageId, String status, String ackCode, String error, String ack) {
            return new Outcome(messageId, status, ackCode, error, null, null, ack);
        }

        String ack() {
            return fixedAck != null ? fixedAck : Hl7Parsing.ack(message, problem);
        }
    }

    /**
     * A frame as text, parsed: either a message to apply ({@code message}, {@code fields},
     * {@code header}) or a rejection to store ({@code problem}, {@code ack}, {@code rawHeader}).
     */
    record Prepared(String text, Message message, AdtFields fields, Hl7Header header, AdtProblem problem,
                    Segment rawHeader, String ack, MllpPeer peer) {

        boolean rejected() {
            return problem != null;
        }
    }

    Outcome receive(byte[] frame) {
        return receive(Hl7Text.of(frame).text());
    }

    /** One message in a transaction of its own (tests, and the listener when its applier thread is not running). */
    Outcome receive(String text) {
        return commit(List.of(prepare(text))).get(0);
    }

    /** A frame handed over inside the application (tests, the bench): no network peer to check. */
    Prepared prepare(String text) {
        return prepare(text, MllpPeer.IN_PROCESS);
    }

    /**
     * Parses a frame's text from {@code peer}; never throws: what HAPI cannot parse, a header field
     * too long to store, and a message the peer may not send become rejections, each stored alone
     * and answered AR before any batch is formed, so that none of them can fail its neighbours.
     */
    Prepared prepare(String text, MllpPeer peer) {
        Message message;
        try {
            message = Hl7Parsing.parse(text);
        } catch (HL7Exception | RuntimeException e) {
            AdtProblem problem = AdtProblem.reject(ErrorCode.SEGMENT_SEQUENCE_ERROR, "MSH", 0,
                    "the frame is not an HL7 v2 message HAPI can parse (" + e.getClass().getSimpleName() + ")");
            Segment header = Hl7Parsing.criticalHeader(text);
            return new Prepared(text, null, null, null, problem, header, Hl7Parsing.reject(header, problem), peer);
        }
        AdtFields fields = new AdtFields(message).prefetch(AdtApplier.PATHS);
        Hl7Header h = Hl7Header.of(fields);
        AdtProblem problem = h.overlong();
        if (problem == null && h.controlId() == null) {
            problem = AdtProblem.reject(ErrorCode.REQUIRED_FIELD_MISSING, "MSH", 10, "the message control id is required");
        }
        if (problem == null) {
            problem = peer.refusal(h);
        }
        if (problem != null) {
            return new Prepared(text, message, fields, h, problem, null, Hl7Parsing.ack(message, problem), peer);
        }
        return new Prepared(text, message, fields, h, null, null, null, peer);
    }

    /**
     * Applies the messages in order in one transaction, as the feed's user, and returns their
     * outcomes in the same order. The audit events of the applied messages are appended in the
     * same transaction, last before its commit; those of a message rolled back to its savepoint are
     * dropped with its changes (they describe changes that never happened).
     */
    List<Outcome> commit(List<Prepared> batch) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(feedContext());
        try {
            List<Outcome> outcomes = tx.execute(status -> together(status, batch));
            if (outcomes == null) {
                // Not applicable together, so rolled back: again, each message behind a savepoint.
                outcomes = tx.execute(status -> oneByOne(status, batch));
                batchesOneByOne.incrementAndGet();
            } else {
                batchesTogether.incrementAndGet();
            }
            return outcomes;
        } catch (RuntimeException e) {
            if (batch.size() > 1) {
                // One message broke the batch's transaction itself (a row the database refused): each
                // alone, in a transaction of its own, so that only that one is answered "not stored".
                log.warn("A batch of {} HL7 messages failed ({}); applying them one at a time", batch.size(),
                        e.getClass().getSimpleName());
                List<Outcome> outcomes = new ArrayList<>(batch.size());
                for (Prepared p : batch) {
                    outcomes.add(commit(List.of(p)).get(0));
                }
                return outcomes;
            }
            // Not even the message rows could be committed: nothing was applied; the sender must resend.
            log.error("{} HL7 message(s) not stored: {}", batch.size(), e.getClass().getSimpleName());
            AdtProblem problem = AdtProblem.error(ErrorCode.APPLICATION_INTERNAL_ERROR, null, 0,
                    "the message could not be stored; resend it");
            List<Outcome> outcomes = new ArrayList<>(batch.size());
            for (Prepared p : batch) {
                outcomes.add(p.message() != null
                        ? Outcome.of(0, "NOT_STORED", "AE", problem.getMessage(), p.message(), problem)
                        : Outcome.fixed(0, "NOT_STORED", "AR", problem.getMessage(), p.ack()));
            }
            return outcomes;
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    /** Each message behind a savepoint of its own: a failing one gets its AE, its neighbours their AA. */
    private List<Outcome> oneByOne(TransactionStatus status, List<Prepared> batch) {
        Batch work = new Batch();
        List<Outcome> each = new ArrayList<>(batch.size());
        for (Prepared p : batch) {
            each.add(p.rejected() ? refused(storeRejected(status, p, null), p, work.audited) : apply(status, p, null, work));
        }
        work.finish();
        return each;
    }

    /** Batches committed so far: applied together, and applied again message by message. */
    long[] batchesCommitted() {
        return new long[] {batchesTogether.get(), batchesOneByOne.get()};
    }

    /** Processes a stored FAILED message again (reprocess from the interface page), as the signed-in user. */
    Outcome reprocess(long messageId, String raw) {
        Prepared p = prepare(raw);
        if (p.message() == null) {
            return tx.execute(status -> storeRejected(status, p, messageId));
        }
        // A stored message lacking a control id is still reprocessed: it is identified by its row.
        Prepared parsed = new Prepared(p.text(), p.message(), p.fields(), p.header(), null, null, null, p.peer());
        try {
            return tx.execute(status -> {
                Batch work = new Batch();
                Outcome outcome = apply(status, parsed, messageId, work);
                work.finish();
                return outcome;
            });
        } catch (IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("HL7 message {} not reprocessed: {}", messageId, e.getClass().getSimpleName());
            AdtProblem problem = AdtProblem.error(ErrorCode.APPLICATION_INTERNAL_ERROR, null, 0,
                    "the message could not be stored; resend it");
            return Outcome.of(0, "NOT_STORED", "AE", problem.getMessage(), p.message(), problem);
        }
    }

    /**
     * The batch applied as one unit, the way a healthy feed's batches go: the MRNs locked and
     * resolved with one statement each, the batch's new patients registered with one call, no
     * savepoint per message (two round trips each), and the message rows stored at the end with
     * their outcome in one statement (not stored first and updated one by one). Returns null as
     * soon as a message fails or a control id turns out to be known (a replay, or a resend of a
     * FAILED message), with the transaction marked for rollback; {@link #commit} then applies the batch
     * again message by message, so each gets exactly the answer it would have got alone.
     */
    private List<Outcome> together(TransactionStatus status, List<Prepared> batch) {
        List<Prepared> parsed = batch.stream().filter(p -> !p.rejected()).toList();
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (Prepared p : parsed) {
            if (!keys.add(messageKey(p.header().sendingApplication(), p.header().sendingFacility(), p.header().controlId()))) {
                return null; // one control id twice in a batch: the second is a replay, answered message by message
            }
        }
        if (anyKnown(parsed)) {
            return null;
        }
        FeedBatch shared = FeedBatch.shared();
        List<AuditEntry> ahead = new ArrayList<>();
        List<AuditEntry> each = new ArrayList<>();
        List<AuditEntry> after = new ArrayList<>();
        List<Long> patientIds = new ArrayList<>(parsed.size());
        try {
            audit.collecting(ahead, () -> {
                applier.prepare(parsed.stream().map(Prepared::fields).toList(),
                        parsed.stream().map(Prepared::header).toList(), shared);
                return null;
            });
            for (Prepared p : parsed) {
                List<AuditEntry> mine = new ArrayList<>();
                patientIds.add(audit.collecting(mine, () -> applier.apply(p.fields(), p.header(), shared)));
                each.addAll(p.peer().stamp(mine));
            }
            audit.collecting(after, () -> {
                applier.finish(shared);
                return null;
            });
        } catch (RuntimeException e) {
            status.setRollbackOnly();
            return null;
        }
        List<AuditEntry> audited = new ArrayList<>(ahead.size() + each.size() + after.size());
        audited.addAll(MllpPeer.stampByPatient(ahead, parsed.stream().map(Prepared::peer).toList(), patientIds));
        audited.addAll(each);
        audited.addAll(MllpPeer.stampByPatient(after, parsed.stream().map(Prepared::peer).toList(), patientIds));
        List<Long> ids = storeAll(parsed, patientIds);
        if (ids.size() != parsed.size()) {
            status.setRollbackOnly(); // a control id stored meanwhile by another transaction
            return null;
        }
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        java.util.Iterator<Long> id = ids.iterator();
        for (Prepared p : batch) {
            outcomes.add(p.rejected() ? refused(storeRejected(status, p, null), p, audited)
                    : Outcome.of(id.next(), "PROCESSED", "AA", null, p.message(), null));
        }
        // Last: the audit chain's lock is held from here to the commit. In this transaction, so that
        // the batch's changes and their audit events commit together, with one WAL flush for both.
        try {
            audit.recordAllInTransaction(audited);
        } catch (RuntimeException e) {
            status.setRollbackOnly();
            return null;
        }
        return outcomes;
    }

    /**
     * A message its peer was not allowed to send (another sender's MSH-3/MSH-4, a message type not
     * granted) leaves an ACCESS_DENIED event, from the peer's address and certificate, besides its
     * REJECTED row: refusals are audited (HIPAA 45 CFR 164.312(b)).
     */
    private Outcome refused(Outcome outcome, Prepared p, List<AuditEntry> into) {
        if (p.header() != null && p.peer().refusal(p.header()) != null) {
            into.addAll(p.peer().stamp(List.of(audit.entry(org.custodian.audit.AuditAction.ACCESS_DENIED,
                    org.custodian.audit.AuditOutcome.FAILURE, null, "Hl7Message", outcome.messageId() == 0 ? null
                            : outcome.messageId(), outcome.error()))));
        }
        return outcome;
    }

    private static String messageKey(String application, String facility, String controlId) {
        return application + "\u0000" + facility + "\u0000" + controlId;
    }

    /** Whether any of these control ids is stored already (from the same sender), in one statement. */
    private boolean anyKnown(List<Prepared> parsed) {
        if (parsed.isEmpty()) {
            return false;
        }
        String[][] columns = headerColumns(parsed);
        return jdbc.sql("""
                        select exists (
                            select 1 from unnest(?::text[], ?::text[], ?::text[]) as m (app, facility, control)
                            cross join lateral (select 1 from hl7_message h where h.sending_application = m.app
                                    and h.sending_facility = m.facility and h.control_id = m.control limit 1) found)""")
                .params(columns[0], columns[1], columns[2]).query(Boolean.class).single();
    }

    /**
     * Stores the applied messages' rows, PROCESSED with their patients, in one statement; returns
     * their ids in order, or fewer when a control id was stored meanwhile (the caller rolls back).
     */
    private List<Long> storeAll(List<Prepared> parsed, List<Long> patientIds) {
        if (parsed.isEmpty()) {
            return List.of();
        }
        String[][] columns = headerColumns(parsed);
        int n = parsed.size();
        String[] types = new String[n];
        String[] versions = new String[n];
        String[] raws = new String[n];
        String[] peerAddresses = new String[n];
        String[] peerIdentities = new String[n];
        for (int i = 0; i < n; i++) {
            Hl7Header h = parsed.get(i).header();
            types[i] = type(h);
            versions[i] = h.version();
            raws[i] = parsed.get(i).text();
            peerAddresses[i] = parsed.get(i).peer().address();
            peerIdentities[i] = parsed.get(i).peer().identity();
        }
        java.time.OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        java.util.Map<String, Long> ids = new java.util.HashMap<>();
        jdbc.sql("""
                        insert into hl7_message (received_at, sending_application, sending_facility, control_id,
                                                 message_type, version, raw, status, ack_code, patient_id, processed_at,
                                                 peer_address, peer_identity)
                        select ?, m.app, m.facility, m.control, m.type, m.version, m.raw, 'PROCESSED', 'AA', m.patient, ?,
                               m.peer_address, m.peer_identity
                        from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[],
                                    ?::text[], ?::text[])
                             with ordinality as m (app, facility, control, type, version, raw, patient, peer_address,
                                                   peer_identity, n)
                        order by m.n
                        on conflict (sending_application, sending_facility, control_id) do nothing
                        returning id, sending_application, sending_facility, control_id""")
                .params(now, now, columns[0], columns[1], columns[2], types, versions, raws,
                        patientIds.toArray(Long[]::new), peerAddresses, peerIdentities)
                .query((rs, i) -> ids.put(messageKey(rs.getString(2), rs.getString(3), rs.getString(4)), rs.getLong(1)))
                .list();
        List<Long> inOrder = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Long id = ids.get(messageKey(columns[0][i], columns[1][i], columns[2][i]));
            if (id != null) {
                inOrder.add(id);
            }
        }
        return inOrder;
    }

    /** Sending application, sending facility and control id of each message, as three arrays. */
    private static String[][] headerColumns(List<Prepared> parsed) {
        String[][] columns = new String[3][parsed.size()];
        for (int i = 0; i < parsed.size(); i++) {
            Hl7Header h = parsed.get(i).header();
            columns[0][i] = h.sendingApplication();
            columns[1][i] = h.sendingFacility();
            columns[2][i] = h.controlId();
        }
        return columns;
    }

    private Outcome apply(TransactionStatus status, Prepared p, Long storedId, Batch batch) {
        Message message = p.message();
        Hl7Header h = p.header();
        long id;
        int attempt = storedId == null ? 0 : 1;
        if (storedId == null) {
            List<Long> inserted = jdbc.sql("""
                            insert into hl7_message (received_at, sending_application, sending_facility, control_id,
                                                     message_type, version, raw, status, ack_code, peer_address,
                                                     peer_identity)
                            values (?, ?, ?, ?, ?, ?, ?, 'PROCESSED', 'AA', ?, ?)
                            on conflict (sending_application, sending_facility, control_id) do nothing
                            returning id""")
                    .params(clock.instant().atOffset(ZoneOffset.UTC), h.sendingApplication(), h.sendingFacility(),
                            h.controlId(), type(h), h.version(), p.text(), p.peer().address(), p.peer().identity())
                    .query(Long.class).list();
            if (inserted.isEmpty()) {
                Stored first = seenBefore(p);
                if (!first.failed()) {
                    return replay(message, first);
                }
                id = first.id();
                attempt = 1;
            } else {
                id = inserted.get(0);
            }
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
        List<AuditEntry> mine = new ArrayList<>();
        long patientId;
        try {
            patientId = audit.collecting(mine, () -> applier.apply(p.fields(), h, FeedBatch.single()));
        } catch (RuntimeException e) {
            status.rollbackToSavepoint(savepoint);
            AdtProblem problem = e instanceof AdtProblem ap ? ap : AdtProblem.error(ErrorCode.APPLICATION_INTERNAL_ERROR,
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
                    .params(state, code, problem.describe(), clock.instant().atOffset(ZoneOffset.UTC), attempt, id)
                    .update();
            return Outcome.of(id, state, code, problem.describe(), message, problem);
        }
        // Released before anything else is written, so the batch's later statements run in the transaction
        // itself and not nested in this message's savepoint.
        status.releaseSavepoint(savepoint);
        batch.processed(id, patientId, attempt, p.peer().stamp(mine));
        return Outcome.of(id, "PROCESSED", "AA", null, message, null);
    }

    /**
     * What a transaction's applied messages leave to do before its commit, in one statement each:
     * mark their rows PROCESSED with their patient and time, and append their audit events.
     */
    private final class Batch {
        private final List<Long> ids = new ArrayList<>();
        private final List<Long> patients = new ArrayList<>();
        private final List<Integer> attempts = new ArrayList<>();
        private final List<AuditEntry> audited = new ArrayList<>();

        void processed(long id, long patientId, int attempt, List<AuditEntry> entries) {
            ids.add(id);
            patients.add(patientId);
            attempts.add(attempt);
            audited.addAll(entries);
        }

        void finish() {
            if (!ids.isEmpty()) {
                // A JDBC batch (one round trip) of updates by primary key: one "update ... from unnest(...)"
                // was planned as a hash join over the whole table (docs/decisions.md#query-plans-on-the-feeds-path).
                java.time.OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
                List<Object[]> rows = new ArrayList<>(ids.size());
                for (int i = 0; i < ids.size(); i++) {
                    rows.add(new Object[] {patients.get(i), now, attempts.get(i), ids.get(i)});
                }
                batchJdbc.batchUpdate("""
                                update hl7_message set status = 'PROCESSED', ack_code = 'AA', error = null,
                                       patient_id = ?, processed_at = ?, attempts = attempts + ?
                                where id = ?""", rows, STATUS_TYPES);
            }
            // Last before the commit, in the transaction (see AuditTrail.recordAllInTransaction).
            audit.recordAllInTransaction(audited);
        }
    }

    private record Stored(long id, String status, String ack, String error) {

        boolean failed() {
            return status.equals("FAILED");
        }
    }

    /**
     * The stored row of a control id seen before, for a replay (answered as the first time) or a
     * resend of a message that FAILED (AE): the sender wants that one applied, and what failed may
     * have been transient (the admission a discharge needed has arrived since), so it is applied
     * again, as a reprocess would; its row takes the text that is applied.
     */
    private Stored seenBefore(Prepared p) {
        Stored first = stored(p.header());
        if (first.failed()) {
            jdbc.sql("update hl7_message set raw = ? where id = ? and raw <> ?").params(p.text(), first.id(), p.text())
                    .update();
        }
        return first;
    }

    /** The stored row of a control id, locked: a resend of a FAILED message is applied only once at a time. */
    private Stored stored(Hl7Header h) {
        return jdbc.sql("""
                        select id, status, ack_code, error from hl7_message
                        where sending_application = ? and sending_facility = ? and control_id = ? for update""")
                .params(h.sendingApplication(), h.sendingFacility(), h.controlId())
                .query((rs, i) -> new Stored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).single();
    }

    /** The same control id from the same sender again: the first answer again, nothing applied. */
    private Outcome replay(Message message, Stored s) {
        AdtProblem problem = s.ack().equals("AA") ? null
                : new AdtProblem(ca.uhn.hl7v2.AcknowledgmentCode.valueOf(s.ack()), ErrorCode.DUPLICATE_KEY_IDENTIFIER,
                        "MSH", 10, "a replay of a message that was answered " + s.ack() + ": " + s.error());
        return Outcome.of(s.id(), s.status(), s.ack(), s.error(), message, problem);
    }

    /** Keeps a rejected frame (status REJECTED, AR); behind a savepoint, so that it cannot take its batch down. */
    private Outcome storeRejected(TransactionStatus status, Prepared p, Long storedId) {
        AdtProblem problem = p.problem();
        Object savepoint = status.createSavepoint();
        try {
            if (storedId != null) {
                jdbc.sql("update hl7_message set attempts = attempts + 1, processed_at = ?, error = ? where id = ?")
                        .params(clock.instant().atOffset(ZoneOffset.UTC), problem.describe(), storedId).update();
                status.releaseSavepoint(savepoint);
                return Outcome.fixed(storedId, "REJECTED", "AR", problem.describe(), p.ack());
            }
            String app = "";
            String facility = "";
            String control = null;
            Segment header = p.rawHeader();
            if (header != null) {
                app = nz(Terser.get(header, 3, 0, 1, 1));
                facility = nz(Terser.get(header, 4, 0, 1, 1));
                control = Terser.get(header, 10, 0, 1, 1);
            } else if (p.header() != null) {
                app = p.header().sendingApplication();
                facility = p.header().sendingFacility();
                control = p.header().controlId();
            }
            // Never a control id of a sender this peer may not speak for: a stored rejection would make
            // that sender's real message with the same id a "replay". Nor one too long for the index.
            if (control != null && (control.length() > MllpSettings.MAX_HEADER_FIELD || !p.peer().speaksFor(app, facility))) {
                control = null;
            }
            app = Hl7Header.clip(app);
            facility = Hl7Header.clip(facility);
            // A rejected frame keeps its control id only if that does not clash with a stored message.
            long id = jdbc.sql("""
                            insert into hl7_message (received_at, sending_application, sending_facility, control_id, raw,
                                                     status, ack_code, error, processed_at, message_type, version,
                                                     peer_address, peer_identity)
                            values (?, ?, ?, case when exists (select 1 from hl7_message where sending_application = ?
                                        and sending_facility = ? and control_id = ?) then null else ? end,
                                    ?, 'REJECTED', 'AR', ?, ?, ?, ?, ?, ?)
                            returning id""")
                    .params(clock.instant().atOffset(ZoneOffset.UTC), app, facility, app, facility, control, control,
                            p.text(), problem.describe(), clock.instant().atOffset(ZoneOffset.UTC),
                            p.header() == null ? null : Hl7Header.clip(type(p.header())),
                            p.header() == null ? null : Hl7Header.clip(p.header().version()), p.peer().address(),
                            p.peer().identity())
                    .query(Long.class).single();
            status.releaseSavepoint(savepoint);
            return Outcome.fixed(id, "REJECTED", "AR", problem.describe(), p.ack());
        } catch (HL7Exception | RuntimeException e) {
            status.rollbackToSavepoint(savepoint);
            log.error("Rejected HL7 frame not stored: {}", e.getClass().getSimpleName());
            return Outcome.fixed(0, "NOT_STORED", "AR", problem.describe(), p.ack());
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
        // The feed's explicit system principal: the interface engine's permissions, checked by the chart's services.
        context.setAuthentication(SystemAccess.authentication(FEED_USER, Role.INTERFACE_ENGINE));
        return context;
    }
}
