package cn.govcloud.guard.documents.internal;

import static cn.govcloud.guard.documents.internal.PdfCursor.MARGIN_BOTTOM;
import static cn.govcloud.guard.documents.internal.PdfCursor.MARGIN_X;
import static cn.govcloud.guard.documents.internal.PdfCursor.WIDTH;
import static cn.govcloud.guard.documents.internal.PdfStyle.CELL;
import static cn.govcloud.guard.documents.internal.PdfStyle.HEADER_CELL;

import cn.govcloud.guard.documents.Pdf.Table;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/**
 * A report's tables: columns share the width by their content, long cells wrap, a row taller than what is left of the
 * page moves to the next one (or splits when taller than a page), and the header repeats on every page.
 */
record PdfTables(PdfCursor cursor, PdfText text) {
    static final float CELL_PADDING = 4f;

    void table(Table table) throws IOException {
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
        cursor.ensure(headerHeight + CELL.leading() + 2 * CELL_PADDING);
        if (headerLines != null) {
            drawRow(headerLines, colWidths, 0, maxLines(headerLines), HEADER_CELL);
        }
        for (List<String> row : rows) {
            List<List<String>> lines = wrapRow(row, colWidths, CELL);
            int total = maxLines(lines);
            int from = 0;
            boolean freshPage = false;
            while (true) {
                float available = cursor.y() - MARGIN_BOTTOM - 2 * CELL_PADDING;
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
                cursor.newPage();
                if (headerLines != null) {
                    drawRow(headerLines, colWidths, 0, maxLines(headerLines), HEADER_CELL);
                }
                freshPage = true;
            }
        }
        cursor.down(8f);
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
            natural[c] = text.maxLineWidth(text.clean(header.get(c)), HEADER_CELL);
            for (List<String> row : rows) {
                natural[c] = Math.max(natural[c], text.maxLineWidth(text.clean(row.get(c)), CELL));
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

    private List<List<String>> wrapRow(List<String> row, float[] colWidths, PdfStyle style) {
        List<List<String>> lines = new ArrayList<>(row.size());
        for (int c = 0; c < row.size(); c++) {
            lines.add(text.wrap(text.clean(row.get(c)), style, colWidths[c] - 2 * CELL_PADDING));
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

    private static float rowHeight(List<List<String>> cells, PdfStyle style) {
        return maxLines(cells) * style.leading() + 2 * CELL_PADDING;
    }

    /** Draws lines [from, to) of a row's cells at the cursor: background, borders, text. */
    private void drawRow(List<List<String>> cells, float[] colWidths, int from, int to, PdfStyle style) throws IOException {
        PDPageContentStream content = cursor.content();
        float height = (to - from) * style.leading() + 2 * CELL_PADDING;
        float top = cursor.y();
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
                cursor.text(lines.get(i), x + CELL_PADDING, style.baseline(lineTop), style);
                lineTop -= style.leading();
            }
            x += colWidths[c];
        }
        cursor.moveTo(top - height);
        cursor.drawn();
    }
}
