package cn.govcloud.guard.documents.internal;

import static cn.govcloud.guard.documents.internal.PdfCursor.MARGIN_X;
import static cn.govcloud.guard.documents.internal.PdfCursor.WIDTH;
import static cn.govcloud.guard.documents.internal.PdfStyle.CHART_LABEL;
import static cn.govcloud.guard.documents.internal.PdfStyle.CHART_VALUE;
import static cn.govcloud.guard.documents.internal.PdfStyle.HEADER_CELL;

import cn.govcloud.guard.documents.Pdf.BarChart;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/** A report's bar charts, drawn as vector graphics with their labels as text. */
record PdfBarCharts(PdfCursor cursor, PdfText text) {
    /** The bars' fills by series: a dark blue for the first (this year), a grey for the second (the year before), then others. */
    static final float[][] CHART_COLOURS = {{0.17f, 0.38f, 0.66f}, {0.68f, 0.70f, 0.73f}, {0.85f, 0.55f, 0.20f}, {0.30f, 0.60f, 0.35f}};
    static final float BAR = 8f;

    /**
     * A horizontal grouped bar chart: its title, a legend of the series, then per category its label (wrapped to a
     * third of the width at most) and one bar per series scaled to the largest value (to 100 for percentages).
     */
    void barChart(BarChart chart) throws IOException {
        int categories = chart.categories().size();
        int series = chart.series().size();
        if (categories == 0 || series == 0) {
            return;
        }
        float labelWidth = 0;
        for (String c : chart.categories()) {
            labelWidth = Math.max(labelWidth, text.maxLineWidth(text.clean(c), CHART_LABEL));
        }
        labelWidth = Math.min(labelWidth + 4f, WIDTH / 3);
        double max = "%".equals(chart.unit()) ? 100 : 0;
        for (List<Double> values : chart.values()) {
            for (Double v : values) {
                max = v == null ? max : Math.max(max, v);
            }
        }
        max = max <= 0 ? 1 : max;
        float valueRoom = text.width(format(max) + chart.unit(), CHART_VALUE) + 6f;
        float plotX = MARGIN_X + labelWidth + 6f;
        float plotWidth = WIDTH - labelWidth - 6f - valueRoom;
        float rowHeight = series * (BAR + 1f) + 6f;
        List<List<String>> labels = new ArrayList<>();
        float rowsHeight = 0;
        for (String c : chart.categories()) {
            List<String> lines = text.wrap(text.clean(c), CHART_LABEL, labelWidth);
            labels.add(lines);
            rowsHeight += Math.max(rowHeight, lines.size() * CHART_LABEL.leading() + 4f);
        }
        cursor.ensure(HEADER_CELL.leading() + CHART_LABEL.leading() + 6f + rowsHeight + 8f);
        PDPageContentStream content = cursor.content();
        String title = text.clean(chart.title());
        cursor.line(title, MARGIN_X + Math.max(0, (WIDTH - text.width(title, HEADER_CELL)) / 2), HEADER_CELL);
        legend(chart, content);
        cursor.down(CHART_LABEL.leading() + 6f);
        float top = cursor.y();
        for (int c = 0; c < categories; c++) {
            float y = cursor.y();
            List<String> lines = labels.get(c);
            float height = Math.max(rowHeight, lines.size() * CHART_LABEL.leading() + 4f);
            float labelTop = y - (height - lines.size() * CHART_LABEL.leading()) / 2;
            for (String line : lines) {
                cursor.text(line, plotX - 6f - text.width(line, CHART_LABEL), CHART_LABEL.baseline(labelTop), CHART_LABEL);
                labelTop -= CHART_LABEL.leading();
            }
            float barTop = y - (height - series * (BAR + 1f)) / 2;
            for (int s = 0; s < series; s++) {
                List<Double> values = chart.values().get(s);
                Double v = c < values.size() ? values.get(c) : null;
                if (v != null) {
                    float w = (float) (Math.max(0, v) / max * plotWidth);
                    if (w > 0) {
                        fill(content, s);
                        content.addRect(plotX, barTop - BAR, w, BAR);
                        content.fill();
                        content.setNonStrokingColor(0f);
                    }
                    cursor.text(format(v) + chart.unit(), plotX + w + 3f, barTop - BAR + 1.2f, CHART_VALUE);
                }
                barTop -= BAR + 1f;
            }
            cursor.down(height);
        }
        content.setStrokingColor(0.4f);
        content.setLineWidth(0.6f);
        content.moveTo(plotX, top);
        content.lineTo(plotX, cursor.y());
        content.stroke();
        content.setStrokingColor(0f);
        cursor.down(8f);
        cursor.drawn();
    }

    /** The series' colours and names, centred on the line at the cursor (which stays on it). */
    private void legend(BarChart chart, PDPageContentStream content) throws IOException {
        float legendWidth = 0;
        for (String s : chart.series()) {
            legendWidth += 12f + text.width(text.clean(s), CHART_LABEL) + 12f;
        }
        float x = MARGIN_X + Math.max(0, (WIDTH - legendWidth) / 2);
        float baseline = CHART_LABEL.baseline(cursor.y());
        for (int s = 0; s < chart.series().size(); s++) {
            fill(content, s);
            content.addRect(x, baseline, 8f, 8f);
            content.fill();
            content.setNonStrokingColor(0f);
            String name = text.clean(chart.series().get(s));
            cursor.text(name, x + 12f, baseline, CHART_LABEL);
            x += 12f + text.width(name, CHART_LABEL) + 12f;
        }
    }

    private static void fill(PDPageContentStream content, int series) throws IOException {
        float[] rgb = CHART_COLOURS[series % CHART_COLOURS.length];
        content.setNonStrokingColor(rgb[0], rgb[1], rgb[2]);
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(Math.round(v * 10) / 10.0);
    }
}
