package org.custodian.disclosure.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.custodian.chart.ClinicalDocument;
import org.custodian.chart.RecordCategory;
import org.custodian.chart.RecordEntry;
import org.custodian.disclosure.AccountingEntry;
import org.custodian.disclosure.DisclosureRelease;
import org.custodian.disclosure.DisclosureRequest;
import org.custodian.disclosure.RequesterType;
import org.custodian.patient.Patient;
import org.custodian.web.Fmt;

/**
 * The PDF packet of a release: a cover letter (what was asked, what is enclosed, what was withheld
 * and why, the invoice line), the released documents each starting on a new page with any statement
 * of disagreement attached to it (45 CFR 164.526(d)(4)), and for subpoenas and court orders a
 * certification of records signed by the custodian of records. Every page carries the request number
 * as a watermark and in its footer with "Page i of n". Also the patient's accounting report.
 */
final class PacketWriter {


    private PacketWriter() {
    }

    record Document(ClinicalDocument document, String encounterNumber, List<String> statements) {
    }

    static byte[] packet(DisclosureSettings settings, DisclosureRequest r, Patient patient, List<Document> documents,
                         List<RecordEntry> entries, List<DisclosureRelease.Withheld> withheld, DisclosureRelease.InvoiceLine invoice,
                         String releasedBy, Instant releasedAt) {
        try (PdfComposer pdf = new PdfComposer("Release of information " + r.requestNumber(), settings.getFacility(), releasedAt)) {
            LocalDate today = LocalDate.ofInstant(releasedAt, Fmt.zone());
            pdf.strong(settings.getFacility());
            pdf.text("Health Information Management · Release of Information");
            pdf.space(12);
            pdf.text(Fmt.date(today));
            pdf.space(8);
            pdf.text(r.requesterName());
            if (r.requesterAddress() != null && !r.requesterAddress().isBlank()) {
                pdf.text(r.requesterAddress());
            }
            pdf.space(12);
            pdf.title("Release of information — request " + r.requestNumber());
            pdf.label("Patient", patient.displayName() + ", MRN " + patient.mrn() + ", born " + Fmt.date(patient.birthDate()));
            pdf.label("Requester", r.requesterName() + " (" + r.requesterType().label() + ")");
            pdf.label("Purpose", r.purpose());
            pdf.label("Received", Fmt.date(r.receivedOn()));
            pdf.label("Records asked for", scope(r));
            pdf.label("Delivery", r.delivery().label());
            pdf.space(6);
            pdf.text("Enclosed are copies of the health records described below, released in response to your request. "
                    + "This information has been disclosed to you from records protected by federal and state confidentiality "
                    + "rules. Further use or disclosure may be prohibited without the written consent of the person to whom it pertains.");
            if (r.requesterType() != RequesterType.PATIENT && r.requesterType() != RequesterType.PERSONAL_REPRESENTATIVE
                    && documents.stream().anyMatch(d -> d.document() != null)) {
                pdf.space(4);
                pdf.text("Records of substance use disorder treatment, where enclosed, are protected by 42 CFR Part 2; "
                        + "the federal rules restrict any use of the information to investigate or prosecute the patient (42 CFR 2.32).");
            }
            pdf.heading("Released documents (" + documents.size() + ")");
            if (documents.isEmpty()) {
                pdf.text("None.");
            }
            for (Document d : documents) {
                ClinicalDocument c = d.document();
                pdf.text("• " + c.title() + " — " + c.type().title() + ", " + Fmt.dateTime(c.createdAt())
                        + (d.encounterNumber() == null ? "" : ", encounter " + d.encounterNumber()));
            }
            if (!r.recordCategories().isEmpty()) {
                pdf.heading("Released from the clinical record (" + entries.size() + " entries)");
                for (RecordCategory c : sorted(r.recordCategories())) {
                    long n = entries.stream().filter(e -> e.category() == c).count();
                    pdf.text("• " + c.label() + ": " + (n == 0 ? "none on record" + (dated(r) ? " in the dates asked for" : "") : n + " entries"));
                }
            }
            pdf.heading("Withheld (" + withheld.size() + ")");
            if (withheld.isEmpty()) {
                pdf.text("Nothing within the request was withheld.");
            }
            long entriesWithheld = 0;
            for (DisclosureRelease.Withheld w : withheld) {
                if (w.documentId() < 0) {
                    entriesWithheld++; // a kept clinical resource (negative id): named only in the hospital's record
                    continue;
                }
                pdf.text("• " + w.title() + " (document " + w.documentId() + ") — " + w.reason());
            }
            if (entriesWithheld > 0) {
                // What a withheld diagnosis, medication or result is would tell what is withheld (42 CFR 2.13):
                // the recipient reads only how many, the hospital's release record names each and why.
                pdf.text("• " + entriesWithheld + " entries of the clinical record, withheld under federal or state"
                        + " confidentiality law: the authorization does not name their category specifically.");
            }
            pdf.heading("Invoice");
            pdf.text(invoice.description() + ": " + Fees.money(invoice.amountCents()) + " (" + invoice.basis() + ")");
            pdf.space(10);
            pdf.text("Released by " + releasedBy + " on " + Fmt.dateTime(releasedAt) + ".");

            for (Document d : documents) {
                ClinicalDocument c = d.document();
                pdf.newPage();
                pdf.title(c.title());
                pdf.label("Document type", c.type().title() + " (LOINC " + c.loincCode() + ")");
                pdf.label("Author", c.author());
                pdf.label("Created", Fmt.dateTime(c.createdAt()));
                pdf.label("Encounter", d.encounterNumber());
                pdf.label("Status", c.status().name().toLowerCase() + (c.signedBy() == null ? ""
                        : ", signed by " + c.signedBy() + " " + Fmt.dateTime(c.signedAt())));
                pdf.space(8);
                pdf.text(c.text());
                for (String statement : d.statements()) {
                    pdf.heading("Statement of disagreement and rebuttal (45 CFR 164.526(d)(4))");
                    pdf.text(statement);
                }
            }

            for (RecordCategory c : sorted(r.recordCategories())) {
                List<RecordEntry> mine = entries.stream().filter(e -> e.category() == c).toList();
                if (mine.isEmpty()) {
                    continue;
                }
                pdf.newPage();
                pdf.title(c.label());
                pdf.label("Patient", patient.displayName() + ", MRN " + patient.mrn());
                pdf.label("Entries", mine.size() + (dated(r) ? ", of services " + (r.dateFrom() == null ? "up" : "from " + Fmt.date(r.dateFrom()))
                        + (r.dateTo() == null ? "" : " to " + Fmt.date(r.dateTo())) : ", all on record"));
                pdf.space(6);
                pdf.row(COLUMNS, HEADER, true);
                for (RecordEntry e : mine) {
                    pdf.row(COLUMNS, new String[] {e.when() == null ? "—" : Fmt.date(e.when()), e.what(), e.value(), e.detail(),
                            e.status()}, false);
                }
            }

            if (r.legalProcess().any()) {
                pdf.newPage();
                pdf.title("Certification of records");
                pdf.text("I, the undersigned, am the " + settings.getCustodianOfRecords() + " of " + settings.getFacility()
                        + ", or a person duly authorized to certify its records. I certify that the enclosed "
                        + documents.size() + " document(s), released under request " + r.requestNumber() + " for "
                        + patient.displayName() + " (MRN " + patient.mrn() + "), are true and complete copies of the records"
                        + " described, made at or near the time of the acts and events recorded by persons with knowledge of them,"
                        + " kept in the regular course of business, and that it is the regular practice of the facility to make such records."
                        + (withheld.isEmpty() ? "" : " Records withheld under federal or state confidentiality law are listed in the cover letter."));
                pdf.space(20);
                pdf.text("Signed: " + releasedBy + ", for the " + settings.getCustodianOfRecords());
                pdf.text("Date: " + Fmt.date(today));
                pdf.text("Legal process: " + (r.legalProcess().courtOrder() ? "court order" : "subpoena")
                        + (r.legalProcess().satisfactoryAssurance() ? ", with satisfactory assurance (45 CFR 164.512(e)(1)(ii))" : ""));
            }
            return pdf.finish(settings.getFacility() + " · Request " + r.requestNumber() + " · Confidential",
                    r.requestNumber());
        }
    }

