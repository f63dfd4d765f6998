package org.custodian.completion.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.custodian.completion.EscalationStep;

/** A dated escalation letter (reminder, notice to the chair, suspension) as a one-page PDF. No patient names: record counts only. */
final class LetterPdf {

    private static final float MARGIN = 72;
    private static final float LEADING = 15;

    private LetterPdf() {
    }

    static byte[] render(EscalationStep step, LocalDate date, String practitioner, String department, int open, int oldestDays,
                         int delinquentDays, int suspensionDay) {
        List<String> lines = new ArrayList<>();
        lines.add("Health Information Management - Record completion");
        lines.add(date.format(DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US)));
        lines.add("");
        lines.add("To: " + practitioner + (department == null ? "" : " (" + department + ")"));
        lines.add("Re: " + step.title());
        lines.add("");
        lines.add("You have " + open + " incomplete medical record deficiencies; the oldest is " + oldestDays
                + " days after the patient's discharge.");
        lines.add("The medical staff bylaws require records to be complete within " + delinquentDays
                + " days of discharge (42 CFR 482.24(c)(4)(viii)).");
        switch (step) {
            case REMINDER -> lines.add("Please complete them from your inbox, 'My charts to complete', before they become delinquent.");
            case CHAIR_NOTICE -> {
                lines.add("Your records are delinquent. A copy of this notice goes to the chair of your department.");
                lines.add("Admitting and scheduling privileges are suspended at day " + suspensionDay + " if they remain incomplete.");
            }
            case SUSPENSION -> {
                lines.add("Under the bylaws your admitting and scheduling privileges are suspended from this date.");
                lines.add("The suspension is lifted when your delinquent records are complete.");
            }
        }
        lines.add("");
        lines.add("Director, Health Information Management");
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.getDocumentInformation().setTitle(step.title() + " " + date);
            doc.getDocumentInformation().setCreator("Custodian");
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDPage page = new PDPage(PDRectangle.LETTER);
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(regular, 11);
                content.newLineAtOffset(MARGIN, page.getMediaBox().getHeight() - MARGIN);
                for (String line : lines) {
                    for (String part : wrap(ascii(line), 95)) {
                        content.showText(part);
                        content.newLineAtOffset(0, -LEADING);
                    }
                }
                content.endText();
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String ascii(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("[^\\x20-\\x7E]", "");
    }

    private static List<String> wrap(String s, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : s.split(" ")) {
            if (line.length() + word.length() + 1 > width && line.length() > 0) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        out.add(line.toString());
        return out;
    }
}
