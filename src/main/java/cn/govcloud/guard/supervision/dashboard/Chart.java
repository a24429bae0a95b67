package cn.govcloud.guard.supervision.dashboard;

import java.util.List;

/**
 * One chart of the dashboard as the page renders it: a table (what screen readers and a browser
 * without JavaScript read) that static/js/dashboard.js draws with ECharts. Every row label and every
 * cell may link to the list behind it; a click on a bar, point or slice follows the same link.
 *
 * @param id     the element id stem (the table is {@code <id>-data}, the chart {@code <id>-chart})
 * @param type   bar, stacked (stacked bars), pie (a donut) or line
 * @param series the column headings after the label column, one series each
 * @param unit   shown after values ("%" for rates), empty for counts
 */
public record Chart(String id, String title, String note, String type, boolean horizontal, List<String> series, List<Row> rows, String unit) {

    /** A category: its label, where the label leads, and one cell per series. */
    public record Row(String label, String href, List<Cell> cells) {
        public long total() {
            return cells.stream().filter(c -> c.value() != null).mapToLong(c -> Math.round(c.value())).sum();
        }
    }

    /** A value (null: nothing to show, e.g. a rate with nothing due) and where it leads (null: the row's link). */
    public record Cell(Double value, String href) {
        public static Cell of(long value, String href) {
            return new Cell((double) value, href);
        }

        public String text() {
            if (value == null) {
                return "—";
            }
            return value == Math.rint(value) ? String.valueOf(value.longValue()) : String.valueOf(value);
        }

        public String data() {
            return value == null ? "" : text();
        }
    }

    /** How many of the series the chart draws: all counts, or only the first column of a rate (the rest are its parts). */
    public int plotted() {
        return unit.isEmpty() ? series.size() : 1;
    }

    public boolean empty() {
        return rows.isEmpty();
    }
}
