package org.custodian.disclosure.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.custodian.Problem;
import org.custodian.Actor;
import org.custodian.Rows;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.chart.Chart;
import org.custodian.chart.ChartNotFoundException;
import org.custodian.chart.ChartService;
import org.custodian.chart.ClinicalResources;
import org.custodian.chart.RecordCategory;
import org.custodian.chart.RecordEntry;
import org.custodian.chart.ClinicalDocument;
import org.custodian.chart.DocumentSummary;
import org.custodian.chart.DocumentType;
import org.custodian.chart.Encounter;
import org.custodian.chart.Sensitivity;
import org.custodian.chart.SensitivityTags;
import org.custodian.disclosure.Authorization;
import org.custodian.disclosure.AuthorizationProblem;
import org.custodian.disclosure.Delivery;
import org.custodian.disclosure.DisclosureRelease;
import org.custodian.disclosure.DisclosureRelease.InvoiceLine;
import org.custodian.disclosure.DisclosureRelease.Released;
import org.custodian.disclosure.DisclosureRelease.Withheld;
import org.custodian.disclosure.DisclosureRequest;
import org.custodian.disclosure.LegalProcess;
import org.custodian.disclosure.NewDisclosureRequest;
import org.custodian.disclosure.ReleaseBlocked;
import org.custodian.disclosure.ReleaseOfInformation;
import org.custodian.disclosure.RequesterType;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientNotFoundException;
import org.custodian.patient.PatientRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class JdbcReleaseOfInformation implements ReleaseOfInformation {

    static final String RESOURCE = "DisclosureRequest";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PatientRegistry patients;
    private final ChartService charts;
    private final SensitivityTags tags;
    private final AmendmentStatements statements;
    private final AuditTrail audit;
    private final DisclosureSettings settings;
    private final DueDates dueDates;
    private final Fees fees;
    private final Clock clock;
    private final ClinicalResources clinical;

    JdbcReleaseOfInformation(JdbcClient jdbc, TransactionTemplate tx, PatientRegistry patients, ChartService charts,
                             SensitivityTags tags, AmendmentStatements statements, AuditTrail audit,
                             DisclosureSettings settings, Clock clock, ClinicalResources clinical) {
        this.clinical = clinical;
        this.jdbc = jdbc;
        this.tx = tx;
        this.patients = patients;
        this.charts = charts;
        this.tags = tags;
        this.statements = statements;
        this.audit = audit;
        this.settings = settings;
        this.dueDates = new DueDates(settings);
        this.fees = new Fees(settings);
        this.clock = clock;
    }

    @Override
    public DisclosureRequest intake(NewDisclosureRequest n) {
        validate(n);
        if (patients.existing(List.of(n.patientId())).isEmpty()) {
            throw new PatientNotFoundException(n.patientId());
        }
        LocalDate today = LocalDate.now(clock);
        Authorization a = n.authorization();
        long id = tx.execute(status -> {
            long seq = jdbc.sql("select nextval('disclosure_request_number_seq')").query(Long.class).single();
            String number = "ROI-%d-%06d".formatted(today.getYear(), seq);
            // The authorization's columns are null where none was received (45 CFR 164.508(c) elements).
            Map<String, Object> auth = new HashMap<>();
            auth.put("auth_description", a == null ? null : a.description());
            auth.put("auth_discloser", a == null ? null : a.discloser());
            auth.put("auth_recipient", a == null ? null : a.recipient());
            auth.put("auth_purpose", a == null ? null : a.purpose());
            auth.put("auth_expires_on", a == null ? null : a.expiresOn());
            auth.put("auth_expiration_event", a == null ? null : a.expirationEvent());
            auth.put("auth_signed_by", a == null ? null : a.signedBy());
            auth.put("auth_signed_on", a == null ? null : a.signedOn());
            auth.put("auth_representative_authority", a == null ? null : a.representativeAuthority());
            return jdbc.sql("""
                    insert into disclosure_request (request_number, patient_id, requester_type, requester_name,
                        requester_address, purpose, delivery, received_on, state, due_on, date_from, date_to,
                        document_types, encounter_ids, record_categories, auth_received, auth_description, auth_discloser, auth_recipient,
                        auth_purpose, auth_expires_on, auth_expiration_event, auth_signed_by, auth_signed_on,
                        auth_by_representative, auth_representative_authority, auth_named_sensitivities,
                        legal_subpoena, legal_court_order, legal_assurance, created_by, created_at)
                    values (:request_number, :patient_id, :requester_type, :requester_name,
                        :requester_address, :purpose, :delivery, :received_on, :state, :due_on, :date_from, :date_to,
                        :document_types, :encounter_ids, :record_categories, :auth_received, :auth_description, :auth_discloser, :auth_recipient,
                        :auth_purpose, :auth_expires_on, :auth_expiration_event, :auth_signed_by, :auth_signed_on,
                        :auth_by_representative, :auth_representative_authority, :auth_named_sensitivities,
                        :legal_subpoena, :legal_court_order, :legal_assurance, :created_by, :created_at)
                    returning id""")
                    .param("request_number", number)
                    .param("patient_id", n.patientId())
                    .param("requester_type", n.requesterType().name())
                    .param("requester_name", n.requesterName().strip())
                    .param("requester_address", n.requesterAddress())
                    .param("purpose", n.purpose().strip())
                    .param("delivery", n.delivery().name())
                    .param("received_on", n.receivedOn())
                    .param("state", n.state() == null || n.state().isBlank() ? null : n.state().strip().toUpperCase())
                    .param("due_on", dueDates.due(n.receivedOn(), n.state()))
                    .param("date_from", n.dateFrom())
                    .param("date_to", n.dateTo())
                    .param("document_types", n.documentTypes().stream().map(Enum::name).sorted().toArray(String[]::new))
                    .param("encounter_ids", n.encounterIds().toArray(Long[]::new))
                    .param("record_categories", n.recordCategories().stream().map(Enum::name).sorted().toArray(String[]::new))
                    .param("auth_received", a != null)
                    .params(auth)
                    .param("auth_by_representative", a != null && a.signedByRepresentative())
                    .param("auth_named_sensitivities",
                            a == null ? new String[0] : a.namedSensitivities().stream().map(Enum::name).sorted().toArray(String[]::new))
                    .param("legal_subpoena", n.legalProcess().subpoena())
                    .param("legal_court_order", n.legalProcess().courtOrder())
                    .param("legal_assurance", n.legalProcess().satisfactoryAssurance())
                    .param("created_by", Actor.current())
                    .param("created_at", Rows.utc(clock.instant()))
                    .query(Long.class).single();
        });
        audit.patient(AuditAction.CREATE, n.patientId(), RESOURCE, id);
        return load(id);
    }

    private void validate(NewDisclosureRequest n) {
        require(n.requesterType() != null, "requesterType: required");
        require(n.requesterName() != null && !n.requesterName().isBlank(), "requesterName: required");
        require(n.purpose() != null && !n.purpose().isBlank(), "purpose: required");
        require(n.delivery() != null, "delivery: required");
        require(n.receivedOn() != null, "receivedOn: required, the date the request was received");
        require(!n.receivedOn().isAfter(LocalDate.now(clock)), "receivedOn: cannot be in the future");
        require(n.dateFrom() == null || n.dateTo() == null || !n.dateFrom().isAfter(n.dateTo()),
                "dateTo: must not be before dateFrom");
        require(n.state() == null || n.state().isBlank() || n.state().strip().matches("[A-Za-z]{2}"),
                "state: a two-letter state code");
    }

    private static void require(boolean ok, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(rule);
        }
    }

    @Override
    public DisclosureRequest request(long id) {
        DisclosureRequest r = load(id);
        audit.patient(AuditAction.READ, r.patientId(), RESOURCE, id);
        return r;
    }

    @Override
    public List<DisclosureRequest> worklist() {
        List<DisclosureRequest> open = jdbc.sql("select * from disclosure_request where status = 'OPEN'"
                        + " order by coalesce(extended_due_on, due_on), id")
                .query((rs, i) -> row(rs)).list();
        audit.record(AuditAction.SEARCH, AuditOutcome.SUCCESS, null, RESOURCE, null, "ROI worklist, " + open.size() + " open");
        return open;
    }

    @Override
    public List<AuthorizationProblem> check(long id) {
        DisclosureRequest r = request(id);
        return problems(r);
    }

    private List<AuthorizationProblem> problems(DisclosureRequest r) {
        return AuthorizationCheck.problems(r.requesterType(), r.authorization(), r.legalProcess(), LocalDate.now(clock));
    }

    @Override
    public DisclosureRequest extend(long id, String reason) {
        DisclosureRequest r = load(id);
        requireOpen(r);
        LocalDate today = LocalDate.now(clock);
        LocalDate extended = dueDates.extended(r.dueOn(), r.extendedDueOn(), reason, today);
        jdbc.sql("update disclosure_request set extended_due_on = ?, extension_reason = ?, extension_notified_on = ? where id = ?")
                .params(extended, reason.strip(), today, id).update();
        audit.record(AuditAction.UPDATE, AuditOutcome.SUCCESS, r.patientId(), RESOURCE, id, "extended to " + extended);
        return load(id);
    }

    @Override
    public DisclosureRelease release(long id) {
        DisclosureRequest r = load(id);
        requireOpen(r);
        List<AuthorizationProblem> problems = problems(r);
        if (!problems.isEmpty()) {
            audit.record(AuditAction.EXPORT, AuditOutcome.DENIED, r.patientId(), RESOURCE, id, "release blocked: "
                    + problems.stream().map(AuthorizationProblem::element).collect(Collectors.joining(", ")));
            throw new ReleaseBlocked(r.requestNumber(), problems);
        }
        Instant now = clock.instant();
        String releasedBy = Actor.current();
        Chart chart = charts.chart(r.patientId());
        Map<Long, String> encounterNumbers = new HashMap<>();
        for (Encounter e : chart.encounters()) {
            encounterNumbers.put(e.id(), e.encounterNumber());
        }
        List<DocumentSummary> asked = charts.documentsForDisclosure(r.patientId()).stream().filter(d -> within(r, d)).toList();
        Map<Long, Set<Sensitivity>> tagged = tags.ofDocuments(asked.stream().map(DocumentSummary::id).toList());
        List<Segmentation.Candidate> candidates = new ArrayList<>();
        List<DocumentSummary> oldestFirst = new ArrayList<>(asked); // as a chart is read
        java.util.Collections.reverse(oldestFirst);
        for (DocumentSummary d : oldestFirst) {
            candidates.add(new Segmentation.Candidate(d.id(), d.title() == null ? d.type().title() : d.title(),
                    tagged.getOrDefault(d.id(), EnumSet.noneOf(Sensitivity.class))));
        }
        Segmentation.Outcome outcome = Segmentation.apply(candidates, r.requesterType(), r.authorization());
        List<PacketWriter.Document> documents = new ArrayList<>();
        for (Segmentation.Candidate c : outcome.released()) {
            ClinicalDocument d = charts.documentForDisclosure(c.documentId());
            documents.add(new PacketWriter.Document(d, d.encounterId() == null ? null : encounterNumbers.get(d.encounterId()),
                    statements.of(d.id())));
        }
        // The chosen parts of the kept clinical record (labs, medications, ...) in the same date range.
        // Segmented as documents are: a Part 2 diagnosis, medication or drug screen, an HIV result (issue 15).
        List<RecordEntry> entries = new ArrayList<>();
        List<Withheld> withheld = new ArrayList<>(outcome.withheld());
        for (RecordEntry e : clinical.entries(r.patientId(), r.recordCategories(), r.dateFrom(), r.dateTo())) {
            String reason = Segmentation.reason(e.tags(), r.requesterType(), r.authorization());
            if (reason == null) {
                entries.add(e);
            } else {
                // disclosure_item keys an entry by the negative of its kept row's id (documents are positive).
                withheld.add(new Withheld(-e.id(), e.category().label() + ": " + e.what()
                        + (e.when() == null ? "" : " (" + org.custodian.web.Fmt.date(e.when()) + ")"), reason));
            }
        }
        Patient patient = patients.find(r.patientId()).orElseThrow(() -> new PatientNotFoundException(r.patientId()));
        // The fee depends on the page count and the cover letter shows the fee: lay out once to count, then for good.
        InvoiceLine draft = fees.invoice(r.requestNumber(), r.requesterType(), r.delivery(), 1);
        int pages = pageCount(PacketWriter.packet(settings, r, patient, documents, entries, withheld, draft, releasedBy, now));
        InvoiceLine invoice = fees.invoice(r.requestNumber(), r.requesterType(), r.delivery(), pages);
        byte[] packet = PacketWriter.packet(settings, r, patient, documents, entries, withheld, invoice, releasedBy, now);
        String exempt = exemptFromAccounting(r);
        String what = documents.isEmpty() ? "no documents (all withheld or none in scope)"
                : documents.size() + " document(s): " + documents.stream().map(d -> d.document().title()
                + " (" + org.custodian.web.Fmt.date(d.document().createdAt()) + ")")
                .collect(Collectors.joining(", "));
        String sections = PacketWriter.sections(r.recordCategories(), entries);
        if (!sections.isEmpty()) {
            what += "; from the clinical record: " + sections;
        }
        String whatDisclosed = what;
        tx.executeWithoutResult(status -> {
            int updated = jdbc.sql("update disclosure_request set status = 'RELEASED', released_at = ?, released_by = ?"
                            + " where id = ? and status = 'OPEN'")
                    .params(Rows.utc(now), releasedBy, id).update();
            if (updated != 1) {
                throw conflict("Request " + r.requestNumber() + " was released meanwhile.");
            }
            jdbc.sql("""
                    insert into disclosure_release (request_id, released_at, released_by, pages, invoice_description,
                        invoice_cents, invoice_basis, exempt_reason, packet, record_sections) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, Rows.utc(now), releasedBy, pages, invoice.description(), invoice.amountCents(), invoice.basis(),
                            exempt, packet, sections.isEmpty() ? null : sections).update();
            for (Segmentation.Candidate c : outcome.released()) {
                jdbc.sql("insert into disclosure_item (request_id, document_id, title, released) values (?, ?, ?, true)")
                        .params(id, c.documentId(), c.title()).update();
            }
            for (Withheld w : withheld) {
                jdbc.sql("insert into disclosure_item (request_id, document_id, title, released, reason) values (?, ?, ?, false, ?)")
                        .params(id, w.documentId(), w.title(), w.reason()).update();
            }
            jdbc.sql("""
                    insert into accounting_entry (patient_id, request_id, disclosed_at, recipient, recipient_address,
                        description, purpose, exempt_reason) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(r.patientId(), id, Rows.utc(now), r.requesterName(), r.requesterAddress(), whatDisclosed, r.purpose(), exempt)
                    .update();
        });
        audit.record(AuditAction.EXPORT, AuditOutcome.SUCCESS, r.patientId(), "DisclosurePacket", id,
                r.requestNumber() + " to " + r.requesterType() + ": released " + documents.size()
                        + (sections.isEmpty() ? "" : " documents and " + entries.size() + " record entries (" + sections + ")") + ", withheld "
                        + withheld.size() + (exempt == null ? ", in the accounting of disclosures"
                        : ", exempt from accounting (45 CFR 164.528(a)(1))"));
        return releaseOf(id);
    }

    /** 164.528(a)(1): TPO, to the patient, and under an authorization are exempt; legal process, public health, law enforcement are not. */
    static String exemptFromAccounting(DisclosureRequest r) {
        if (r.requesterType().exemptFromAccounting() != null) {
            return r.requesterType().exemptFromAccounting();
        }
        if (r.authorization() != null && !r.legalProcess().any()) {
            return "pursuant to an authorization, 45 CFR 164.528(a)(1)(iv)";
        }
        return null;
    }

    /**
     * Within the request's scope; drafts are not part of the legal health record and never go out,
     * nor documents their source cancelled before authentication (HL7 v2 MDM^T11).
     */
    private boolean within(DisclosureRequest r, DocumentSummary d) {
        if (!d.status().released()) {
            return false;
        }
        if (!r.documentTypes().isEmpty() && !r.documentTypes().contains(d.type())) {
            return false;
        }
        if (!r.encounterIds().isEmpty() && (d.encounterId() == null || !r.encounterIds().contains(d.encounterId()))) {
            return false;
        }
        LocalDate on = LocalDate.ofInstant(d.createdAt(), clock.getZone());
        return (r.dateFrom() == null || !on.isBefore(r.dateFrom())) && (r.dateTo() == null || !on.isAfter(r.dateTo()));
    }

    private static int pageCount(byte[] pdf) {
        try (var doc = Loader.loadPDF(pdf)) {
            return doc.getNumberOfPages();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public DisclosureRelease releaseOf(long id) {
        DisclosureRequest r = load(id);
        List<Released> released = new ArrayList<>();
        List<Withheld> withheld = new ArrayList<>();
        jdbc.sql("select document_id, title, released, reason from disclosure_item where request_id = ? order by document_id")
                .param(id).query(rs -> {
                    if (rs.getBoolean(3)) {
                        released.add(new Released(rs.getLong(1), rs.getString(2)));
                    } else {
                        withheld.add(new Withheld(rs.getLong(1), rs.getString(2), rs.getString(4)));
                    }
                });
        DisclosureRelease release = jdbc.sql("""
                        select released_at, released_by, pages, invoice_description, invoice_cents, invoice_basis, exempt_reason
                        from disclosure_release where request_id = ?""").param(id)
                .query((rs, i) -> new DisclosureRelease(id, r.requestNumber(), Rows.instant(rs, 1), rs.getString(2), released,
                        withheld, new InvoiceLine(rs.getString(4), rs.getLong(5), rs.getString(6)), rs.getInt(3),
                        rs.getString(7)))
                .optional().orElseThrow(() -> new ChartNotFoundException("Release", id));
        audit.patient(AuditAction.READ, r.patientId(), RESOURCE, id);
        return release;
    }

    @Override
    public byte[] packet(long id) {
        DisclosureRequest r = load(id);
        byte[] pdf = jdbc.sql("select packet from disclosure_release where request_id = ?").param(id)
                .query((rs, i) -> rs.getBytes(1)).optional()
                .orElseThrow(() -> new ChartNotFoundException("Packet", id));
        audit.record(AuditAction.READ, AuditOutcome.SUCCESS, r.patientId(), "DisclosurePacket", id, r.requestNumber());
        return pdf;
    }

    private void requireOpen(DisclosureRequest r) {
        if (r.status() != DisclosureRequest.Status.OPEN) {
            throw conflict("Request " + r.requestNumber() + " is already released.");
        }
    }

    private static Problem conflict(String detail) {
        return Problem.conflict("disclosure-already-released", "Already released", detail);
    }

    private DisclosureRequest load(long id) {
        return jdbc.sql("select * from disclosure_request where id = ?").param(id).query((rs, i) -> row(rs)).optional()
                .orElseThrow(() -> new ChartNotFoundException("Disclosure request", id));
    }

    private static DisclosureRequest row(ResultSet rs) throws SQLException {
        Authorization a = null;
        if (rs.getBoolean("auth_received")) {
            Set<Sensitivity> named = EnumSet.noneOf(Sensitivity.class);
            for (String s : strings(rs.getArray("auth_named_sensitivities"))) {
                named.add(Sensitivity.valueOf(s));
            }
            a = new Authorization(rs.getString("auth_description"), rs.getString("auth_discloser"),
                    rs.getString("auth_recipient"), rs.getString("auth_purpose"), date(rs, "auth_expires_on"),
                    rs.getString("auth_expiration_event"), rs.getString("auth_signed_by"), date(rs, "auth_signed_on"),
                    rs.getBoolean("auth_by_representative"), rs.getString("auth_representative_authority"), named);
        }
        Set<DocumentType> types = EnumSet.noneOf(DocumentType.class);
        for (String s : strings(rs.getArray("document_types"))) {
            types.add(DocumentType.valueOf(s));
        }
        Set<RecordCategory> categories = EnumSet.noneOf(RecordCategory.class);
        for (String s : strings(rs.getArray("record_categories"))) {
            categories.add(RecordCategory.valueOf(s));
        }
        List<Long> encounters = new ArrayList<>();
        Array ea = rs.getArray("encounter_ids");
        if (ea != null) {
            for (Object o : (Object[]) ea.getArray()) {
                encounters.add(((Number) o).longValue());
            }
        }
        return new DisclosureRequest(rs.getLong("id"), rs.getString("request_number"), rs.getLong("patient_id"),
                RequesterType.valueOf(rs.getString("requester_type")), rs.getString("requester_name"),
                rs.getString("requester_address"), rs.getString("purpose"), Delivery.valueOf(rs.getString("delivery")),
                date(rs, "received_on"), rs.getString("state"), date(rs, "due_on"), date(rs, "extended_due_on"),
                rs.getString("extension_reason"), date(rs, "extension_notified_on"), date(rs, "date_from"),
                date(rs, "date_to"), types, encounters, a,
                new LegalProcess(rs.getBoolean("legal_subpoena"), rs.getBoolean("legal_court_order"), rs.getBoolean("legal_assurance")),
                DisclosureRequest.Status.valueOf(rs.getString("status")), rs.getString("created_by"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "released_at"), rs.getString("released_by"), categories);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

}
