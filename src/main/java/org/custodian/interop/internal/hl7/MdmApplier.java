package org.custodian.interop.internal.hl7;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.custodian.chart.ChartService;
import org.custodian.chart.ClinicalDocument;
import org.custodian.chart.DocumentRevision;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentType;
import org.custodian.chart.EncounterLifecycle;
import org.custodian.chart.EncounterState;
import org.custodian.chart.NewDocument;
import org.custodian.chart.SourceDocuments;
import org.custodian.mpi.MasterPatientIndex;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Applies an MDM (transcribed document) message to the chart, inside the receiver's transaction:
 * T02 files a new document, T04 changes its status (and content), T08 edits it, T11 cancels it;
 * T06 files an addendum to the document of TXA-13 (a document of its own, in the same encounter);
 * T10 replaces the document of TXA-13 with an edited one whose number is TXA-12 (a new version of
 * the same chart document: the replaced text is kept, a signed one amended, never lost).
 * A document is identified by its unique document number (TXA-12) within the sending facility
 * ({@code hl7_document}); TXA-17, the completion status, is the document's state. The patient is
 * found by PID-3 at the sending facility and never registered from a document: an unknown MRN is
 * an AE naming PID-3.
 *
 * <p>Author: the chart takes a document's author and signer as names, so TXA-9 (originator),
 * else TXA-5 (primary activity provider), is the author; TXA-22 (authentication person), else
 * TXA-10 (assigned authenticator), else the author, is the signer of an authenticated document.
 */
@Component
class MdmApplier {

    static final List<String> SUPPORTED = List.of("T02", "T04", "T06", "T08", "T10", "T11");

    private final MasterPatientIndex mpi;
    private final ChartService chart;
    private final SourceDocuments documents;
    private final EncounterLifecycle encounters;
    private final JdbcClient jdbc;
    private final Clock clock;

