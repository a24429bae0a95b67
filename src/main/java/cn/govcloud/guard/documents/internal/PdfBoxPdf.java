package cn.govcloud.guard.documents.internal;

import cn.govcloud.guard.documents.Pdf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.springframework.stereotype.Component;

/**
 * {@link Pdf} with Apache PDFBox: A4 pages, Noto Sans SC Regular (shipped in {@code fonts/}, OFL)
 * embedded as a subset, so Chinese renders on a machine without CJK fonts and a report stays small.
 *
 * <p>Thread-safe: the font file is read once into an immutable byte array; every call parses it
 * into its own {@link TrueTypeFont} and builds its own document. Characters the font lacks (emoji,
 * private-use characters, lone surrogates) are replaced by {@link #REPLACEMENTS a replacement
 * glyph}, control characters are dropped: rendering never fails on text.
 */
@Component
class PdfBoxPdf implements Pdf {

    static final String FONT = "fonts/NotoSansSC-Regular.ttf";
    /** The first of these the font has stands in for a character it lacks. */
    static final String REPLACEMENTS = "\uFFFD\u25A1?";

    // Layout, in PDF points (1/72 in). A4 with 20 mm side and top margins.
    static final PDRectangle PAGE = PDRectangle.A4;
    static final float MARGIN_X = 56.7f;
    static final float MARGIN_TOP = 56.7f;
    static final float MARGIN_BOTTOM = 62f;
    static final float FOOTER_BASELINE = 32f;
    static final float WIDTH = PAGE.getWidth() - 2 * MARGIN_X;

    static final Style TITLE = new Style(18f, 1.45f, true, 0f);
    static final Style SUBTITLE = new Style(10.5f, 1.5f, false, 0.35f);
    static final Style HEADING = new Style(13f, 1.5f, true, 0f);
    static final Style BODY = new Style(10.5f, 1.6f, false, 0f);
    static final Style LABEL = new Style(10.5f, 1.6f, false, 0.3f);
    static final Style CELL = new Style(9.5f, 1.45f, false, 0f);
    static final Style HEADER_CELL = new Style(9.5f, 1.45f, true, 0f);
    static final Style FOOTER = new Style(9f, 1.2f, false, 0.35f);
    static final float CELL_PADDING = 4f;
    static final Style CHART_LABEL = new Style(8.5f, 1.3f, false, 0f);
    static final Style CHART_VALUE = new Style(7.5f, 1.2f, false, 0.25f);
    /** The bars' fills by series: a dark blue for the first (this year), a grey for the second (the year before), then others. */
    static final float[][] CHART_COLOURS = {{0.17f, 0.38f, 0.66f}, {0.68f, 0.70f, 0.73f}, {0.85f, 0.55f, 0.20f}, {0.30f, 0.60f, 0.35f}};
    static final float BAR = 8f;

    /** Characters that may not begin a line (kept with the one before). */
    private static final String NO_BREAK_BEFORE = "，。、；：？！）》」』】〕〉’”…—·％,.;:?!)]}%";
    /** Characters that may not end a line (kept with the one after). */
    private static final String NO_BREAK_AFTER = "（《「『【〔〈‘“([{";

    record Style(float size, float leadingFactor, boolean bold, float grey) {
        float leading() {
            return size * leadingFactor;
        }
    }