    static byte[] accounting(DisclosureSettings settings, Patient patient, List<AccountingEntry> entries, LocalDate from,
                             Instant now) {
        try (PdfComposer pdf = new PdfComposer("Accounting of disclosures", settings.getFacility(), now)) {
            pdf.strong(settings.getFacility());
            pdf.title("Accounting of disclosures");
            pdf.label("Patient", patient.displayName() + ", MRN " + patient.mrn() + ", born " + Fmt.date(patient.birthDate()));
            pdf.label("Period", Fmt.date(from) + " to " + Fmt.date(now));
            pdf.space(6);
            pdf.text("Under 45 CFR 164.528 you may receive an accounting of the disclosures of your health information made in the "
                    + "six years before your request. Disclosures for treatment, payment and health care operations, to you, "
                    + "and under your authorization are not listed (45 CFR 164.528(a)(1)).");
            pdf.heading("Disclosures (" + entries.size() + ")");
            if (entries.isEmpty()) {
                pdf.text("No disclosures subject to accounting were made in this period.");
            }
            for (AccountingEntry e : entries) {
                pdf.strong(Fmt.date(e.disclosedAt()) + " — " + e.recipient());
                if (e.recipientAddress() != null && !e.recipientAddress().isBlank()) {
                    pdf.text("Address: " + e.recipientAddress());
                }
                pdf.text("What was disclosed: " + e.description());
                pdf.text("Purpose: " + e.purpose());
                pdf.space(4);
            }
            return pdf.finish(settings.getFacility() + " · Accounting of disclosures · MRN " + patient.mrn(), "ACCOUNTING");
        }
    }

