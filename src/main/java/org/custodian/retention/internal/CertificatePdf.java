package org.custodian.retention.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.custodian.web.Fmt;

/**
 * The certificate of destruction as a PDF: what was destroyed (MRN, encounter, record type, dates
 * of service, documents), when, by which method, under which schedule, and who proposed and who
 * approved it. Plain Helvetica on Letter, text only, so it prints and reads back the same.
 */
final class CertificatePdf {

    private static final float MARGIN = 56;
    private static final float LEADING = 14;

    private CertificatePdf() {
    }

    static byte[] render(Destruction d, String certificateNumber, java.time.Instant destroyedAt, String organization) {
        List<String[]> lines = new ArrayList<>(); // {font: "B" bold or "" regular, text}
        lines.add(new String[] {"T", "Certificate of Destruction"});
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"B", "Certificate number: " + certificateNumber});
        lines.add(new String[] {"", "Organization: " + organization});
        lines.add(new String[] {"", "Destroyed on: " + Fmt.dateTime(destroyedAt)});
        lines.add(new String[] {"", "Method: " + d.method().label()});
        lines.add(new String[] {"", "Jurisdiction of the retention schedule: " + d.jurisdiction()});
        lines.add(new String[] {"", "Reason: " + d.reason()});
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"B", "Records destroyed (" + d.items().size() + ")"});
        for (Destruction.Item i : d.items()) {
            lines.add(new String[] {"", "MRN " + i.mrn() + ", visit " + i.encounterNumber() + ", " + org.custodian.web.Words.label(i.recordType()).toLowerCase()
                    + ", service ended " + Fmt.date(i.serviceEnd()) + ", retained until " + Fmt.date(i.retainUntil())
                    + ", " + i.documentCount() + (i.documentCount() == 1 ? " document" : " documents")});
        }
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"B", "Authorization"});
        lines.add(new String[] {"", "Proposed by: " + d.proposedBy() + " on " + Fmt.dateTime(d.proposedAt())});
        for (Destruction.Approval a : d.approvals()) {
            lines.add(new String[] {"", "Approved by: " + a.approvedBy() + " on " + Fmt.dateTime(a.approvedAt())});
        }
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"", "The records above were destroyed in the normal course of business at the end of their"});
        lines.add(new String[] {"", "retention period. No legal hold covered them at the time of destruction. The audit log"});
        lines.add(new String[] {"", "of Custodian keeps the fact of the destruction; the clinical content no longer exists."});

        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("Certificate of Destruction " + certificateNumber);
            info.setCreator("Custodian");
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDPage page = null;
            PDPageContentStream content = null;
            float y = 0;
            int pageNumber = 0;
            float width = PDRectangle.LETTER.getWidth() - 2 * MARGIN;
            List<String[]> wrapped = new ArrayList<>();
            for (String[] line : lines) {
                float size = line[0].equals("T") ? 18 : 10;
                for (String part : wrap(ascii(line[1]), line[0].isEmpty() ? regular : bold, size, width)) {
                    wrapped.add(new String[] {line[0], part});
                }
            }
            for (String[] line : wrapped) {
                if (content == null || y < MARGIN + LEADING) {
                    if (content != null) {
                        content.endText();
                        content.close();
                    }
                    page = new PDPage(PDRectangle.LETTER);
                    doc.addPage(page);
                    pageNumber++;
                    content = new PDPageContentStream(doc, page);
                    content.beginText();
                    y = page.getMediaBox().getHeight() - MARGIN;
                    content.newLineAtOffset(MARGIN, y);
                    if (pageNumber > 1) {
                        content.setFont(regular, 9);
                        content.showText(ascii("Certificate " + certificateNumber + ", page " + pageNumber));
                        content.newLineAtOffset(0, -2 * LEADING);
                        y -= 2 * LEADING;
                    }
                }
                float size = line[0].equals("T") ? 18 : 10;
                content.setFont(line[0].isEmpty() ? regular : bold, size);
                content.showText(line[1]);
                float step = line[0].equals("T") ? 2 * LEADING : LEADING;
                content.newLineAtOffset(0, -step);
                y -= step;
            }
            content.endText();
            content.close();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The standard 14 fonts encode WinAnsi only: anything else becomes '?'. */
    private static String ascii(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 32 && c < 127 ? c : '?');
        }
        return b.toString();
    }

    /** Wraps at blanks so that each line fits the page's width (a long line was cut before, losing its end). */
    static List<String> wrap(String text, PDType1Font font, float size, float width) throws IOException {
        List<String> out = new ArrayList<>();
        String rest = text;
        while (font.getStringWidth(rest) / 1000 * size > width) {
            int cut = rest.length();
            while (cut > 1 && font.getStringWidth(rest.substring(0, cut)) / 1000 * size > width) {
                int blank = rest.lastIndexOf(' ', cut - 1);
                cut = blank > 4 ? blank : cut - 1;
            }
            out.add(rest.substring(0, cut).stripTrailing());
            rest = "    " + rest.substring(cut).stripLeading();
        }
        out.add(rest);
        return out;
    }
}
