package org.custodian.chart.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.custodian.Problem;
import org.custodian.Rows;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditTrail;
import org.custodian.chart.Chart;
import org.custodian.chart.ChartNotFoundException;
import org.custodian.chart.ChartService;
import org.custodian.chart.ClinicalDocument;
import org.custodian.chart.DischargeDisposition;
import org.custodian.chart.DocumentSigned;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentSummary;
import org.custodian.chart.DocumentType;
import org.custodian.chart.Encounter;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.EncounterDischarged;
import org.custodian.chart.EncountersDischarged;
import org.custodian.chart.NewDocument;
import org.custodian.chart.NewEncounter;
import org.custodian.chart.DocumentsFiled;
import org.custodian.chart.EncounterAdmitted;
import org.custodian.chart.EncounterParticipant;
import org.custodian.chart.ParticipantRole;
import org.custodian.chart.PractitionerAssigned;
import org.custodian.audit.AuditOutcome;
import org.custodian.staff.Practitioner;
import org.custodian.staff.ProviderDirectory;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientNotFoundException;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.BreakTheGlass;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class JdbcChartService implements ChartService {

    private static final String ENCOUNTER_COLUMNS = """
            id, patient_id, encounter_number, encounter_class, admit_at, discharge_at, attending_provider,
            service, discharge_disposition""";
    private static final String DOCUMENT_COLUMNS = """
            id, patient_id, encounter_id, doc_type, loinc_code, title, author, status, created_at, signed_by, signed_at""";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate tx;
    private final PatientRegistry patients;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final BreakTheGlass breakTheGlass;
    private final ProviderDirectory directory;
    private final PractitionerLinks links;

    JdbcChartService(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate tx, PatientRegistry patients,
                     AuditTrail audit, ApplicationEventPublisher events, Clock clock, BreakTheGlass breakTheGlass,
                     ProviderDirectory directory, PractitionerLinks links) {
        this.breakTheGlass = breakTheGlass;
        this.directory = directory;
        this.links = links;
        this.jdbc = jdbc;
        this.batch = batch;
        this.tx = tx;
        this.patients = patients;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Chart chart(long patientId) {
        // A flagged chart opens only with a care relationship or a break-the-glass grant (45 CFR 164.312(a)(2)(ii)).
        breakTheGlass.checkChartAccess(patientId);
        Patient patient = patients.find(patientId).orElseThrow(() -> new PatientNotFoundException(patientId));
        List<Encounter> encounters = jdbc.sql("select " + ENCOUNTER_COLUMNS
                        + " from encounter where patient_id = ? order by admit_at desc, id desc")
                .param(patientId).query((rs, i) -> encounter(rs)).list();
        encounters = withParticipants(encounters);
        String visible = SensitiveRecords.visible(directory);
        List<DocumentSummary> documents = documents(patientId, visible == null ? "" : " and " + visible);
        audit.patient(AuditAction.READ, patientId, "Chart", patientId);
        return new Chart(patient, encounters, documents);
    }

    private List<DocumentSummary> documents(long patientId, String condition) {
        return jdbc.sql("select " + DOCUMENT_COLUMNS + " from clinical_document d where patient_id = ?" + condition
                        + " order by created_at desc, id desc")
                .param(patientId).query((rs, i) -> summary(rs)).list();
    }

    @Override
    public List<DocumentSummary> documentsForDisclosure(long patientId) {
        breakTheGlass.checkChartAccess(patientId);
        patients.find(patientId).orElseThrow(() -> new PatientNotFoundException(patientId));
        List<DocumentSummary> documents = documents(patientId,
                SensitiveRecords.withheld() ? " and not " + SensitiveRecords.RESTRICTED : "");
        audit.record(AuditAction.READ, AuditOutcome.SUCCESS, patientId, "Chart", patientId, "documents for a release of information");
        return documents;
    }

    @Override
    public ClinicalDocument documentForDisclosure(long id) {
        ClinicalDocument d = findDocument(id).orElseThrow(() -> new ChartNotFoundException("Document", id));
        breakTheGlass.checkChartAccess(d.patientId());
        if (SensitiveRecords.withheld() && matches(id, SensitiveRecords.RESTRICTED)) {
            audit.record(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, d.patientId(), "DocumentReference", id,
                    SensitiveRecords.REFUSAL);
            throw new AccessDeniedException(SensitiveRecords.REFUSAL);
        }
        audit.record(AuditAction.READ, AuditOutcome.SUCCESS, d.patientId(), "DocumentReference", id,
                "for a release of information (45 CFR 164.508)");
        return d;
    }

    private boolean matches(long documentId, String condition) {
        return jdbc.sql("select exists(select 1 from clinical_document d where id = ? and " + condition + ")")
                .param(documentId).query(Boolean.class).single();
    }

    @Override
    public Encounter encounter(long id) {
        Encounter e = jdbc.sql("select " + ENCOUNTER_COLUMNS + " from encounter where id = ?")
                .param(id).query((rs, i) -> encounter(rs)).optional()
                .orElseThrow(() -> new ChartNotFoundException("Encounter", id));
        breakTheGlass.checkChartAccess(e.patientId());
        audit.patient(AuditAction.READ, e.patientId(), "Encounter", id);
        return withParticipants(List.of(e)).get(0);
    }

    @Override
    public ClinicalDocument document(long id) {
        ClinicalDocument d = findDocument(id).orElseThrow(() -> new ChartNotFoundException("Document", id));
        breakTheGlass.checkChartAccess(d.patientId());
        String visible = SensitiveRecords.visible(directory);
        if (visible != null && !matches(id, visible)) {
            String reason = SensitiveRecords.withheld() && !matches(id, SensitiveRecords.PSYCHOTHERAPY)
                    ? SensitiveRecords.REFUSAL : SensitiveRecords.NOT_ORIGINATOR;
            audit.record(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, d.patientId(), "DocumentReference", id, reason);
            throw new AccessDeniedException(reason);
        }
        audit.patient(AuditAction.READ, d.patientId(), "DocumentReference", id);
        return d;
    }

    @Override
    public Encounter record(NewEncounter encounter) {
        return encounterById(recordAll(List.of(encounter)).get(0));
    }

    @Override
    public ClinicalDocument file(NewDocument document) {
        long id = fileAll(List.of(document)).get(0);
        return documentById(id);
    }

    @Override
    public ClinicalDocument sign(long documentId) {
        String username = SecurityContextHolder.getContext().getAuthentication().getName();
        Instant now = clock.instant();
        record Row(long patientId, DocumentStatus status, Long authorId, Long cosignerId) {
        }
        Row row = jdbc.sql("select patient_id, status, author_id, cosigner_id from clinical_document where id = ?")
                .param(documentId).query((rs, i) -> new Row(rs.getLong(1), DocumentStatus.valueOf(rs.getString(2)),
                        nullableLong(rs, 3), nullableLong(rs, 4))).optional()
                .orElseThrow(() -> new ChartNotFoundException("Document", documentId));
        // Only the author, or a named cosigner, authenticates an entry (42 CFR 482.24(c)(1)).
        Practitioner signer = directory.byUsername(username).orElse(null);
        if (signer == null || !(Long.valueOf(signer.id()).equals(row.authorId()) || Long.valueOf(signer.id()).equals(row.cosignerId()))) {
            audit.record(AuditAction.SIGN, AuditOutcome.DENIED, row.patientId(), "DocumentReference", documentId,
                    "not the author or a named cosigner");
            throw new Problem(403, "not-author-or-cosigner", "Not the author or a cosigner",
                    "Only the document's author or its named cosigner may sign document " + documentId
                            + " (42 CFR 482.24(c)(1)).");
        }
        Long patientId = tx.execute(status -> {
            DocumentStatus current = jdbc.sql("select status from clinical_document where id = ? for update")
                    .param(documentId).query((rs, i) -> DocumentStatus.valueOf(rs.getString(1))).single();
            if (current == DocumentStatus.SIGNED || current == DocumentStatus.AMENDED) {
                throw Problem.conflict("document-already-signed", "Already signed",
                        "Document " + documentId + " is already signed; change it by amendment.");
            }
            if (current == DocumentStatus.CANCELLED) {
                throw Problem.conflict("document-cancelled", "Document cancelled",
                        "Document " + documentId + " was cancelled by the system that sent it and cannot be signed.");
            }
            jdbc.sql("update clinical_document set status = 'SIGNED', signed_by = ?, signer_id = ?, signed_at = ? where id = ?")
                    .params(signer.display(), signer.id(), now.atOffset(ZoneOffset.UTC), documentId).update();
            // Inside the transaction: the event publication registry stores it with the signature.
            events.publishEvent(new DocumentSigned(documentId, row.patientId(), signer.display(), now));
            return row.patientId();
        });
        audit.patient(AuditAction.SIGN, patientId, "DocumentReference", documentId);
        return documentById(documentId);
    }

    @Override
    public Encounter assign(long encounterId, EncounterParticipant participant) {
        if (directory.find(participant.practitionerId()).isEmpty()) {
            throw new IllegalArgumentException("practitionerId: not in the provider directory");
        }
        Encounter e = tx.execute(status -> {
            Encounter found = jdbc.sql("select " + ENCOUNTER_COLUMNS + " from encounter where id = ?").param(encounterId)
                    .query((rs, i) -> encounter(rs)).optional().orElseThrow(() -> new ChartNotFoundException("Encounter", encounterId));
            jdbc.sql("""
                    insert into encounter_participant (encounter_id, role, practitioner_id, at) values (?, ?, ?, ?)
                    on conflict (encounter_id, role, practitioner_id) do update set at = excluded.at""")
                    .params(encounterId, participant.role().name(), participant.practitionerId(), Rows.utc(participant.at()))
                    .update();
            events.publishEvent(new PractitionerAssigned(encounterId, found.patientId(), participant.role(),
                    participant.practitionerId(), participant.at()));
            return found;
        });
        audit.patient(AuditAction.UPDATE, e.patientId(), "Encounter", encounterId);
        return withParticipants(List.of(e)).get(0);
    }

    @Override
    public ClinicalDocument requireCosigner(long documentId, long practitionerId) {
        if (directory.find(practitionerId).isEmpty()) {
            throw new IllegalArgumentException("practitionerId: not in the provider directory");
        }
        ClinicalDocument d = findDocument(documentId).orElseThrow(() -> new ChartNotFoundException("Document", documentId));
        if (d.status() != DocumentStatus.DRAFT && d.status() != DocumentStatus.UNSIGNED) {
            throw Problem.conflict("document-already-signed", "Already signed",
                    "Document " + documentId + " is " + d.status().name().toLowerCase() + "; a cosigner is named before it is signed.");
        }
        jdbc.sql("update clinical_document set cosigner_id = ? where id = ?").params(practitionerId, documentId).update();
        audit.patient(AuditAction.UPDATE, d.patientId(), "DocumentReference", documentId);
        events.publishEvent(new DocumentsFiled(List.of(documentId), d.encounterId() == null ? List.of() : List.of(d.encounterId())));
        return documentById(documentId);
    }

    /**
     * Bulk loads take a constant number of statements: the patients are checked in one query,
     * ids and encounter numbers come from their sequences in one query each, and the rows go
     * in as JDBC batches (rewritten by the driver into multi-row INSERTs). Validation is the
     * same as for one encounter, in input order, before anything is written.
     */
    @Override
    public List<Long> recordAll(List<NewEncounter> encounters) {
        if (encounters.isEmpty()) {
            return List.of();
        }
        List<Long> ids = tx.execute(status -> {
            Set<Long> known = patients.existing(encounters.stream().map(NewEncounter::patientId).toList());
            for (NewEncounter e : encounters) {
                requirePatient(known, e.patientId());
                if (e.dischargeAt() != null && e.dischargeAt().isBefore(e.admitAt())) {
                    throw new IllegalArgumentException("dischargeAt: before admitAt");
                }
            }
            List<Long> created = nextIds("encounter", encounters.size());
            long unnumbered = encounters.stream().filter(e -> e.encounterNumber() == null).count();
            Iterator<Long> numbers = unnumbered == 0 ? Collections.emptyIterator()
                    : jdbc.sql("select nextval('encounter_number_seq') from generate_series(1, ?)")
                            .param(unnumbered).query(Long.class).list().iterator();
            List<Object[]> rows = new ArrayList<>(encounters.size());
            for (int i = 0; i < encounters.size(); i++) {
                NewEncounter e = encounters.get(i);
                rows.add(new Object[] {created.get(i), e.patientId(),
                        e.encounterNumber() != null ? e.encounterNumber() : "V" + numbers.next(),
                        e.encounterClass().name(), Rows.utc(e.admitAt()), Rows.utc(e.dischargeAt()), e.attendingProvider(),
                        e.service(), e.dischargeDisposition() == null ? null : e.dischargeDisposition().code()});
            }
            batch.batchUpdate("""
                    insert into encounter (id, patient_id, encounter_number, encounter_class, admit_at, discharge_at,
                                           attending_provider, service, discharge_disposition)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows, new int[] {Types.BIGINT, Types.BIGINT, Types.VARCHAR,
                    Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR,
                    Types.VARCHAR, Types.VARCHAR});
            List<Object[]> participants = new ArrayList<>();
            for (int i = 0; i < encounters.size(); i++) {
                for (EncounterParticipant p : encounters.get(i).participants()) {
                    participants.add(new Object[] {created.get(i), p.role().name(), p.practitionerId(), Rows.utc(p.at())});
                }
            }
            if (!participants.isEmpty()) {
                batch.batchUpdate("""
                        insert into encounter_participant (encounter_id, role, practitioner_id, at) values (?, ?, ?, ?)
                        on conflict do nothing""", participants,
                        new int[] {Types.BIGINT, Types.VARCHAR, Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE});
            }
            links.linkEncounters(created);
            // Inside the transaction: the event publication registry stores them with the encounters, and
            // the listeners run after the commit (a rolled-back load announces nothing). A bulk load's
            // discharges go as one event (docs/decisions.md#cross-module-events-go-through-the-publication-registry).
            List<EncounterDischarged> discharged = new ArrayList<>();
            for (int i = 0; i < created.size(); i++) {
                NewEncounter e = encounters.get(i);
                if (e.dischargeAt() != null) {
                    discharged.add(new EncounterDischarged(created.get(i), e.patientId(), e.encounterClass(), e.dischargeAt()));
                } else {
                    events.publishEvent(new EncounterAdmitted(created.get(i), e.patientId(), e.encounterClass(), e.admitAt()));
                }
            }
            if (discharged.size() == 1) {
                events.publishEvent(discharged.get(0));
            } else if (!discharged.isEmpty()) {
                events.publishEvent(new EncountersDischarged(discharged));
            }
            return created;
        });
        audit.created("Encounter", ids, encounters.stream().map(NewEncounter::patientId).toList());
        return ids;
    }

    @Override
    public List<Long> fileAll(List<NewDocument> documents) {
        if (documents.isEmpty()) {
            return List.of();
        }
        List<Long> ids = tx.execute(status -> {
            Set<Long> known = patients.existing(documents.stream().map(NewDocument::patientId).toList());
            for (NewDocument d : documents) {
                requirePatient(known, d.patientId());
                boolean signed = d.status() == DocumentStatus.SIGNED || d.status() == DocumentStatus.AMENDED;
                if (signed != (d.signedBy() != null && d.signedAt() != null)) {
                    throw new IllegalArgumentException("status: a " + d.status() + " document "
                            + (signed ? "needs" : "cannot have") + " signedBy and signedAt");
                }
            }
            List<Long> created = nextIds("clinical_document", documents.size());
            List<Object[]> rows = new ArrayList<>(documents.size());
            for (int i = 0; i < documents.size(); i++) {
                NewDocument d = documents.get(i);
                rows.add(new Object[] {created.get(i), d.patientId(), d.encounterId(), d.type().name(), d.type().loinc(),
                        d.title() == null ? d.type().title() : d.title(), d.author(), d.text(), d.status().name(),
                        Rows.utc(d.createdAt()), d.signedBy(), Rows.utc(d.signedAt()), d.authorId(), d.cosignerId()});
            }
            batch.batchUpdate("""
                    insert into clinical_document (id, patient_id, encounter_id, doc_type, loinc_code, title, author, body,
                                                   status, created_at, signed_by, signed_at, author_id, cosigner_id)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows, new int[] {Types.BIGINT, Types.BIGINT,
                    Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                    Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE,
                    Types.BIGINT, Types.BIGINT});
            links.linkDocuments(created);
            events.publishEvent(new DocumentsFiled(created, documents.stream().map(NewDocument::encounterId)
                    .filter(java.util.Objects::nonNull).distinct().toList()));
            return created;
        });
        audit.created("DocumentReference", ids, documents.stream().map(NewDocument::patientId).toList());
        return ids;
    }

    /** {@code n} ids from the table's own sequence, in one round trip. */
    private List<Long> nextIds(String table, int n) {
        return jdbc.sql("select nextval(pg_get_serial_sequence(?, 'id')) from generate_series(1, ?)")
                .params(table, n).query(Long.class).list();
    }

    private static void requirePatient(Set<Long> known, long patientId) {
        if (!known.contains(patientId)) {
            throw new PatientNotFoundException(patientId);
        }
    }

    private Encounter encounterById(long id) {
        return jdbc.sql("select " + ENCOUNTER_COLUMNS + " from encounter where id = ?").param(id)
                .query((rs, i) -> encounter(rs)).single();
    }

    private ClinicalDocument documentById(long id) {
        return findDocument(id).orElseThrow();
    }

    private Optional<ClinicalDocument> findDocument(long id) {
        return jdbc.sql("""
                        select id, patient_id, encounter_id, doc_type, loinc_code, title, author, body, status,
                               created_at, signed_by, signed_at, author_id, cosigner_id, signer_id
                        from clinical_document where id = ?""")
                .param(id).query((rs, i) -> new ClinicalDocument(rs.getLong(1), rs.getLong(2), nullableLong(rs, 3),
                        DocumentType.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), DocumentStatus.valueOf(rs.getString(9)), Rows.instant(rs, 10), rs.getString(11),
                        Rows.instant(rs, 12), nullableLong(rs, 13), nullableLong(rs, 14), nullableLong(rs, 15)))
                .optional();
    }

    /** The encounters with their practitioners, in one query. */
    private List<Encounter> withParticipants(List<Encounter> encounters) {
        if (encounters.isEmpty()) {
            return encounters;
        }
        java.util.Map<Long, List<EncounterParticipant>> by = new java.util.HashMap<>();
        jdbc.sql("select encounter_id, role, practitioner_id, at from encounter_participant where encounter_id = any(?) "
                        + "order by encounter_id, role, at nulls last, practitioner_id")
                .param(encounters.stream().map(Encounter::id).toArray(Long[]::new))
                .query((rs, i) -> by.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new EncounterParticipant(
                        ParticipantRole.valueOf(rs.getString(2)), rs.getLong(3), Rows.instant(rs, 4)))).list();
        return encounters.stream().map(e -> new Encounter(e.id(), e.patientId(), e.encounterNumber(), e.encounterClass(),
                e.admitAt(), e.dischargeAt(), e.attendingProvider(), e.service(), e.dischargeDisposition(),
                by.getOrDefault(e.id(), List.of()))).toList();
    }

    private static Encounter encounter(ResultSet rs) throws SQLException {
        String disposition = rs.getString(9);
        return new Encounter(rs.getLong(1), rs.getLong(2), rs.getString(3), EncounterClass.valueOf(rs.getString(4)),
                Rows.instant(rs, 5), Rows.instant(rs, 6), rs.getString(7), rs.getString(8),
                disposition == null ? null : DischargeDisposition.ofCode(disposition).orElse(null));
    }

    private static DocumentSummary summary(ResultSet rs) throws SQLException {
        return new DocumentSummary(rs.getLong(1), rs.getLong(2), nullableLong(rs, 3), DocumentType.valueOf(rs.getString(4)),
                rs.getString(5), rs.getString(6), rs.getString(7), DocumentStatus.valueOf(rs.getString(8)),
                Rows.instant(rs, 9), rs.getString(10), Rows.instant(rs, 11));
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

}