    private static final float[] COLUMNS = {0.13f, 0.40f, 0.19f, 0.15f, 0.13f};
    private static final String[] HEADER = {"Date", "What", "Value", "Detail", "Status"};

    private static List<RecordCategory> sorted(java.util.Set<RecordCategory> categories) {
        return categories.stream().sorted().toList();
    }

    private static boolean dated(DisclosureRequest r) {
        return r.dateFrom() != null || r.dateTo() != null;
    }

    /** "Laboratory results 42, Medications 7": what of the clinical record a release enclosed; empty when none was asked for. */
    static String sections(java.util.Set<RecordCategory> asked, List<RecordEntry> entries) {
        return String.join(", ", sorted(asked).stream()
                .map(c -> c.label() + " " + entries.stream().filter(e -> e.category() == c).count()).toList());
    }

    static String scope(DisclosureRequest r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.documentTypes().isEmpty() ? "all document types"
                : String.join(", ", r.documentTypes().stream().map(t -> t.title()).sorted().toList()));
        if (!r.recordCategories().isEmpty()) {
            sb.append("; ").append(String.join(", ", sorted(r.recordCategories()).stream().map(c -> c.label().toLowerCase()).toList()));
        }
        if (r.dateFrom() != null || r.dateTo() != null) {
            sb.append(", services ").append(r.dateFrom() == null ? "up" : "from " + Fmt.date(r.dateFrom()))
                    .append(r.dateTo() == null ? "" : " to " + Fmt.date(r.dateTo()));
        }
        if (!r.encounterIds().isEmpty()) {
            sb.append(", ").append(r.encounterIds().size()).append(" encounter(s)");
        }
        return sb.toString();
    }
}
