package cn.govcloud.guard.documents.internal;

import cn.govcloud.guard.documents.Pdf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.stereotype.Component;

/**
 * {@link Pdf} with Apache PDFBox: A4 pages, Noto Sans SC Regular (shipped in {@code fonts/}, OFL)
 * embedded as a subset, so Chinese renders on a machine without CJK fonts and a report stays small.
 *
 * <p>Thread-safe: the font file is read once into an immutable byte array; every call parses it
 * into its own {@link TrueTypeFont} and builds its own document. Characters the font lacks (emoji,
 * private-use characters, lone surrogates) are replaced by {@link #REPLACEMENTS a replacement
 * glyph}, control characters are dropped: rendering never fails on text.
 *
 * <p>The layout is {@link PdfWriter}'s: the page cursor ({@link PdfCursor}), text runs and line breaking ({@link PdfText},
 * {@link PdfLineBreaks}), tables ({@link PdfTables}) and bar charts ({@link PdfBarCharts}) in the styles of {@link PdfStyle}.
 */
@Component
class PdfBoxPdf implements Pdf {

    static final String FONT = "fonts/NotoSansSC-Regular.ttf";
    /** The first of these the font has stands in for a character it lacks. */
    static final String REPLACEMENTS = "\uFFFD\u25A1?";

    @Override
    public byte[] render(Report report) {
        try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(FontFile.BYTES));
                PDDocument doc = new PDDocument()) {
            PDType0Font font = PDType0Font.load(doc, ttf, true);
            PdfWriter writer = new PdfWriter(doc, font, ttf.getUnicodeCmapLookup());
            writer.report(report);
            writer.finish(report.title());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("PDF rendering failed", e);
        }
    }

    /** The font file, read once on first use. */
    private static final class FontFile {
        static final byte[] BYTES = read();

        private static byte[] read() {
            try (InputStream in = PdfBoxPdf.class.getClassLoader().getResourceAsStream(FONT)) {
                if (in == null) {
                    throw new IllegalStateException("font missing from the classpath: " + FONT);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