    @Override
    public byte[] render(Report report) {
        try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(FontFile.BYTES));
                PDDocument doc = new PDDocument()) {
            PDType0Font font = PDType0Font.load(doc, ttf, true);
            Writer writer = new Writer(doc, font, ttf.getUnicodeCmapLookup());
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

    /** Lays out one report; one instance per document, not shared between threads. */
    static final class Writer {
        private final PDDocument doc;
        private final PDType0Font font;
        private final CmapLookup cmap;
        private final String replacement;
        private final Map<Integer, Float> widths = new HashMap<>();
        private PDPageContentStream content;
        private float y;
        /** Nothing has been drawn on the current page yet (a page break would not help). */
        private boolean pageEmpty;

        Writer(PDDocument doc, PDType0Font font, CmapLookup cmap) {
            this.doc = doc;
            this.font = font;
            this.cmap = cmap;
            this.replacement = REPLACEMENTS.codePoints().filter(cp -> cmap.getGlyphId(cp) > 0)
                    .mapToObj(Character::toString).findFirst().orElse("");
        }

        void report(Report report) throws IOException {
            newPage();
            for (String line : wrap(clean(report.title()), TITLE, WIDTH)) {
                centred(line, TITLE);
            }
            if (report.subtitle() != null && !report.subtitle().isBlank()) {
                y -= 2f;
                for (String line : wrap(clean(report.subtitle()), SUBTITLE, WIDTH)) {
                    centred(line, SUBTITLE);
                }
            }
            y -= 10f;
            for (Block block : report.blocks()) {
                if (block instanceof Heading heading) {
                    heading(heading);
                } else if (block instanceof Paragraph paragraph) {
                    paragraph(paragraph);
                } else if (block instanceof KeyValues keyValues) {
                    keyValues(keyValues);
                } else if (block instanceof Table table) {
                    table(table);
                } else if (block instanceof BarChart chart) {
                    barChart(chart);
                }
            }
        }

        /** Closes the last page and writes 第 N 页 / 共 M 页 in every page's footer. */
        void finish(String title) throws IOException {
            content.close();
            int total = doc.getNumberOfPages();
            for (int i = 0; i < total; i++) {
                try (PDPageContentStream footer = new PDPageContentStream(doc, doc.getPage(i),
                        PDPageContentStream.AppendMode.APPEND, true, true)) {
                    String text = "第 " + (i + 1) + " 页 / 共 " + total + " 页";
                    float x = (PAGE.getWidth() - width(text, FOOTER)) / 2;
                    text(footer, text, x, FOOTER_BASELINE, FOOTER);
                }
            }
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(clean(title).replace('\n', ' '));
            info.setProducer("govcloud-guard");
            doc.getDocumentCatalog().setLanguage("zh-CN");
        }

        private void heading(Heading heading) throws IOException {
            List<String> lines = wrap(clean(heading.text()), HEADING, WIDTH);
            float before = pageEmpty ? 0f : 8f;
            // keep the heading with the first two lines of what follows
            ensure(before + lines.size() * HEADING.leading() + 2 * BODY.leading());
            y -= pageEmpty ? 0f : before;
            for (String line : lines) {
                ensure(HEADING.leading());
                text(content, line, MARGIN_X, baseline(y, HEADING), HEADING);
                y -= HEADING.leading();
            }
            y -= 2f;
        }

        private void paragraph(Paragraph paragraph) throws IOException {
            for (String line : wrap(clean(paragraph.text()), BODY, WIDTH)) {
                ensure(BODY.leading());
                text(content, line, MARGIN_X, baseline(y, BODY), BODY);
                y -= BODY.leading();
            }
            y -= 6f;
        }

        private void keyValues(KeyValues keyValues) throws IOException {
            float gap = 8f;
            float labelWidth = 0;
            for (Map.Entry<String, String> row : keyValues.rows()) {
                labelWidth = Math.max(labelWidth, maxLineWidth(label(row.getKey()), LABEL));
            }
            labelWidth = Math.min(labelWidth, WIDTH * 0.35f);
            float valueX = MARGIN_X + labelWidth + gap;
            float valueWidth = WIDTH - labelWidth - gap;
            for (Map.Entry<String, String> row : keyValues.rows()) {
                List<String> labels = wrap(label(row.getKey()), LABEL, labelWidth);
                List<String> values = wrap(clean(row.getValue()), BODY, valueWidth);
                int lines = Math.max(labels.size(), values.size());
                for (int i = 0; i < lines; i++) {
                    ensure(BODY.leading());
                    if (i < labels.size()) {
                        text(content, labels.get(i), MARGIN_X, baseline(y, BODY), LABEL);
                    }
                    if (i < values.size()) {
                        text(content, values.get(i), valueX, baseline(y, BODY), BODY);
                    }
                    y -= BODY.leading();
                }
                y -= 1f;
            }
            y -= 6f;
        }

        private String label(String key) {
            String label = clean(key);
            return label.isEmpty() || label.endsWith("：") || label.endsWith(":") ? label : label + "：";
        }

        private void table(Table table) throws IOException {
            int columns = table.header().size();
            for (List<String> row : table.rows()) {
                columns = Math.max(columns, row.size());
            }
            if (columns == 0) {
                return;
            }
            List<String> header = cells(table.header(), columns);
            List<List<String>> rows = new ArrayList<>();
            for (List<String> row : table.rows()) {
                rows.add(cells(row, columns));
            }
            float[] colWidths = columnWidths(header, rows, columns);
            List<List<String>> headerLines = table.header().isEmpty() ? null : wrapRow(header, colWidths, HEADER_CELL);

            // start on a new page unless the header and one line of the first row fit
            float headerHeight = headerLines == null ? 0 : rowHeight(headerLines, HEADER_CELL);
            ensure(headerHeight + CELL.leading() + 2 * CELL_PADDING);
            if (headerLines != null) {
                drawRow(headerLines, colWidths, 0, maxLines(headerLines), HEADER_CELL);
            }
            for (List<String> row : rows) {
                List<List<String>> lines = wrapRow(row, colWidths, CELL);
                int total = maxLines(lines);
                int from = 0;
                boolean freshPage = false;
                while (true) {
                    float available = y - MARGIN_BOTTOM - 2 * CELL_PADDING;
                    if ((total - from) * CELL.leading() <= available + 0.01f) {
                        drawRow(lines, colWidths, from, total, CELL);
                        break;
                    }
                    if (freshPage || from > 0) {
                        // taller than a page: split the row; at least one line per page
                        int fit = Math.max(1, (int) Math.floor(available / CELL.leading()));
                        drawRow(lines, colWidths, from, Math.min(total, from + fit), CELL);
                        from += fit;
                        if (from >= total) {
                            break;
                        }
                    }
                    newPage();
                    if (headerLines != null) {
                        drawRow(headerLines, colWidths, 0, maxLines(headerLines), HEADER_CELL);
                    }
                    freshPage = true;
                }
            }
            y -= 8f;
        }

        /**
         * A horizontal grouped bar chart: its title, a legend of the series, then per category its label (wrapped to a
         * third of the width at most) and one bar per series scaled to the largest value (to 100 for percentages).
         */
        private void barChart(BarChart chart) throws IOException {
            int categories = chart.categories().size();
            int series = chart.series().size();
            if (categories == 0 || series == 0) {
                return;
            }
            float labelWidth = 0;
            for (String c : chart.categories()) {
                labelWidth = Math.max(labelWidth, maxLineWidth(clean(c), CHART_LABEL));
            }
            labelWidth = Math.min(labelWidth + 4f, WIDTH / 3);
            double max = "%".equals(chart.unit()) ? 100 : 0;
            for (List<Double> values : chart.values()) {
                for (Double v : values) {
                    max = v == null ? max : Math.max(max, v);
                }
            }
            max = max <= 0 ? 1 : max;
            float valueRoom = width(format(max) + chart.unit(), CHART_VALUE) + 6f;
            float plotX = MARGIN_X + labelWidth + 6f;
            float plotWidth = WIDTH - labelWidth - 6f - valueRoom;
            float rowHeight = series * (BAR + 1f) + 6f;
            List<List<String>> labels = new ArrayList<>();
            float rowsHeight = 0;
            for (String c : chart.categories()) {
                List<String> lines = wrap(clean(c), CHART_LABEL, labelWidth);
                labels.add(lines);
                rowsHeight += Math.max(rowHeight, lines.size() * CHART_LABEL.leading() + 4f);
            }
            ensure(HEADER_CELL.leading() + CHART_LABEL.leading() + 6f + rowsHeight + 8f);
            String title = clean(chart.title());
            text(content, title, MARGIN_X + Math.max(0, (WIDTH - width(title, HEADER_CELL)) / 2), baseline(y, HEADER_CELL), HEADER_CELL);
            y -= HEADER_CELL.leading();
            // legend
            float legendWidth = 0;
            for (String s : chart.series()) {
                legendWidth += 12f + width(clean(s), CHART_LABEL) + 12f;
            }
            float x = MARGIN_X + Math.max(0, (WIDTH - legendWidth) / 2);
            for (int s = 0; s < series; s++) {
                fill(s);
                content.addRect(x, baseline(y, CHART_LABEL), 8f, 8f);
                content.fill();
                content.setNonStrokingColor(0f);
                String name = clean(chart.series().get(s));
                text(content, name, x + 12f, baseline(y, CHART_LABEL), CHART_LABEL);
                x += 12f + width(name, CHART_LABEL) + 12f;
            }
            y -= CHART_LABEL.leading() + 6f;
            float top = y;
            for (int c = 0; c < categories; c++) {
                List<String> lines = labels.get(c);
                float height = Math.max(rowHeight, lines.size() * CHART_LABEL.leading() + 4f);
                float labelTop = y - (height - lines.size() * CHART_LABEL.leading()) / 2;
                for (String line : lines) {
                    text(content, line, plotX - 6f - width(line, CHART_LABEL), baseline(labelTop, CHART_LABEL), CHART_LABEL);
                    labelTop -= CHART_LABEL.leading();
                }
                float barTop = y - (height - series * (BAR + 1f)) / 2;
                for (int s = 0; s < series; s++) {
                    List<Double> values = chart.values().get(s);
                    Double v = c < values.size() ? values.get(c) : null;
                    if (v != null) {
                        float w = (float) (Math.max(0, v) / max * plotWidth);
                        if (w > 0) {
                            fill(s);
                            content.addRect(plotX, barTop - BAR, w, BAR);
                            content.fill();
                            content.setNonStrokingColor(0f);
                        }
                        text(content, format(v) + chart.unit(), plotX + w + 3f, barTop - BAR + 1.2f, CHART_VALUE);
                    }
                    barTop -= BAR + 1f;
                }
                y -= height;
            }
            content.setStrokingColor(0.4f);
            content.setLineWidth(0.6f);
            content.moveTo(plotX, top);
            content.lineTo(plotX, y);
            content.stroke();
            content.setStrokingColor(0f);
            y -= 8f;
            pageEmpty = false;
        }

        private void fill(int series) throws IOException {
            float[] rgb = CHART_COLOURS[series % CHART_COLOURS.length];
            content.setNonStrokingColor(rgb[0], rgb[1], rgb[2]);
        }

        private static String format(double v) {
            return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(Math.round(v * 10) / 10.0);
        }

        private static List<String> cells(List<String> row, int columns) {
            List<String> cells = new ArrayList<>(columns);
            for (int i = 0; i < columns; i++) {
                cells.add(i < row.size() && row.get(i) != null ? row.get(i) : "");
            }
            return cells;
        }

        /**
         * Columns share the width by their content: a column whose widest line fits its fair share
         * gets just that (repeatedly, as the share of the rest grows); the columns left split the
         * remaining width by their widest line, so short columns stay on one line and long ones wrap.
         */
        private float[] columnWidths(List<String> header, List<List<String>> rows, int columns) {
            float[] natural = new float[columns];
            for (int c = 0; c < columns; c++) {
                natural[c] = maxLineWidth(clean(header.get(c)), HEADER_CELL);
                for (List<String> row : rows) {
                    natural[c] = Math.max(natural[c], maxLineWidth(clean(row.get(c)), CELL));
                }
                natural[c] = Math.min(natural[c], WIDTH) + 2 * CELL_PADDING + 0.5f;
            }
            float[] result = new float[columns];
            boolean[] fixed = new boolean[columns];
            float remaining = WIDTH;
            int open = columns;
            boolean changed = true;
            while (changed && open > 0) {
                changed = false;
                float share = remaining / open;
                for (int c = 0; c < columns; c++) {
                    if (!fixed[c] && natural[c] <= share) {
                        fixed[c] = true;
                        result[c] = natural[c];
                        remaining -= natural[c];
                        open--;
                        changed = true;
                    }
                }
            }
            float openNatural = 0;
            for (int c = 0; c < columns; c++) {
                openNatural += fixed[c] ? 0 : natural[c];
            }
            float fixedSum = WIDTH - remaining;
            for (int c = 0; c < columns; c++) {
                if (!fixed[c]) {
                    result[c] = remaining * natural[c] / openNatural;
                } else if (open == 0) {
                    result[c] += (WIDTH - fixedSum) * natural[c] / fixedSum; // all fit: spread the slack
                }
            }
            return result;
        }

        private List<List<String>> wrapRow(List<String> row, float[] colWidths, Style style) {
            List<List<String>> lines = new ArrayList<>(row.size());
            for (int c = 0; c < row.size(); c++) {
                lines.add(wrap(clean(row.get(c)), style, colWidths[c] - 2 * CELL_PADDING));
            }
            return lines;
        }

        private static int maxLines(List<List<String>> cells) {
            int max = 1;
            for (List<String> cell : cells) {
                max = Math.max(max, cell.size());
            }
            return max;
        }

        private static float rowHeight(List<List<String>> cells, Style style) {
            return maxLines(cells) * style.leading() + 2 * CELL_PADDING;
        }

        /** Draws lines [from, to) of a row's cells at the cursor: background, borders, text. */
        private void drawRow(List<List<String>> cells, float[] colWidths, int from, int to, Style style)
                throws IOException {
            float height = (to - from) * style.leading() + 2 * CELL_PADDING;
            float top = y;
            float x = MARGIN_X;
            if (style.bold()) {
                content.setNonStrokingColor(0.92f);
                content.addRect(MARGIN_X, top - height, WIDTH, height);
                content.fill();
                content.setNonStrokingColor(0f);
            }
            content.setStrokingColor(0.6f);
            content.setLineWidth(0.5f);
            for (int c = 0; c < cells.size(); c++) {
                content.addRect(x, top - height, colWidths[c], height);
                x += colWidths[c];
            }
            content.stroke();
            content.setStrokingColor(0f);
            x = MARGIN_X;
            for (int c = 0; c < cells.size(); c++) {
                List<String> lines = cells.get(c);
                float lineTop = top - CELL_PADDING;
                for (int i = from; i < Math.min(to, lines.size()); i++) {
                    text(content, lines.get(i), x + CELL_PADDING, baseline(lineTop, style), style);
                    lineTop -= style.leading();
                }
                x += colWidths[c];
            }
            y = top - height;
            pageEmpty = false;
        }

        private void centred(String line, Style style) throws IOException {
            ensure(style.leading());
            float x = MARGIN_X + Math.max(0, (WIDTH - width(line, style)) / 2);
            text(content, line, x, baseline(y, style), style);
            y -= style.leading();
        }

        /** Starts a new page when {@code height} does not fit below the cursor (and it would help). */
        private void ensure(float height) throws IOException {
            if (y - height < MARGIN_BOTTOM - 0.01f && !pageEmpty) {
                newPage();
            }
        }

        private void newPage() throws IOException {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(PAGE);
            doc.addPage(page);
            content = new PDPageContentStream(doc, page);
            y = PAGE.getHeight() - MARGIN_TOP;
            pageEmpty = true;
        }

        /** The baseline of a line whose box starts at {@code top}: the em box centred in the leading. */
        private static float baseline(float top, Style style) {
            return top - (style.leading() - style.size()) / 2 - 0.88f * style.size();
        }

        private void text(PDPageContentStream stream, String text, float x, float baseline, Style style)
                throws IOException {
            if (text.isEmpty()) {
                return;
            }
            stream.saveGraphicsState();
            stream.setNonStrokingColor(style.grey());
            stream.beginText();
            stream.setFont(font, style.size());
            if (style.bold()) {
                // one weight ships; a thin outline stroke stands in for bold
                stream.setStrokingColor(style.grey());
                stream.setLineWidth(style.size() * 0.035f);
                stream.setRenderingMode(RenderingMode.FILL_STROKE);
            }
            stream.newLineAtOffset(x, baseline);
            stream.showText(text);
            stream.endText();
            stream.restoreGraphicsState();
            pageEmpty = false;
        }

        /**
         * Text the font can show: CR and other controls and format characters dropped, tabs and
         * odd spaces as a space, characters the font lacks replaced. Line feeds are kept.
         */
        String clean(String text) {
            if (text == null) {
                return "";
            }
            StringBuilder clean = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                if (cp == '\n') {
                    clean.append('\n');
                } else if (cp == '\t' || (Character.isWhitespace(cp) && cp != '\r' && cmap.getGlyphId(cp) == 0)) {
                    clean.append(' ');
                } else if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                        || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)) {
                    return; // controls, zero-width and bidi formatting, variation selectors
                } else if (cmap.getGlyphId(cp) == 0) {
                    clean.append(replacement);
                } else {
                    clean.appendCodePoint(cp);
                }
            });
            return clean.toString();
        }

        private float maxLineWidth(String text, Style style) {
            float max = 0;
            for (String line : text.split("\n", -1)) {
                max = Math.max(max, width(line, style));
            }
            return max;
        }

        float width(String text, Style style) {
            float units = 0;
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                units += widths.computeIfAbsent(cp, this::glyphWidth);
                i += Character.charCount(cp);
            }
            return units / 1000f * style.size();
        }

        private float glyphWidth(int cp) {
            try {
                return font.getStringWidth(Character.toString(cp));
            } catch (IOException | IllegalArgumentException e) {
                return 1000f;
            }
        }

        /**
         * Wraps cleaned text to {@code maxWidth}: line feeds are kept; a line may break between
         * CJK characters (not before closing or after opening punctuation) and at spaces between
         * Latin words; a word wider than the line breaks between characters.
         */
        List<String> wrap(String text, Style style, float maxWidth) {
            List<String> lines = new ArrayList<>();
            for (String source : text.split("\n", -1)) {
                wrapLine(source, style, maxWidth, lines);
            }
            return lines;
        }

        private void wrapLine(String source, Style style, float maxWidth, List<String> lines) {
            StringBuilder line = new StringBuilder();
            float lineWidth = 0;
            String spaces = "";
            boolean first = true; // still on the first output line of this source line
            int emitted = lines.size();
            for (String token : tokens(source)) {
                if (token.isBlank()) {
                    if (line.length() == 0 && first) {
                        line.append(token); // leading indentation of the source line
                        lineWidth += width(token, style);
                    } else {
                        spaces = token;
                    }
                    continue;
                }
                float tokenWidth = width(token, style);
                float spacesWidth = line.length() == 0 ? 0 : width(spaces, style);
                if (lineWidth + spacesWidth + tokenWidth <= maxWidth) {
                    if (line.length() > 0) {
                        line.append(spaces);
                    }
                    line.append(token);
                    lineWidth += spacesWidth + tokenWidth;
                } else {
                    if (line.length() > 0 && !line.toString().isBlank()) {
                        lines.add(line.toString());
                        line.setLength(0);
                        lineWidth = 0;
                        first = false;
                    }
                    if (tokenWidth <= maxWidth - lineWidth) {
                        line.append(token);
                        lineWidth += tokenWidth;
                    } else {
                        // wider than a line: break between characters
                        for (int i = 0; i < token.length(); ) {
                            int cp = token.codePointAt(i);
                            String ch = Character.toString(cp);
                            float w = width(ch, style);
                            if (lineWidth + w > maxWidth && line.length() > 0) {
                                lines.add(line.toString());
                                line.setLength(0);
                                lineWidth = 0;
                                first = false;
                            }
                            line.append(ch);
                            lineWidth += w;
                            i += Character.charCount(cp);
                        }
                    }
                }
                spaces = "";
            }
            String last = line.toString().stripTrailing();
            if (!last.isEmpty() || lines.size() == emitted) {
                lines.add(last);
            }
        }

        /** Splits a line into unbreakable tokens and runs of spaces. */
        static List<String> tokens(String line) {
            List<String> tokens = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            boolean currentIsSpace = false;
            int previous = -1;
            for (int i = 0; i < line.length(); ) {
                int cp = line.codePointAt(i);
                i += Character.charCount(cp);
                boolean space = cp == ' ' || Character.isWhitespace(cp) && cp != 0x3000;
                boolean breakBefore;
                if (current.length() == 0) {
                    breakBefore = false;
                } else if (space != currentIsSpace) {
                    breakBefore = true;
                } else if (space) {
                    breakBefore = false;
                } else if (NO_BREAK_BEFORE.indexOf(cp) >= 0 || NO_BREAK_AFTER.indexOf(previous) >= 0) {
                    breakBefore = false;
                } else {
                    breakBefore = wide(cp) || wide(previous);
                }
                if (breakBefore) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
                current.appendCodePoint(cp);
                currentIsSpace = space;
                previous = cp;
            }
            if (current.length() > 0) {
                tokens.add(current.toString());
            }
            return tokens;
        }

        /** Characters a line may break before or after: CJK ideographs, kana, hangul, full-width forms. */
        private static boolean wide(int cp) {
            if (cp < 0x1100) {
                return false;
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                    || script == Character.UnicodeScript.BOPOMOFO) {
                return true;
            }
            Character.UnicodeBlock block = Character.UnicodeBlock.of(cp);
            return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                    || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS
                    || block == Character.UnicodeBlock.CJK_COMPATIBILITY
                    || block == Character.UnicodeBlock.ENCLOSED_CJK_LETTERS_AND_MONTHS
                    || block == Character.UnicodeBlock.GEOMETRIC_SHAPES
                    || block == Character.UnicodeBlock.SPECIALS;
        }
    }
}
