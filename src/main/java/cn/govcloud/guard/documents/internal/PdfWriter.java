package cn.govcloud.guard.documents.internal;

import static cn.govcloud.guard.documents.internal.PdfCursor.MARGIN_X;
import static cn.govcloud.guard.documents.internal.PdfCursor.WIDTH;
import static cn.govcloud.guard.documents.internal.PdfStyle.BODY;
import static cn.govcloud.guard.documents.internal.PdfStyle.HEADING;
import static cn.govcloud.guard.documents.internal.PdfStyle.LABEL;
import static cn.govcloud.guard.documents.internal.PdfStyle.SUBTITLE;
import static cn.govcloud.guard.documents.internal.PdfStyle.TITLE;

import cn.govcloud.guard.documents.Pdf.BarChart;
import cn.govcloud.guard.documents.Pdf.Block;
import cn.govcloud.guard.documents.Pdf.Heading;
import cn.govcloud.guard.documents.Pdf.KeyValues;
import cn.govcloud.guard.documents.Pdf.Paragraph;
import cn.govcloud.guard.documents.Pdf.Report;
import cn.govcloud.guard.documents.Pdf.Table;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Lays out one report: its title and subtitle, then its blocks in order (headings, paragraphs and label / value rows
 * here; tables and bar charts in {@link PdfTables} and {@link PdfBarCharts}). One instance per document, not shared between
 * threads.
 */
final class PdfWriter {
    private final PdfText text;
    private final PdfCursor cursor;
    private final PdfTables tables;
    private final PdfBarCharts charts;

    PdfWriter(PDDocument doc, PDType0Font font, CmapLookup cmap) {
        this.text = new PdfText(font, cmap);
        this.cursor = new PdfCursor(doc, text);
        this.tables = new PdfTables(cursor, text);
        this.charts = new PdfBarCharts(cursor, text);
    }

    void report(Report report) throws IOException {
        cursor.newPage();
        for (String line : text.wrap(text.clean(report.title()), TITLE, WIDTH)) {
            cursor.centred(line, TITLE);
        }
        if (report.subtitle() != null && !report.subtitle().isBlank()) {
            cursor.down(2f);
            for (String line : text.wrap(text.clean(report.subtitle()), SUBTITLE, WIDTH)) {
                cursor.centred(line, SUBTITLE);
            }
        }
        cursor.down(10f);
        for (Block block : report.blocks()) {
            if (block instanceof Heading heading) {
                heading(heading);
            } else if (block instanceof Paragraph paragraph) {
                paragraph(paragraph);
            } else if (block instanceof KeyValues keyValues) {
                keyValues(keyValues);
            } else if (block instanceof Table table) {
                tables.table(table);
            } else if (block instanceof BarChart chart) {
                charts.barChart(chart);
            }
        }
    }

    /** Closes the last page and writes 第 N 页 / 共 M 页 in every page's footer. */
    void finish(String title) throws IOException {
        cursor.finish(title);
    }

    private void heading(Heading heading) throws IOException {
        List<String> lines = text.wrap(text.clean(heading.text()), HEADING, WIDTH);
        float before = cursor.pageEmpty() ? 0f : 8f;
        // keep the heading with the first two lines of what follows
        cursor.ensure(before + lines.size() * HEADING.leading() + 2 * BODY.leading());
        cursor.down(cursor.pageEmpty() ? 0f : before);
        for (String line : lines) {
            cursor.ensure(HEADING.leading());
            cursor.line(line, MARGIN_X, HEADING);
        }
        cursor.down(2f);
    }

    private void paragraph(Paragraph paragraph) throws IOException {
        for (String line : text.wrap(text.clean(paragraph.text()), BODY, WIDTH)) {
            cursor.ensure(BODY.leading());
            cursor.line(line, MARGIN_X, BODY);
        }
        cursor.down(6f);
    }

    private void keyValues(KeyValues keyValues) throws IOException {
        float gap = 8f;
        float labelWidth = 0;
        for (Map.Entry<String, String> row : keyValues.rows()) {
            labelWidth = Math.max(labelWidth, text.maxLineWidth(label(row.getKey()), LABEL));
        }
        labelWidth = Math.min(labelWidth, WIDTH * 0.35f);
        float valueX = MARGIN_X + labelWidth + gap;
        float valueWidth = WIDTH - labelWidth - gap;
        for (Map.Entry<String, String> row : keyValues.rows()) {
            List<String> labels = text.wrap(label(row.getKey()), LABEL, labelWidth);
            List<String> values = text.wrap(text.clean(row.getValue()), BODY, valueWidth);
            int lines = Math.max(labels.size(), values.size());
            for (int i = 0; i < lines; i++) {
                cursor.ensure(BODY.leading());
                float baseline = BODY.baseline(cursor.y());
                if (i < labels.size()) {
                    cursor.text(labels.get(i), MARGIN_X, baseline, LABEL);
                }
                if (i < values.size()) {
                    cursor.text(values.get(i), valueX, baseline, BODY);
                }
                cursor.down(BODY.leading());
            }
            cursor.down(1f);
        }
        cursor.down(6f);
    }

    private String label(String key) {
        String label = text.clean(key);
        return label.isEmpty() || label.endsWith("：") || label.endsWith(":") ? label : label + "：";
    }
}
