package org.custodian.audit.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.custodian.audit.AuditCheckpoint;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditQuery;
import org.custodian.audit.AuditRecord;
import org.custodian.audit.ChainVerification;
import org.custodian.audit.CheckpointVerification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

@Service
class JdbcAuditLog implements AuditLog {

    private final AuditWriter writer;
    private final ChainVerifier verifier;
    private final CheckpointSigner signer;
    private final JdbcClient jdbc;
    private final AuditCheckpoints checkpoints;
    private final io.micrometer.core.instrument.Timer appendLatency;

    JdbcAuditLog(AuditWriter writer, ChainVerifier verifier, CheckpointSigner signer, JdbcClient jdbc,
                 AuditCheckpoints checkpoints, io.micrometer.core.instrument.MeterRegistry meters) {
        this.appendLatency = io.micrometer.core.instrument.Timer.builder("custodian.audit.append")
                .description("Time a caller waits for its audit events to be committed (group commit included)")
                .publishPercentiles(0.5, 0.95, 0.99).register(meters);
        this.writer = writer;
        this.verifier = verifier;
        this.signer = signer;
        this.jdbc = jdbc;
        this.checkpoints = checkpoints;
    }

    @Override
    public void append(AuditEntry entry) {
        appendLatency.record(() -> writer.append(List.of(entry)));
    }

    @Override
    public void appendAll(List<AuditEntry> entries) {
        appendLatency.record(() -> writer.append(entries));
    }

    @Override
    public void appendInTransaction(List<AuditEntry> entries) {
        writer.appendInTransaction(entries);
    }

    /**
     * The privacy officer's view (HIPAA 45 CFR 164.308(a)(1)(ii)(D), information system activity
     * review): events by patient, user and time range, newest first. Only the filters given become
     * conditions, so PostgreSQL can use the patient, user and time indexes of a log of millions.
     */
    @Override
    public List<AuditRecord> find(AuditQuery q) {
        return filtered("""
                select seq, occurred_at, username, roles, patient_id, resource_type, resource_id, action,
                       purpose, client_address, outcome, detail, hash
                from audit_event""", q, " order by seq desc limit :limit offset :offset")
                .param("limit", q.size())
                .param("offset", (long) q.page() * q.size())
                .query((rs, i) -> {
                    long patient = rs.getLong(5);
                    Long patientId = rs.wasNull() ? null : patient;
                    return new AuditRecord(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3), rs.getString(4), patientId, rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                            rs.getString(12), HexFormat.of().formatHex(rs.getBytes(13)));
                })
                .list();
    }

    @Override
    public List<AuditRecord> after(long afterSeq, int limit) {
        return jdbc.sql("""
                        select seq, occurred_at, username, roles, patient_id, resource_type, resource_id, action,
                               purpose, client_address, outcome, detail
                        from audit_event where seq > ? order by seq limit ?""")
                .params(afterSeq, limit)
                .query((rs, i) -> {
                    long patient = rs.getLong(5);
                    Long patientId = rs.wasNull() ? null : patient;
                    return new AuditRecord(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3), rs.getString(4), patientId, rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), null);
                })
                .list();
    }

    @Override
    public java.util.Optional<AuditRecord> event(long seq) {
        return jdbc.sql("""
                        select seq, occurred_at, username, roles, patient_id, resource_type, resource_id, action,
                               purpose, client_address, outcome, detail, hash
                        from audit_event where seq = ?""").param(seq)
                .query((rs, i) -> {
                    long patient = rs.getLong(5);
                    Long patientId = rs.wasNull() ? null : patient;
                    return new AuditRecord(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3), rs.getString(4), patientId, rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                            rs.getString(12), HexFormat.of().formatHex(rs.getBytes(13)));
                }).optional();
    }

    @Override
    public long count(AuditQuery q) {
        return filtered("select count(*) from audit_event", q, "").query(Long.class).single();
    }

    private JdbcClient.StatementSpec filtered(String select, AuditQuery q, String tail) {
        StringJoiner where = new StringJoiner(" and ", " where ", "").setEmptyValue("");
        Map<String, Object> params = new HashMap<>();
        if (q.patientId() != null) {
            where.add("patient_id = :patientId");
            params.put("patientId", q.patientId());
        }
        if (q.username() != null) {
            where.add("username = :username");
            params.put("username", q.username());
        }
        if (q.from() != null) {
            where.add("occurred_at >= :from");
            params.put("from", q.from().atOffset(ZoneOffset.UTC));
        }
        if (q.to() != null) {
            where.add("occurred_at < :to");
            params.put("to", q.to().atOffset(ZoneOffset.UTC));
        }
        return jdbc.sql(select + where + tail).params(params);
    }

    @Override
    public ChainVerification verify() {
        return verifier.walk(-1).result();
    }

    @Override
    /**
     * Signs the head only after the chain verifies against the newest stored checkpoint (see
     * {@link AuditCheckpoints}): a truncated or rewritten log is refused, never blessed. The checkpoint is
     * also kept in the checkpoint directory.
     */
    public AuditCheckpoint checkpoint() {
        AuditCheckpoints.Result r = checkpoints.check(true);
        if (!r.valid()) {
            throw org.custodian.Problem.conflict("audit-chain-disagrees", "The audit log disagrees with its checkpoints",
                    "No checkpoint can vouch for the audit log: " + r.problem());
        }
        return r.written();
    }

    @Override
    public List<AuditCheckpoint> storedCheckpoints() {
        return checkpoints.stored();
    }

    @Override
    public java.nio.file.Path checkpointDirectory() {
        return checkpoints.directory();
    }

    @Override
    public AuditCheckpoint checkpointAfterRestore() {
        return checkpoints.reanchor();
    }

    @Override
    public CheckpointVerification verify(AuditCheckpoint checkpoint) {
        String signatureProblem = signer.problemWith(checkpoint);
        if (signatureProblem != null) {
            return new CheckpointVerification(false, signatureProblem, null);
        }
        ChainVerifier.Walk walk = verifier.walk(checkpoint.seq());
        ChainVerification chain = walk.result();
        if (!chain.valid()) {
            return new CheckpointVerification(false, "the chain itself is broken at event " + chain.firstBrokenSeq(), chain);
        }
        if (checkpoint.seq() > chain.events()) {
            return new CheckpointVerification(false, "the log holds " + chain.events()
                    + " events but the checkpoint vouches for " + checkpoint.seq() + ": events were removed", chain);
        }
        String expected = checkpoint.seq() == 0 ? HexFormat.of().formatHex(AuditHasher.GENESIS) : walk.hashAtSeq();
        if (!checkpoint.headHash().equalsIgnoreCase(expected)) {
            return new CheckpointVerification(false, "event " + checkpoint.seq()
                    + " no longer has the hash the checkpoint recorded: the log was rewritten", chain);
        }
        return new CheckpointVerification(true, null, chain);
    }
}
