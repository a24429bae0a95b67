package cn.govcloud.guard.calendar.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads holiday schedules in the shape of the product's {@code calendar/holidays-cn.json}:
 * {@code {"source", "note", "years": {"2026": {"paper", "holidays": [...], "workdays": [...]}}}}.
 * Every year goes through {@link ScheduleValidation}, the product's own data included.
 */
public final class ScheduleFile {
    /** The schedules shipped with the product (2024–2026 as published), with their citation in {@code source}. */
    public static final String BUNDLED = "calendar/holidays-cn.json";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** A whole file: where its data comes from and its years, ascending. */
    public record Contents(String source, List<YearSchedule> years) {
    }

    private ScheduleFile() {
    }

    public static Contents bundled() {
        try (InputStream in = ScheduleFile.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the product's holiday schedules are missing: " + BUNDLED);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The calendar of the product's schedules, for tests and benchmarks that need no database. */
    public static ChineseCalendar bundledCalendar() {
        return ChineseCalendar.of(bundled().years());
    }

    public static Contents read(InputStream in) {
        JsonNode root = JSON.readTree(in);
        String source = root.path("source").asString("");
        List<YearSchedule> years = new ArrayList<>();
        for (Map.Entry<String, JsonNode> year : root.path("years").properties()) {
            int number = Integer.parseInt(year.getKey());
            years.add(ScheduleValidation.validate(number, JSON.treeToValue(year.getValue(), YearEntry.class)));
        }
        years.sort(java.util.Comparator.comparingInt(YearSchedule::year));
        return new Contents(source, years);
    }

    /**
     * One year out of an uploaded file, which may hold just that year ({@code {"paper", "holidays",
     * "workdays"}}) or be a whole file with {@code "years"}; null when the file has no entry for it.
     */
    public static YearEntry yearOf(JsonNode root, int year) {
        JsonNode node = root.has("years") ? root.path("years").path(String.valueOf(year)) : root;
        if (node.isMissingNode() || !node.isObject()) {
            return null;
        }
        return JSON.treeToValue(node, YearEntry.class);
    }

    public static JsonNode parse(byte[] bytes) {
        return JSON.readTree(bytes);
    }
}
