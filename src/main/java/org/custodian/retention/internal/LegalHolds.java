package org.custodian.retention.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.custodian.Actor;
import org.custodian.Problem;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.chart.LegalHoldCheck;
import org.custodian.chart.RecordDestruction;
import org.custodian.chart.RetainedEncounter;
import org.custodian.patient.PatientNotFoundException;
import org.custodian.patient.PatientRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Legal holds (preservation for litigation, investigation or audit): while one is in force on a
 * patient, or on an encounter, nothing it covers is destroyed or amended. The chart asks through
 * {@link LegalHoldCheck}; destruction asks here directly.
 */
@Service
class LegalHolds implements LegalHoldCheck {

    record Placement(Long patientId, Long encounterId, String matter, String reason) {
    }

    private static final String COLUMNS = "id, patient_id, encounter_id, matter, reason, placed_by, placed_at, released_by,"
            + " released_at, release_reason";

    private final JdbcClient jdbc;
    private final PatientRegistry patients;
    private final RecordDestruction records;
    private final AuditTrail audit;
    private final Clock clock;

    LegalHolds(JdbcClient jdbc, PatientRegistry patients, RecordDestruction records, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.patients = patients;
        this.records = records;
        this.audit = audit;
        this.clock = clock;
    }

    LegalHold place(Placement p) {
        if (p.patientId() == null) {
            throw new IllegalArgumentException("patientId: required");
        }
        String matter = Text.required("matter", p.matter(), 500);
        String reason = Text.required("reason", p.reason(), 2000);
        if (!patients.exists(p.patientId())) {
            throw new PatientNotFoundException(p.patientId());
        }
        if (p.encounterId() != null) {
            RetainedEncounter e = records.retained(p.encounterId());
            if (e.patientId() != p.patientId()) {
                throw new IllegalArgumentException("encounterId: not an encounter of patient " + p.patientId());
            }
        }
        long id = jdbc.sql("""
                        insert into legal_hold (patient_id, encounter_id, matter, reason, placed_by, placed_at)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(p.patientId(), p.encounterId(), matter, reason, Actor.current(), now()).query(Long.class).single();
        audit.record(AuditAction.CREATE, AuditOutcome.SUCCESS, p.patientId(), "LegalHold", id,
                p.encounterId() == null ? "hold on the patient's record" : "hold on encounter " + p.encounterId());
        return byId(id);
    }

    LegalHold release(long id, String why) {
        String reason = Text.required("reason", why, 2000);
        LegalHold hold = byId(id);
        int n = jdbc.sql("update legal_hold set released_by = ?, released_at = ?, release_reason = ? where id = ? and released_at is null")
                .params(Actor.current(), now(), reason, id).update();
        if (n == 0) {
            throw Problem.conflict("legal-hold-already-released", "Already released",
                    "Legal hold " + id + " was already released.");
        }
        audit.record(AuditAction.UPDATE, AuditOutcome.SUCCESS, hold.patientId(), "LegalHold", id, "released");
        return byId(id);
    }

    /** Active holds, or all holds of one patient (released ones too: the history says who and why). */
    List<LegalHold> list(Long patientId) {
        List<LegalHold> holds = patientId == null
                ? jdbc.sql("select " + COLUMNS + " from legal_hold where released_at is null order by placed_at desc, id desc limit 500")
                        .query((rs, i) -> row(rs)).list()
                : jdbc.sql("select " + COLUMNS + " from legal_hold where patient_id = ? order by placed_at desc, id desc")
                        .param(patientId).query((rs, i) -> row(rs)).list();
        audit.recordAll(holds.stream().map(LegalHold::patientId).distinct()
                .map(p -> audit.entry(AuditAction.READ, AuditOutcome.SUCCESS, p, "LegalHold", null, "legal hold list")).toList());
        return holds;
    }

    LegalHold byId(long id) {
        return jdbc.sql("select " + COLUMNS + " from legal_hold where id = ?").param(id).query((rs, i) -> row(rs)).optional()
                .orElseThrow(() -> Problem.notFound("legal-hold-not-found", "Legal hold not found",
                        "No legal hold has id " + id + "."));
    }

    @Override
    public Optional<String> holdCovering(long patientId, Long encounterId) {
        return jdbc.sql("""
                        select id from legal_hold where released_at is null
                          and ((patient_id = ? and encounter_id is null) or encounter_id = cast(? as bigint))
                        order by id limit 1""")
                .params(patientId, encounterId).query(Long.class).optional().map(id -> "legal hold " + id);
    }

    private Instant nowInstant() {
        return clock.instant();
    }

    private OffsetDateTime now() {
        return nowInstant().atOffset(ZoneOffset.UTC);
    }

    private static LegalHold row(ResultSet rs) throws SQLException {
        long encounter = rs.getLong(3);
        Long encounterId = rs.wasNull() ? null : encounter;
        OffsetDateTime released = rs.getObject(9, OffsetDateTime.class);
        return new LegalHold(rs.getLong(1), rs.getLong(2), encounterId, rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getString(8), released == null ? null : released.toInstant(),
                rs.getString(10));
    }
}
