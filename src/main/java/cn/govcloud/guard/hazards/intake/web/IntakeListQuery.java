package cn.govcloud.guard.hazards.intake.web;

import cn.govcloud.guard.hazards.intake.internal.Filter;
import cn.govcloud.guard.hazards.intake.parse.Severity;
import cn.govcloud.guard.shared.InvalidInput;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Issue 23 point 11: the finding and alert lists' keyword, filters and page size as the URL carries them (GET,
 * shareable), read once for the page, its Excel export and the API; an unreadable value is refused naming its field.
 * The lists page by keyset ({@code before}), so the next page's link carries the cursor.
 */
public record IntakeListQuery(Filter filter, Map<String, String> params) {
    static final List<Integer> SIZES = List.of(20, 50, 100);
    static final List<String> STATES = List.of("OPEN", "TRIAGE", "RAISED", "DISMISSED");
    private static final List<String> NAMES = List.of("q", "severity", "systemId", "state", "orgId", "from", "to");

    static IntakeListQuery parse(Map<String, String> raw, int defaultSize) {
        Map<String, String> params = new LinkedHashMap<>();
        NAMES.forEach(name -> {
            String v = raw.get(name);
            if (v != null && !v.isBlank()) {
                params.put(name, v.strip());
            }
        });
        Map<String, String> errors = new LinkedHashMap<>();
        String severity = oneOf(params, "severity", Arrays.stream(Severity.values()).map(Enum::name).toList(), errors);
        String state = oneOf(params, "state", STATES, errors);
        Long systemId = id(params.get("systemId"), "systemId", errors);
        Long orgId = id(params.get("orgId"), "orgId", errors);
        Long before = id(raw.get("before") == null || raw.get("before").isBlank() ? null : raw.get("before").strip(), "before", errors);
        LocalDate from = date(params, "from", errors);
        LocalDate to = date(params, "to", errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.put("to", "hazards.intake.error.range");
        }
        if (params.getOrDefault("q", "").length() > 100) {
            errors.put("q", "hazards.intake.error.keyword");
        }
        String sizeText = raw.get("size") == null || raw.get("size").isBlank() ? null : raw.get("size").strip();
        int size = defaultSize;
        if (sizeText != null) {
            if (sizeText.matches("[0-9]{1,3}") && Integer.parseInt(sizeText) >= 1 && Integer.parseInt(sizeText) <= 200) {
                size = Integer.parseInt(sizeText);
            } else {
                errors.put("size", "hazards.intake.error.size");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("hazards.intake.error.filterInvalid", errors);
        }
        if (size != defaultSize) {
            params.put("size", String.valueOf(size));
        }
        return new IntakeListQuery(new Filter(severity, systemId, state, before, size, params.get("q"), orgId, from, to), params);
    }

    /** The same list from a keyset cursor (null: the first page). */
    public String href(String path, Long before) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
        params.forEach(b::queryParam);
        if (before != null) {
            b.queryParam("before", before);
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
            errors.put(name, "hazards.intake.error.filter");
            return null;
        }
        return upper;
    }

    private static Long id(String v, String name, Map<String, String> errors) {
        if (v == null) {
            return null;
        }
        if (!v.matches("[0-9]{1,15}")) {
            errors.put(name, "hazards.intake.error.filter");
            return null;
        }
        return Long.valueOf(v);
    }

    private static LocalDate date(Map<String, String> params, String name, Map<String, String> errors) {
        String v = params.get(name);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            errors.put(name, "hazards.intake.error.date");
            return null;
        }
    }
}
