package org.custodian.retention.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.custodian.Actor;
import org.custodian.Problem;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.chart.RecordDestruction;
import org.custodian.CustodianSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Destruction of records past retention: proposed by one person ({@code retention:manage}),
 * approved by two others ({@code retention:approve}; never the proposer, never the same person
 * twice); on the second approval the chart purges the encounters and a certificate of
 * destruction is issued — all in one transaction, after checking again that no legal hold
 * arrived in the meantime and that each record is still past retention.
 */
@Service
class Destructions {

    record Proposal(List<Long> encounterIds, DestructionMethod method, String reason, String jurisdiction) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final DestructionWorklist worklist;
    private final RecordDestruction records;
    private final AuditTrail audit;
    private final Clock clock;
    private final String organization;

    Destructions(JdbcClient jdbc, TransactionTemplate tx, DestructionWorklist worklist, RecordDestruction records,
                 AuditTrail audit, Clock clock, CustodianSettings custodian) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.worklist = worklist;
        this.records = records;
        this.audit = audit;
        this.clock = clock;
        this.organization = custodian.organization();
    }

    Destruction propose(Proposal p) {
        if (p.encounterIds() == null || p.encounterIds().isEmpty()) {
            throw new IllegalArgumentException("encounterIds: at least one encounter");
        }
        if (p.encounterIds().size() > DestructionWorklist.LIMIT) {
            throw new IllegalArgumentException("encounterIds: at most " + DestructionWorklist.LIMIT + " per destruction");
        }
        if (p.method() == null) {
            throw new IllegalArgumentException("method: one of " + java.util.Arrays.toString(DestructionMethod.values()));
        }
        String reason = Text.required("reason", p.reason(), 2000);
        String jurisdiction = p.jurisdiction() == null ? worklist.defaultJurisdiction() : p.jurisdiction();
        List<DestructionWorklist.Item> items = new ArrayList<>();
        for (Long id : new LinkedHashSet<>(p.encounterIds())) {
            DestructionWorklist.Item item = worklist.today(id, jurisdiction).orElseThrow(() -> conflict("Not past retention",
                    "Encounter " + id + " is not past its retention period in " + jurisdiction + " (or is already destroyed)."));
            if (item.hold() != null) {
                throw conflict("Under legal hold", "Encounter " + id + " is covered by " + item.hold() + "; it cannot be destroyed.");
            }
            items.add(item);
        }
        String user = Actor.current();
        long id = tx.execute(s -> {
            for (DestructionWorklist.Item item : items) {
                Optional<Long> open = jdbc.sql("""
                                select d.id from destruction d join destruction_item i on i.destruction_id = d.id
                                where i.encounter_id = ? and d.status = 'PROPOSED' limit 1""")
                        .param(item.encounterId()).query(Long.class).optional();
                if (open.isPresent()) {
                    throw conflict("Already proposed", "Encounter " + item.encounterId() + " is already in destruction "
                            + open.get() + ", awaiting approval.");
                }
            }
            long created = jdbc.sql("""
                            insert into destruction (jurisdiction, method, reason, proposed_by, proposed_at)
                            values (?, ?, ?, ?, ?) returning id""")
                    .params(jurisdiction, p.method().name(), reason, user, now()).query(Long.class).single();
            for (DestructionWorklist.Item item : items) {
                jdbc.sql("""
                                insert into destruction_item (destruction_id, encounter_id, patient_id, mrn, encounter_number,
                                    record_type, service_end, retain_until, document_count)
                                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(created, item.encounterId(), item.patientId(), item.mrn(), item.encounterNumber(),
                                item.recordType(), item.serviceEnd(), item.retainUntil(), item.documentCount()).update();
            }
            return created;
        });
        auditItems(find(id), AuditAction.CREATE, "destruction proposed");
        return find(id);
    }

    /**
     * One approval. The second distinct approval carries the destruction out. Separation of duties:
     * the proposer may not approve, and nobody may approve twice.
     */
    Destruction approve(long id) {
        String user = Actor.current();
        tx.executeWithoutResult(s -> {
            Destruction d = lockedFind(id);
            if (d.destroyed()) {
                throw conflict("Already destroyed", "Destruction " + id + " was carried out under certificate "
                        + d.certificateNumber() + ".");
            }
            if (d.proposedBy().equals(user)) {
                throw conflict("Proposer cannot approve", "Destruction " + id + " was proposed by " + user
                        + "; two other people must approve it.");
            }
            if (d.approvals().stream().anyMatch(a -> a.approvedBy().equals(user))) {
                throw conflict("Already approved", user + " already approved destruction " + id
                        + "; the second approval must come from someone else.");
            }
            jdbc.sql("insert into destruction_approval (destruction_id, approved_by, approved_at) values (?, ?, ?)")
                    .params(id, user, now()).update();
            if (d.approvals().size() + 1 >= Destruction.APPROVALS_NEEDED) {
                carryOut(lockedFind(id));
            }
        });
        Destruction d = find(id);
        auditItems(d, AuditAction.UPDATE, d.destroyed() ? "destroyed under certificate " + d.certificateNumber() : "destruction approved");
        return d;
    }

    private void carryOut(Destruction d) {
        for (Destruction.Item item : d.items()) {
            Optional<DestructionWorklist.Item> now = worklist.today(item.encounterId(), d.jurisdiction());
            if (now.isEmpty()) {
                throw conflict("Not past retention", "Encounter " + item.encounterId()
                        + " is no longer past retention (schedule changed, or already destroyed).");
            }
            if (now.get().hold() != null) {
                throw conflict("Under legal hold", "Encounter " + item.encounterId() + " came under " + now.get().hold()
                        + " after the proposal; it cannot be destroyed.");
            }
        }
        Instant at = clock.instant();
        long sequence = jdbc.sql("select nextval('certificate_of_destruction_seq')").query(Long.class).single();
        String number = "COD-" + LocalDate.ofInstant(at, clock.getZone()).getYear() + "-" + String.format("%06d", sequence);
        for (Destruction.Item item : d.items()) {
            records.destroyEncounter(item.encounterId(), number);
        }
        byte[] pdf = CertificatePdf.render(d, number, at, organization);
        jdbc.sql("update destruction set status = 'DESTROYED', destroyed_at = ?, certificate_number = ?, certificate_pdf = ? where id = ?")
                .params(at.atOffset(ZoneOffset.UTC), number, pdf, d.id()).update();
    }

    byte[] certificate(long id) {
        Destruction d = find(id);
        if (!d.destroyed()) {
            throw conflict("No certificate yet", "Destruction " + id + " has " + d.approvals().size() + " of "
                    + Destruction.APPROVALS_NEEDED + " approvals; the certificate is issued when it is carried out.");
        }
        byte[] pdf = jdbc.sql("select certificate_pdf from destruction where id = ?").param(id).query(byte[].class).single();
        auditItems(d, AuditAction.EXPORT, "certificate of destruction " + d.certificateNumber());
        return pdf;
    }

    List<Destruction> recent() {
        List<Long> ids = jdbc.sql("select id from destruction order by (status = 'PROPOSED') desc, id desc limit 100")
                .query(Long.class).list();
        return ids.stream().map(this::find).toList();
    }

    Destruction find(long id) {
        return load(id, false);
    }

    private Destruction lockedFind(long id) {
        return load(id, true);
    }

    private Destruction load(long id, boolean lock) {
        Optional<Destruction> head = jdbc.sql("""
                        select id, status, jurisdiction, method, reason, proposed_by, proposed_at, destroyed_at, certificate_number
                        from destruction where id = ?""" + (lock ? " for update" : ""))
                .param(id).query((rs, i) -> head(rs)).optional();
        if (head.isEmpty()) {
            throw Problem.notFound("destruction-not-found", "Destruction not found", "No destruction has id " + id + ".");
        }
        List<Destruction.Item> items = jdbc.sql("""
                        select encounter_id, patient_id, mrn, encounter_number, record_type, service_end, retain_until, document_count
                        from destruction_item where destruction_id = ? order by encounter_id""")
                .param(id).query((rs, i) -> new Destruction.Item(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class), rs.getInt(8))).list();
        List<Destruction.Approval> approvals = jdbc.sql(
                        "select approved_by, approved_at from destruction_approval where destruction_id = ? order by approved_at, approved_by")
                .param(id).query((rs, i) -> new Destruction.Approval(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
                .list();
        Destruction h = head.get();
        return new Destruction(h.id(), h.status(), h.jurisdiction(), h.method(), h.reason(), h.proposedBy(), h.proposedAt(),
                h.destroyedAt(), h.certificateNumber(), items, approvals);
    }

    private static Destruction head(ResultSet rs) throws SQLException {
        OffsetDateTime destroyed = rs.getObject(8, OffsetDateTime.class);
        return new Destruction(rs.getLong(1), rs.getString(2), rs.getString(3), DestructionMethod.valueOf(rs.getString(4)),
                rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant(),
                destroyed == null ? null : destroyed.toInstant(), rs.getString(9), List.of(), List.of());
    }

    private void auditItems(Destruction d, AuditAction action, String detail) {
        List<AuditEntry> entries = new ArrayList<>();
        for (Destruction.Item i : d.items()) {
            entries.add(audit.entry(action, AuditOutcome.SUCCESS, i.patientId(), "Destruction", d.id(),
                    detail + " (encounter " + i.encounterId() + ")"));
        }
        audit.recordAll(entries);
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    /** A 409 whose type is the title's slug ("Under legal hold" → {@code /problems/under-legal-hold}). */
    static Problem conflict(String title, String detail) {
        return Problem.conflict(Problem.slugOf(title), title, detail);
    }
}
