package org.custodian.monitoring.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.custodian.monitoring.PrivacyMonitoring.AccessReport;
import org.custodian.monitoring.PrivacyMonitoring.ReportLine;
import org.custodian.web.Fmt;

/** The patient access report as a letter the patient can be given: who opened the record, when, in which role, why. */
final class AccessReportPdf {

    private AccessReportPdf() {
    }

    static byte[] render(AccessReport r, String organization) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"T", "Who viewed your health record"});
        lines.add(new String[] {"", organization});
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"B", "Patient: " + r.patientName() + "  MRN " + r.mrn()});
        lines.add(new String[] {"", "Period: " + Fmt.dateTime(r.from()) + " to " + Fmt.dateTime(r.to())});
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"", "Each line names a member of our workforce who opened your record in this period, their role,"});
        lines.add(new String[] {"", "when, how many times, and the work that gave them a reason to. Disclosures to people outside"});
        lines.add(new String[] {"", "our organization are listed in your accounting of disclosures (45 CFR 164.528): "
                + r.accountingOfDisclosures()});
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"B", "Accesses (" + r.lines().size() + " users)"});
        if (r.lines().isEmpty()) {
            lines.add(new String[] {"", "No one opened the record in this period."});
        }
        for (ReportLine l : r.lines()) {
            lines.add(new String[] {"B", l.user() + " (" + (l.roles().isEmpty() ? "no role" : l.roles().replace(",", ", ")) + ")"});
            lines.add(new String[] {"", "  " + l.accesses() + (l.accesses() == 1 ? " access, " : " accesses, ") + Fmt.dateTime(l.firstAt())
                    + (l.accesses() > 1 ? " to " + Fmt.dateTime(l.lastAt()) : "")});
            lines.add(new String[] {"", "  Reason: " + l.reason()});
        }
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"", "If you believe someone opened your record without a reason, contact our privacy officer."});
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.getDocumentInformation().setTitle("Patient access report");
            doc.getDocumentInformation().setCreator("Custodian");
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            float margin = 56;
            float leading = 14;
            PDPageContentStream content = null;
            float y = 0;
            for (String[] line : lines) {
                for (String part : wrap(ascii(line[1]), line[0].equals("T") ? 50 : 100)) {
                    if (content == null || y < margin + leading) {
                        if (content != null) {
                            content.endText();
                            content.close();
                        }
                        PDPage page = new PDPage(PDRectangle.LETTER);
                        doc.addPage(page);
                        content = new PDPageContentStream(doc, page);
                        content.beginText();
                        y = PDRectangle.LETTER.getHeight() - margin;
                        content.newLineAtOffset(margin, y);
                    }
                    content.setFont(line[0].isEmpty() ? regular : bold, line[0].equals("T") ? 16 : 10);
                    content.showText(part);
                    content.newLineAtOffset(0, -leading);
                    y -= leading;
                }
            }
            content.endText();
            content.close();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        String rest = text;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            if (cut <= 0) {
                cut = width;
            }
            out.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        out.add(rest);
        return out;
    }

    /** WinAnsi has no glyph for most of Unicode: accents are dropped, the rest becomes '?'. */
    private static String ascii(String s) {
        String n = Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        StringBuilder b = new StringBuilder(n.length());
        for (char c : n.toCharArray()) {
            b.append(c >= 32 && c < 127 ? c : c == '\u2014' || c == '\u2013' ? '-' : c == '\u00b7' ? '.' : '?');
        }
        return b.toString();
    }
}
