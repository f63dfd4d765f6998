package org.custodian.disclosure.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.util.Matrix;

/**
 * A small text layout for the packets and reports: US Letter pages, wrapped paragraphs, then a
 * footer with page numbers and a watermark stamped on every page.
 *
 * <p>PDF/A-friendly choices: fonts are embedded (subset TrueType from the system, DejaVu Sans or
 * Liberation Sans as Debian ships them) so a court clerk's viewer shows the same glyphs; grey instead of
 * transparency for the watermark (PDF/A-1 forbids transparency); no encryption, no JavaScript. When no
 * TrueType font is installed, the packet falls back to the standard Helvetica, which is not embedded:
 * {@link #embeddedFonts()} says which happened. XMP metadata and an ICC output intent, which full PDF/A
 * conformance needs, are not written.
 */
final class PdfComposer implements AutoCloseable {

    static final List<Path[]> FONT_CANDIDATES = List.of(
            new Path[] {Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
                    Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")},
            new Path[] {Path.of("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
                    Path.of("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf")});

    private static final float MARGIN = 72;
    private static final float TOP = PDRectangle.LETTER.getHeight() - MARGIN;
    private static final float BOTTOM = MARGIN;
    private static final float WIDTH = PDRectangle.LETTER.getWidth() - 2 * MARGIN;

    private final PDDocument doc = new PDDocument();
    private final PDFont regular;
    private final PDFont bold;
    private final boolean embedded;
    private PDPageContentStream cs;
    private float y;

    PdfComposer(String title, String author, java.time.Instant created) {
        PDFont r = null;
        PDFont b = null;
        for (Path[] pair : FONT_CANDIDATES) {
            if (Files.isReadable(pair[0]) && Files.isReadable(pair[1])) {
                try {
                    r = PDType0Font.load(doc, pair[0].toFile());
                    b = PDType0Font.load(doc, pair[1].toFile());
                    break;
                } catch (IOException e) {
                    r = null;
                }
            }
        }
        embedded = r != null;
        regular = embedded ? r : new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        bold = embedded ? b : new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        var info = doc.getDocumentInformation();
        info.setTitle(title);
        info.setAuthor(author);
        info.setCreator("Custodian");
        Calendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        c.setTimeInMillis(created.toEpochMilli());
        info.setCreationDate(c);
        newPage();
    }

    boolean embeddedFonts() {
        return embedded;
    }

    void newPage() {
        try {
            if (cs != null) {
                cs.close();
            }
            PDPage page = new PDPage(PDRectangle.LETTER);
            doc.addPage(page);
            cs = new PDPageContentStream(doc, page);
            cs.setNonStrokingColor(0f); // body text in black, whatever comes before it
            y = TOP;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void title(String text) {
        line(text, bold, 16, 22);
        space(4);
    }

    void heading(String text) {
        ensure(40);
        space(6);
        line(text, bold, 12, 17);
    }

    void label(String label, String value) {
        paragraph(label + ": " + (value == null || value.isBlank() ? "—" : value), regular, 10, 13);
    }

    void text(String text) {
        paragraph(text, regular, 10, 13);
    }

    void strong(String text) {
        paragraph(text, bold, 10, 13);
    }

    void space(float points) {
        y -= points;
    }

    private void ensure(float points) {
        if (y - points < BOTTOM) {
            newPage();
        }
    }

    /** Wraps on blanks at the page width; keeps the text's own line breaks. */
    private void paragraph(String text, PDFont font, float size, float leading) {
        for (String raw : (text == null ? "" : text).split("\r?\n", -1)) {
            String rest = clean(raw, font);
            if (rest.isEmpty()) {
                space(leading);
                continue;
            }
            while (!rest.isEmpty()) {
                int fit = fit(rest, font, size);
                line(rest.substring(0, fit).stripTrailing(), font, size, leading);
                rest = rest.substring(fit).stripLeading();
            }
        }
    }

    /**
     * A table row: each cell wrapped within its column ({@code fractions} of the page width), the
     * row kept on one page, a rule under a header row.
     */
    void row(float[] fractions, String[] cells, boolean header) {
        PDFont font = header ? bold : regular;
        float size = 9;
        float leading = 11.5f;
        List<List<String>> wrapped = new java.util.ArrayList<>();
        int lines = 1;
        for (int c = 0; c < cells.length; c++) {
            float w = WIDTH * fractions[c] - 6;
            List<String> cellLines = new java.util.ArrayList<>();
            String rest = clean(cells[c] == null ? "" : cells[c].replaceAll("\\s+", " ").strip(), font);
            while (!rest.isEmpty()) {
                int fit = fit(rest, font, size, w);
                cellLines.add(rest.substring(0, fit).stripTrailing());
                rest = rest.substring(fit).stripLeading();
            }
            wrapped.add(cellLines);
            lines = Math.max(lines, cellLines.size());
        }
        ensure(lines * leading + 4);
        try {
            float x = MARGIN;
            for (int c = 0; c < cells.length; c++) {
                float lineY = y;
                for (String l : wrapped.get(c)) {
                    lineY -= leading;
                    cs.beginText();
                    cs.setFont(font, size);
                    cs.newLineAtOffset(x, lineY);
                    cs.showText(l);
                    cs.endText();
                }
                x += WIDTH * fractions[c];
            }
            y -= lines * leading + 3;
            if (header) {
                cs.setLineWidth(0.5f);
                cs.moveTo(MARGIN, y + 1);
                cs.lineTo(MARGIN + WIDTH, y + 1);
                cs.stroke();
                y -= 2;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int fit(String s, PDFont font, float size) {
        return fit(s, font, size, WIDTH);
    }

    private int fit(String s, PDFont font, float size, float max) {
        if (width(s, font, size) <= max) {
            return s.length();
        }
        int lastBlank = -1;
        for (int i = 1; i <= s.length(); i++) {
            if (width(s.substring(0, i), font, size) > max) {
                return lastBlank > 0 ? lastBlank : Math.max(1, i - 1);
            }
            if (s.charAt(i - 1) == ' ') {
                lastBlank = i;
            }
        }
        return s.length();
    }

    private static float width(String s, PDFont font, float size) {
        try {
            return font.getStringWidth(s) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void line(String text, PDFont font, float size, float leading) {
        ensure(leading);
        y -= leading;
        try {
            cs.beginText();
            cs.setFont(font, size);
            cs.newLineAtOffset(MARGIN, y);
            cs.showText(clean(text, font));
            cs.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tabs and control characters become blanks; a glyph the font lacks becomes '?'. */
    private static String clean(String s, PDFont font) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\t') {
                sb.append("    ");
                continue;
            }
            if (Character.isISOControl(ch) || Character.isSurrogate(ch)) {
                sb.append(' ');
                continue;
            }
            try {
                font.encode(String.valueOf(ch));
                sb.append(ch);
            } catch (IOException | IllegalArgumentException e) {
                sb.append('?');
            }
        }
        return sb.toString();
    }

    /** Closes the layout: every page gets "Page i of n" with the label, and the watermark behind its text. */
    byte[] finish(String footerLabel, String watermark) {
        try {
            cs.close();
            int n = doc.getNumberOfPages();
            List<PDPage> pages = new ArrayList<>();
            doc.getPages().forEach(pages::add);
            for (int i = 0; i < n; i++) {
                PDPage page = pages.get(i);
                // The watermark's grey lives inside its own q ... Q: the page's content that follows it
                // starts again in the default black (without it the whole body printed ~12% grey).
                try (PDPageContentStream under = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.PREPEND, true, true)) {
                    under.saveGraphicsState();
                    under.setNonStrokingColor(0.88f);
                    under.beginText();
                    under.setFont(bold, 40);
                    under.setTextMatrix(Matrix.getRotateInstance(Math.toRadians(45), 150, 220));
                    under.showText(clean(watermark, bold));
                    under.endText();
                    under.restoreGraphicsState();
                }
                try (PDPageContentStream over = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
                    String footer = clean(footerLabel + " · Page " + (i + 1) + " of " + n, regular);
                    over.saveGraphicsState();
                    over.setNonStrokingColor(0f);
                    over.beginText();
                    over.setFont(regular, 8);
                    over.newLineAtOffset(MARGIN, 40);
                    over.showText(footer);
                    over.endText();
                    over.restoreGraphicsState();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            doc.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
