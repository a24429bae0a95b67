package cn.govcloud.guard.documents;

import java.util.List;
import java.util.Map;

/**
 * Renders a simple report (notices, incident reports, assessments) as PDF with Chinese text: the
 * product embeds a subset of an open CJK font, so a fresh machine renders it without fonts installed.
 */
public interface Pdf {

    byte[] render(Report report);

    /** A report: a title, an optional subtitle (e.g. issuer and date), then blocks in order. */
    record Report(String title, String subtitle, List<Block> blocks) {
        public Report {
            blocks = List.copyOf(blocks);
        }
    }

    sealed interface Block permits Heading, Paragraph, KeyValues, Table, BarChart {
    }

    record Heading(String text) implements Block {
    }

    /** Wrapped to the page width; line breaks in the text are kept. */
    record Paragraph(String text) implements Block {
    }

    /** Label / value rows, e.g. 事件级别: Ⅲ级（较大）. */
    record KeyValues(List<Map.Entry<String, String>> rows) implements Block {
        public KeyValues {
            rows = List.copyOf(rows);
        }
    }

    /** A table with a header row; long cells wrap; the table continues on the next page with its header repeated. */
    record Table(List<String> header, List<List<String>> rows) implements Block {
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /**
     * A grouped bar chart drawn as vector graphics (so it prints sharp and its labels stay text): one row per category with
     * one horizontal bar per series (e.g. this year and the previous year), each labelled with its value, and a legend.
     * {@code values.get(s).get(c)} is series s in category c; null draws no bar. {@code unit} follows each value ("%" for
     * rates, whose axis then runs to 100), empty for counts.
     */
    record BarChart(String title, List<String> series, List<String> categories, List<List<Double>> values, String unit) implements Block {
        public BarChart {
            series = List.copyOf(series);
            categories = List.copyOf(categories);
            values = values.stream().map(v -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(v))).toList();
            unit = unit == null ? "" : unit;
        }
    }
}
