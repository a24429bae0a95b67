package cn.govcloud.guard.incidents.web;

import cn.govcloud.guard.incidents.internal.IncidentFilter;
import cn.govcloud.guard.shared.InvalidInput;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Issue 23 point 11: the incident list's keyword, filters and page as the URL carries them (GET, shareable), read once
 * for the page, its Excel export and the API; a value that cannot be read is refused naming its field.
 */
public record IncidentListQuery(IncidentFilter filter, int page, int size, Map<String, String> params) {
    static final List<Integer> SIZES = List.of(20, 50, 100);
    private static final List<String> NAMES = List.of("q", "grade", "status", "orgId", "month", "from", "to");

    static IncidentListQuery parse(Map<String, String> raw, int defaultSize) {
        Map<String, String> params = new LinkedHashMap<>();
        NAMES.forEach(name -> {
            String v = raw.get(name);
            if (v != null && !v.isBlank()) {
                params.put(name, v.strip());
            }
        });
        Map<String, String> errors = new LinkedHashMap<>();
        String grade = oneOf(params, "grade", IncidentFilter.GRADES, errors);
        String status = oneOf(params, "status", IncidentFilter.STATUSES, errors);
        Long orgId = null;
        if (params.containsKey("orgId")) {
            if (params.get("orgId").matches("[0-9]{1,15}")) {
                orgId = Long.valueOf(params.get("orgId"));
            } else {
                errors.put("orgId", "incidents.error.filter");
            }
        }
        YearMonth month = null;
        LocalDate from = null;
        LocalDate to = null;
        try {
            month = params.containsKey("month") ? YearMonth.parse(params.get("month")) : null;
        } catch (DateTimeParseException e) {
            errors.put("month", "incidents.error.month");
        }
        try {
            from = params.containsKey("from") ? LocalDate.parse(params.get("from")) : null;
        } catch (DateTimeParseException e) {
            errors.put("from", "incidents.error.date");
        }
        try {
            to = params.containsKey("to") ? LocalDate.parse(params.get("to")) : null;
        } catch (DateTimeParseException e) {
            errors.put("to", "incidents.error.date");
        }
        if (from != null && to != null && to.isBefore(from)) {
            errors.put("to", "incidents.error.range");
        }
        if (params.getOrDefault("q", "").length() > 100) {
            errors.put("q", "incidents.error.keyword");
        }
        int size = count(raw.get("size"), defaultSize, "size", errors);
        int page = count(raw.get("page"), 0, "page", errors);
        if (size < 1 || size > 500) {
            errors.put("size", "incidents.error.size");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("incidents.error.filterInvalid", errors);
        }
        if (size != defaultSize) {
            params.put("size", String.valueOf(size));
        }
        return new IncidentListQuery(new IncidentFilter(params.get("q"), grade, status, orgId, month, from, to), page, size, params);
    }

    /** The same list on another page (page 0 leaves it out). */
    public String href(String path, int toPage) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
        params.forEach(b::queryParam);
        if (toPage > 0) {
            b.queryParam("page", toPage);
        }
        return b.encode().build().toUriString();
    }

    /** A parameter as typed (blank when absent), for the filter form to keep. */
    public String get(String name) {
        return params.getOrDefault(name, "");
    }

    private static String oneOf(Map<String, String> params, String name, List<String> allowed, Map<String, String> errors) {
        String v = params.get(name);
        if (v == null) {
            return null;
        }
        String upper = v.toUpperCase(Locale.ROOT);
        if (!allowed.contains(upper)) {
            errors.put(name, "incidents.error.filter");
            return null;
        }
        return upper;
    }

    private static int count(String v, int absent, String name, Map<String, String> errors) {
        if (v == null || v.isBlank()) {
            return absent;
        }
        if (!v.strip().matches("[0-9]{1,4}")) {
            errors.put(name, "incidents.error.filter");
            return absent;
        }
        return Integer.parseInt(v.strip());
    }
}
