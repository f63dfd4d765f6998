package org.custodian.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Whether a generated PDF prints readably: every page is rendered as a printer would (PDFBox's
 * renderer at 150 dpi), and every line of upright text is measured where its glyphs are drawn. The
 * darkest pixel of the line against the page's white must reach WCAG's enhanced contrast of 7:1, so
 * body text left in the watermark's light grey (contrast about 1.3:1) fails. Rotated text (the
 * watermark itself) is decoration and not measured. The text layer must read back, with the strings
 * a reader looks for.
 */
public final class PdfReadability {

    private static final float DPI = 150;
    public static final double MIN_CONTRAST = 7.0;

    private PdfReadability() {
    }

    /** One line of upright text and where it is drawn, in PDF points from the page's top-left. */
    public record Line(int page, String text, float x0, float y0, float x1, float y1) {
    }

    /** A line's measured contrast. */
    public record Measured(Line line, double contrast) {
    }

    /** Asserts that every line of text on every page has contrast of at least 7:1, and that {@code expected} all read back. */
    public static void assertReadable(byte[] pdf, String... expected) {
        List<Measured> measured = measure(pdf);
        assertThat(measured).as("lines of upright text in the PDF").isNotEmpty();
        List<Measured> faint = measured.stream().filter(m -> m.contrast() < MIN_CONTRAST).toList();
        assertThat(faint).as("lines printed with less than %s:1 contrast against the page (first: %s)", MIN_CONTRAST,
                faint.isEmpty() ? "none" : faint.get(0)).isEmpty();
        assertThat(text(pdf)).as("the PDF's text layer").contains(expected);
    }

    public static String text(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders page {@code index} to a PNG, to look at. */
    public static void png(byte[] pdf, int index, Path to) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(index, DPI, ImageType.RGB), "png", to.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Measured> measure(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<Line> lines = lines(doc);
            PDFRenderer renderer = new PDFRenderer(doc);
            List<Measured> out = new ArrayList<>();
            BufferedImage image = null;
            int rendered = -1;
            for (Line line : lines) {
                if (line.page() != rendered) {
                    image = renderer.renderImageWithDPI(line.page(), DPI, ImageType.RGB);
                    rendered = line.page();
                }
                out.add(new Measured(line, contrast(darkest(image, line), background(image))));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Line> lines(PDDocument doc) throws IOException {
        List<Line> lines = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) throws IOException {
                float x0 = Float.MAX_VALUE, y0 = Float.MAX_VALUE, x1 = -1, y1 = -1;
                for (TextPosition p : positions) {
                    if (p.getTextMatrix().getShearY() != 0 || p.getUnicode().isBlank()) {
                        continue; // rotated (the watermark) or a blank
                    }
                    x0 = Math.min(x0, p.getXDirAdj());
                    x1 = Math.max(x1, p.getXDirAdj() + p.getWidthDirAdj());
                    y0 = Math.min(y0, p.getYDirAdj() - p.getHeightDir());
                    y1 = Math.max(y1, p.getYDirAdj());
                }
                if (x1 > 0) {
                    lines.add(new Line(getCurrentPageNo() - 1, text, x0, y0, x1, y1));
                }
                super.writeString(text, positions);
            }
        };
        stripper.setSortByPosition(true);
        stripper.getText(doc);
        return lines;
    }

    private static double darkest(BufferedImage image, Line line) {
        double s = DPI / 72f;
        int x0 = clamp((int) Math.floor(line.x0() * s), image.getWidth());
        int x1 = clamp((int) Math.ceil(line.x1() * s), image.getWidth());
        int y0 = clamp((int) Math.floor(line.y0() * s), image.getHeight());
        int y1 = clamp((int) Math.ceil(line.y1() * s) + 1, image.getHeight());
        double min = 1;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                min = Math.min(min, luminance(image.getRGB(x, y)));
            }
        }
        return min;
    }

    /** The page's paper: the lightest colour in its top-left corner (the margin). */
    private static double background(BufferedImage image) {
        return luminance(image.getRGB(2, 2));
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max - 1, v));
    }

    /** WCAG 2 relative luminance of an sRGB pixel. */
    static double luminance(int rgb) {
        return 0.2126 * channel((rgb >> 16) & 0xff) + 0.7152 * channel((rgb >> 8) & 0xff) + 0.0722 * channel(rgb & 0xff);
    }

    private static double channel(int c) {
        double v = c / 255.0;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    static double contrast(double a, double b) {
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    /** Writes every page of {@code pdf} as PNG files under {@code dir} (for a person to look at). */
    public static void pngs(byte[] pdf, Path dir, String prefix) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            Files.createDirectories(dir);
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(i, DPI, ImageType.RGB), "png",
                        dir.resolve(prefix + "-" + (i + 1) + ".png").toFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
