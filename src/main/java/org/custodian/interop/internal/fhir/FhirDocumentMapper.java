package org.custodian.interop.internal.fhir;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentType;
import org.custodian.chart.NewDocument;
import org.custodian.interop.internal.fhir.BundleIndex.Ref;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * DocumentReference, and DiagnosticReport with a presentedForm → clinical documents of the
 * chart: the patient (required), the encounter, the author, the attachment's text (the data
 * itself; a url is not fetched), the date, the LOINC document type, and whether it is signed.
 */
@Component
class FhirDocumentMapper {

    private static final String LOINC = "http://loinc.org";
    private static final String UNKNOWN_AUTHOR = "Unknown (source system)";

    private final BundleEntryValidator validator;

    FhirDocumentMapper(BundleEntryValidator validator) {
        this.validator = validator;
    }

    void documentReference(BundleIndex index, ImportPlan plan, int i, DocumentReference d) {
        Ref patient = index.required(i, "DocumentReference", "subject", d.getSubject(), "Patient");
        Ref encounter = null;
        for (int e = 0; e < d.getContext().getEncounter().size(); e++) {
            Ref r = index.resolve(i, "DocumentReference", "context.encounter[" + e + "]", d.getContext().getEncounter().get(e), "Encounter");
            encounter = encounter == null ? r : encounter;
        }
        String author = author(index, i, "DocumentReference", "author", d.getAuthor());
        if (!d.hasContent() || !d.getContentFirstRep().hasAttachment()) {
            throw BundleRejected.entry(i, "DocumentReference", "content", IssueType.REQUIRED, "an attachment is required");
        }
        String text = attachmentText(i, "DocumentReference", "content[0].attachment", d.getContentFirstRep().getAttachment());
        Instant created = d.hasDate() ? d.getDate().toInstant()
                : d.getContext().hasPeriod() && d.getContext().getPeriod().hasStart() ? d.getContext().getPeriod().getStart().toInstant()
                : null;
        if (created == null) {
            throw BundleRejected.entry(i, "DocumentReference", "date", IssueType.REQUIRED, "the date of the document is required");
        }
        boolean preliminary = d.hasDocStatus() && d.getDocStatus() == DocumentReference.ReferredDocumentStatus.PRELIMINARY;
        document(plan, i, "DocumentReference", d.getType(), author, text, created, preliminary, patient, encounter);
        // Synthea sends each note twice: as a DiagnosticReport and as a DocumentReference naming it.
        for (Identifier identifier : d.getIdentifier()) {
            Integer report = identifier.hasValue() ? index.entryOfFullUrl(identifier.getValue()) : null;
            if (report != null && index.resource(report) instanceof DiagnosticReport) {
                plan.sameDocument(report, i);
            }
        }
    }

    void diagnosticReport(BundleIndex index, ImportPlan plan, int i, DiagnosticReport d) {
        Ref patient = index.required(i, "DiagnosticReport", "subject", d.getSubject(), "Patient");
        Ref encounter = index.resolve(i, "DiagnosticReport", "encounter", d.getEncounter(), "Encounter");
        String author = author(index, i, "DiagnosticReport", "performer", d.getPerformer());
        String text = attachmentText(i, "DiagnosticReport", "presentedForm[0]", d.getPresentedFormFirstRep());
        Instant created = d.hasIssued() ? d.getIssued().toInstant()
                : d.hasEffectiveDateTimeType() ? d.getEffectiveDateTimeType().getValue().toInstant() : null;
        if (created == null) {
            throw BundleRejected.entry(i, "DiagnosticReport", "issued", IssueType.REQUIRED, "issued or effective[x] is required");
        }
        boolean preliminary = d.getStatus() == DiagnosticReport.DiagnosticReportStatus.PRELIMINARY
                || d.getStatus() == DiagnosticReport.DiagnosticReportStatus.PARTIAL;
        document(plan, i, "DiagnosticReport", d.getCode(), author, text, created, preliminary, patient, encounter);
    }

    /** The first practitioner's name (or the first author's display); every reference must resolve. */
    private static String author(BundleIndex index, int i, String type, String path, List<Reference> authors) {
        String author = null;
        for (int a = 0; a < authors.size(); a++) {
            Ref who = index.resolve(i, type, path + "[" + a + "]", authors.get(a), "Practitioner", "Organization");
            if (author == null) {
                if (who != null && who.type().equals("Practitioner")) {
                    author = index.practitionerName(who);
                } else if (authors.get(a).hasDisplay()) {
                    author = authors.get(a).getDisplay();
                }
            }
        }
        return author == null || author.isBlank() ? UNKNOWN_AUTHOR : FhirText.truncate(author, 200);
    }

    private static String attachmentText(int i, String type, String path, Attachment attachment) {
        String contentType = attachment.hasContentType() ? attachment.getContentType().toLowerCase() : "text/plain";
        if (!attachment.hasData()) {
            throw BundleRejected.entry(i, type, path + ".data", IssueType.REQUIRED,
                    "the attachment's data is required (a url alone is not fetched)");
        }
        byte[] data = attachment.getData();
        if (!contentType.startsWith("text/")) {
            return "[" + contentType + " attachment of " + data.length + " bytes; not shown as text]";
        }
        String text = new String(data, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw BundleRejected.entry(i, type, path + ".data", IssueType.REQUIRED, "the attachment is empty");
        }
        return text;
    }

    private void document(ImportPlan plan, int i, String type, CodeableConcept code, String author, String text, Instant created,
                          boolean preliminary, Ref patient, Ref encounter) {
        DocumentType documentType = DocumentType.PROGRESS_NOTE;
        String title = null;
        for (Coding c : code.getCoding()) {
            if (LOINC.equals(c.getSystem())) {
                for (DocumentType t : DocumentType.values()) {
                    if (t.loinc().equals(c.getCode())) {
                        documentType = t;
                        title = c.getDisplay();
                        break;
                    }
                }
                if (title != null) {
                    break;
                }
            }
        }
        if (title == null) {
            title = FhirText.text(code);
        }
        // A document the source sends as final is authenticated there; a preliminary one awaits signature.
        NewDocument document = new NewDocument(0, null, documentType, FhirText.truncate(title, 200), author, text,
                preliminary ? DocumentStatus.UNSIGNED : DocumentStatus.SIGNED, created,
                preliminary ? null : author, preliminary ? null : created);
        validator.validate(i, type, document);
        plan.document(i, document, patient, encounter);
    }
}