    MdmApplier(MasterPatientIndex mpi, ChartService chart, SourceDocuments documents, EncounterLifecycle encounters,
               JdbcClient jdbc, Clock clock) {
        this.mpi = mpi;
        this.chart = chart;
        this.documents = documents;
        this.encounters = encounters;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Applies the message; returns the patient it concerned. */
    long apply(AdtFields m, Hl7Header h) {
        String trigger = h.trigger();
        if (trigger == null || !SUPPORTED.contains(trigger)) {
            throw AdtProblem.reject(ErrorCode.UNSUPPORTED_EVENT_CODE, "MSH", 9, "MDM event "
                    + (trigger == null ? "(none)" : AdtApplier.sanitize(trigger)) + " is not one of " + SUPPORTED);
        }
        List<Segment> segments = Hl7Segments.all(m.message());
        Segment txa = Hl7Segments.named(segments, "TXA").stream().findFirst().orElseThrow(() -> AdtProblem.reject(
                ErrorCode.SEGMENT_SEQUENCE_ERROR, "TXA", 0, "a document message needs its TXA segment"));
        String facility = h.facility();
        String mrn = AdtApplier.mrn(m);
        long patient = mpi.resolveMrn(facility, mrn).orElseThrow(() -> AdtProblem.error(ErrorCode.UNKNOWN_KEY_IDENTIFIER,
                "PID", 3, "no patient with this MRN at the sending facility; the document was not filed"
                        + " (the patient's registration, ADT, must come first)"));
        String number = documentNumber(txa, 12);
        if (number == null) {
            throw AdtProblem.error(ErrorCode.REQUIRED_FIELD_MISSING, "TXA", 12, "the unique document number is required");
        }
        // One message per document number at a time (the applier thread, and a reprocess from the interface page).
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("hl7doc|" + facility + "|" + number)
                .query((rs, i) -> 1).list();
        Optional<Long> known = find(facility, number);
        switch (trigger) {
            case "T02" -> {
                Document d = document(m, txa, segments, h, null);
                if (known.isPresent()) {
                    filedAlready(known.get(), patient, d, "a document");
                    return patient; // the same original again under another control id: filed once
                }
                Long encounter = encounter(m, patient);
                long id = AdtApplier.chart(() -> chart.fileAll(List.of(new NewDocument(patient, encounter, d.type(),
                        d.title(), d.author(), d.text(), d.status(), d.createdAt(), d.signedBy(), d.signedAt())))
                        .get(0), "TXA", 12);
                remember(facility, number, id);
            }
            case "T06" -> addendum(m, txa, segments, h, facility, number, known, patient);
            case "T04", "T08", "T10" -> {
                Long id = known.orElse(null);
                String parent = documentNumber(txa, 13);
                if (id == null && parent != null) {
                    id = find(facility, parent).orElse(null);
                }
                if (id == null && trigger.equals("T10")) {
                    throw AdtProblem.error(ErrorCode.UNKNOWN_KEY_IDENTIFIER, "TXA", 13,
                            "a replacement (T10) names the document it replaces in TXA-13; no such document from the sending facility");
                }
                if (id == null) {
                    throw AdtProblem.error(ErrorCode.UNKNOWN_KEY_IDENTIFIER, "TXA", 12,
                            "no document with this number (nor with the parent number of TXA-13) from the sending facility");
                }
                ClinicalDocument stored = owned(id, patient);
                Document d = document(m, txa, segments, h, stored.text());
                long documentId = id;
                try {
                    AdtApplier.chart(() -> documents.revise(documentId, new DocumentRevision(d.type(), d.title(),
                            d.author(), d.text(), d.status(), d.signedBy(), d.signedAt())), "TXA", 17);
                } catch (IllegalStateException e) {
                    // cancelled by its source, or destroyed under its retention schedule
                    throw AdtProblem.error(ErrorCode.APPLICATION_RECORD_LOCKED, "TXA", 12, e.getMessage());
                }
                remember(facility, number, id);
            }
            case "T11" -> {
                long id = known.orElseThrow(() -> AdtProblem.error(ErrorCode.UNKNOWN_KEY_IDENTIFIER, "TXA", 12,
                        "no document with this number from the sending facility"));
                owned(id, patient);
                try {
                    documents.cancel(id);
                } catch (IllegalStateException e) {
                    throw AdtProblem.error(ErrorCode.APPLICATION_RECORD_LOCKED, "TXA", 12, "the document is signed"
                            + " and part of the legal health record: it cannot be cancelled, only amended (T08)");
                }
            }
            default -> throw new IllegalStateException("unreachable");
        }
        return patient;
    }

    /**
     * T06: an addendum is a document of its own (TXA-12) added to the one of TXA-13, filed in the
     * same encounter and titled after it unless TXA-2 names it; the original is not changed. A
     * resend of the same addendum files nothing; another content under its number is an AE.
     */
    private void addendum(AdtFields m, Segment txa, List<Segment> segments, Hl7Header h, String facility, String number,
                          Optional<Long> known, long patient) {
        String parentNumber = documentNumber(txa, 13);
        Long parentId = parentNumber == null ? null : find(facility, parentNumber).orElse(null);
        if (parentId == null) {
            throw AdtProblem.error(ErrorCode.UNKNOWN_KEY_IDENTIFIER, "TXA", 13, "an addendum (T06) names the document it"
                    + " adds to in TXA-13; no such document from the sending facility");
        }
        if (parentNumber.equals(number) || known.filter(parentId::equals).isPresent()) {
            throw AdtProblem.error(ErrorCode.DUPLICATE_KEY_IDENTIFIER, "TXA", 12, "an addendum has a document number"
                    + " of its own (TXA-12), not its original's (TXA-13)");
        }
        ClinicalDocument original = owned(parentId, patient);
        if (original.status() == DocumentStatus.CANCELLED) {
            throw AdtProblem.error(ErrorCode.APPLICATION_RECORD_LOCKED, "TXA", 13, "the original was cancelled by its source");
        }
        Document d = document(m, txa, segments, h, null);
        if (known.isPresent()) {
            filedAlready(known.get(), patient, d, "an addendum");
            return; // the same addendum again under another control id: filed once
        }
        String named = Hl7Segments.get(txa, 2, 2);
        String title = clip(named != null && named.toLowerCase(java.util.Locale.ROOT).contains("addend") ? named
                : "Addendum to " + (original.title() == null ? original.type().title() : original.title()), 200);
        long id = AdtApplier.chart(() -> chart.fileAll(List.of(new NewDocument(patient, original.encounterId(), d.type(),
                title, d.author(), d.text(), d.status(), d.createdAt(), d.signedBy(), d.signedAt()))).get(0), "TXA", 12);
        remember(facility, number, id);
    }

    /** A resend of what is filed under this number is accepted; other content under it is an AE. */
    private void filedAlready(long documentId, long patient, Document d, String what) {
        ClinicalDocument stored = owned(documentId, patient);
        if (!stored.text().equals(d.text()) || stored.status() != d.status()) {
            throw AdtProblem.error(ErrorCode.DUPLICATE_KEY_IDENTIFIER, "TXA", 12, what + " with this number was filed"
                    + " already; a change to it is sent as an edit (T08) or status change (T04)");
        }
    }

    /** A document as the message states it. */
    record Document(DocumentType type, String title, String author, String text, DocumentStatus status,
                    Instant createdAt, String signedBy, Instant signedAt) {
    }

    /** The document of TXA and OBX; {@code currentText} stands in for a status change sent without its content. */
    Document document(AdtFields m, Segment txa, List<Segment> segments, Hl7Header h, String currentText) {
        DocumentType type = type(Hl7Segments.get(txa, 2, 1), Hl7Segments.get(txa, 2, 3));
        String title = clip(Hl7Segments.get(txa, 2, 2), 200);
        DocumentStatus status = status(Hl7Segments.get(txa, 17));
        String author = firstPerson(txa, 9, 5);
        if (author == null) {
            author = h.sendingApplication().isEmpty() ? "HL7 v2 MDM" : h.sendingApplication();
        }
        author = clip(author, 200);
        Instant created = Hl7Segments.instant(txa, 6);
        if (created == null) {
            created = Hl7Segments.instant(txa, 4);
        }
        if (created == null) {
            created = m.instant("/MSH-7", "MSH", 7);
        }
        if (created == null) {
            created = clock.instant();
        }
        String text = text(segments);
        if (text == null) {
            if (currentText == null) {
                throw AdtProblem.error(ErrorCode.REQUIRED_FIELD_MISSING, "OBX", 5,
                        "no text content: the document's text is sent in OBX-5 as TX, FT or ST");
            }
            text = currentText;
        }
        String signedBy = null;
        Instant signedAt = null;
        if (status == DocumentStatus.SIGNED) {
            signedBy = clip(Optional.ofNullable(Hl7Segments.person(txa, 22, 0)).orElse(Optional.ofNullable(
                    Hl7Segments.person(txa, 10, 0)).orElse(author)), 200);
            signedAt = Hl7Segments.instant(txa, 22, 15);
            if (signedAt == null && Hl7Segments.reps(txa, 8) > 0) {
                signedAt = Hl7Segments.instant(txa, 8);
            }
            if (signedAt == null) {
                signedAt = created;
            }
        }
        return new Document(type, title, author, text, status, created, signedBy, signedAt);
    }

    /** The OBX-5 text lines of every OBX of type TX, FT or ST, in order; null when there is none. */
    static String text(List<Segment> segments) {
        StringBuilder text = new StringBuilder();
        boolean any = false;
        for (Segment obx : Hl7Segments.named(segments, "OBX")) {
            String type = Hl7Segments.get(obx, 2);
            if (type != null && !List.of("TX", "FT", "ST").contains(type)) {
                continue;
            }
            for (int rep = 0; rep < Math.max(1, Hl7Segments.reps(obx, 5)); rep++) {
                String line = Hl7Segments.get(obx, 5, rep, 1, 1);
                if (any) {
                    text.append('\n');
                }
                text.append(line == null ? "" : line);
                any = true;
            }
        }
        String t = text.toString();
        return t.isBlank() ? null : t;
    }

    /** TXA-17 document completion status (HL7 table 0271) as the chart's document status. */
    static DocumentStatus status(String code) {
        if (code == null) {
            throw AdtProblem.error(ErrorCode.REQUIRED_FIELD_MISSING, "TXA", 17, "the document completion status is required");
        }
        return switch (code) {
            case "DI", "IP", "IN" -> DocumentStatus.DRAFT;
            case "DO", "PA" -> DocumentStatus.UNSIGNED;
            case "AU", "LA" -> DocumentStatus.SIGNED;
            default -> throw AdtProblem.error(ErrorCode.TABLE_VALUE_NOT_FOUND, "TXA", 17, "completion status "
                    + AdtApplier.sanitize(code) + " is not one of DI, IP, IN, DO, PA, AU, LA (HL7 table 0271)");
        };
    }

    /** TXA-2 document type: HL7 table 0270 codes, or a LOINC document code the chart files. */
    static DocumentType type(String code, String system) {
        if (code == null) {
            throw AdtProblem.error(ErrorCode.REQUIRED_FIELD_MISSING, "TXA", 2, "the document type is required");
        }
        for (DocumentType t : DocumentType.values()) {
            if (t.loinc().equals(code)) {
                return t;
            }
        }
        return switch (code) {
            case "DS" -> DocumentType.DISCHARGE_SUMMARY;
            case "HP", "PH" -> DocumentType.HISTORY_AND_PHYSICAL;
            case "OP" -> DocumentType.OPERATIVE_REPORT;
            case "PN", "PR" -> DocumentType.PROGRESS_NOTE;
            case "CN", "PC" -> DocumentType.CONSULT_NOTE;
            default -> throw AdtProblem.error(ErrorCode.TABLE_VALUE_NOT_FOUND, "TXA", 2, "document type "
                    + AdtApplier.sanitize(code) + " is not one the chart files (DS, HP, PH, OP, PN, PR, CN, PC or the"
                    + " LOINC codes of " + java.util.Arrays.stream(DocumentType.values()).map(DocumentType::loinc).toList() + ")");
        };
    }

    /** TXA-12 or TXA-13 (EI): "number" or "number^namespace"; an AE when longer than the index takes. */
    private static String documentNumber(Segment txa, int field) {
        String id = Hl7Segments.get(txa, field, 1);
        if (id == null) {
            return null;
        }
        String ns = Hl7Segments.get(txa, field, 2);
        String number = ns == null ? id : id + "^" + ns;
        if (number.length() > MllpSettings.MAX_HEADER_FIELD) {
            throw AdtProblem.error(ErrorCode.DATA_TYPE_ERROR, "TXA", field, "the document number is longer than "
                    + MllpSettings.MAX_HEADER_FIELD + " characters");
        }
        return number;
    }

    private static String firstPerson(Segment txa, int... fields) {
        for (int f : fields) {
            String p = Hl7Segments.person(txa, f, 0);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private Optional<Long> find(String facility, String number) {
        return jdbc.sql("select document_id from hl7_document where sending_facility = ? and document_number = ?")
                .params(facility, number).query(Long.class).optional();
    }

    private void remember(String facility, String number, long documentId) {
        jdbc.sql("""
                        insert into hl7_document (sending_facility, document_number, document_id) values (?, ?, ?)
                        on conflict do nothing""")
                .params(facility, number, documentId).update();
    }

    /** The stored document, which must be this patient's (a number of another patient's document is refused). */
    private ClinicalDocument owned(long documentId, long patient) {
        ClinicalDocument d = chart.document(documentId);
        if (d.patientId() != patient) {
            throw AdtProblem.error(ErrorCode.UNKNOWN_KEY_IDENTIFIER, "TXA", 12,
                    "the document with this number belongs to another patient");
        }
        return d;
    }

    /** The PV1-19 visit when it is this patient's; a document is filed without a visit otherwise. */
    private Long encounter(AdtFields m, long patient) {
        String visit = m.get("/.PV1-19-1");
        if (visit == null) {
            return null;
        }
        Optional<EncounterState> e = encounters.byNumber(visit);
        return e.isPresent() && e.get().patientId() == patient ? e.get().id() : null;
    }

    private static String clip(String v, int max) {
        return v == null || v.length() <= max ? v : v.substring(0, max);
    }
}
