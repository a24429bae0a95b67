package cn.govcloud.guard.supervision.annualreport;

import java.util.List;

/**
 * The annual report as a document, before it is PDF or Word: headings of two levels, paragraphs, tables with Chinese
 * headers and bar charts, in order. {@link AnnualReportOutline} writes it once; {@link AnnualReportPdf} and {@link
 * AnnualReportWord} each render it, so the two files always say the same.
 */
record ReportOutline(String title, String subtitle, List<Part> parts) {

    sealed interface Part permits Heading, Text, Grid, Chart {
        /** heading, text, grid or chart: what the page's template switches on. */
        default String kind() {
            return getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Level 1 (一、…) or 2 (（一）…). */
    record Heading(int level, String text) implements Part {
    }

    record Text(String text) implements Part {
    }

    record Grid(List<String> header, List<List<String>> rows) implements Part {
    }

    /** One series per year; {@code values.get(s).get(c)}; {@code unit} "%" for rates, empty for counts. */
    record Chart(String title, List<String> series, List<String> categories, List<List<Double>> values, String unit) implements Part {
        /** The value of a series in a category as the page's chart reads it: empty when there is none. */
        public String data(int series, int category) {
            Double v = category < values.get(series).size() ? values.get(series).get(category) : null;
            if (v == null) {
                return "";
            }
            return v == Math.rint(v) ? String.valueOf(v.longValue()) : String.valueOf(v);
        }

        /** The same as a person reads it: with the unit, or — when there is none. */
        public String shown(int series, int category) {
            String data = data(series, category);
            return data.isEmpty() ? "—" : data + unit;
        }
    }
}
