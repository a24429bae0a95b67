package cn.govcloud.guard.hazards.web;

import cn.govcloud.guard.hazards.HazardFigures;
import cn.govcloud.guard.hazards.internal.HazardService;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import cn.govcloud.guard.shared.InvalidInput;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Issue 23 point 11: the hazard list's keyword, filters and page as the URL carries them (GET, so a link can be shared),
 * read once for the page, its Excel export and the API. A value that cannot be read is refused naming the field (400 in
 * the API, a message beside the filter on the page) instead of silently meaning "any".
 */
public record HazardListQuery(HazardService.Filter filter, int page, int size, Map<String, String> params) {
    /** The page sizes offered; the API may ask for any size up to 200. */
    static final List<Integer> SIZES = List.of(20, 50, 100);
    private static final String[] NAMES = {"q", "state", "severity", "orgId", "overdue", "status", "age", "year", "from", "to"};

    /** {@code raw}: the request's parameters (null or blank = any); {@code defaultSize}: the page's or the API's. */
    static HazardListQuery parse(Map<String, String> raw, int defaultSize) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : NAMES) {
            String v = raw.get(name);
            if (v != null && !v.isBlank()) {
                params.put(name, v.strip());
            }
        }
        Map<String, String> errors = new LinkedHashMap<>();
        HazardService.Filter base;
        try {
            base = HazardInput.filter(params.get("state"), params.get("severity"), number(params, "orgId", errors),
                    choice(params, "overdue", "true", "false", errors));
        } catch (InvalidInput e) {
            errors.putAll(e.fieldErrors());
            base = HazardService.Filter.none();
        }
        // the dashboard's drill-downs (A11.3): open or closed, age since notified, year notified
        Boolean open = choice(params, "status", "open", "closed", errors);
        HazardFigures.Age age = null;
        if (params.containsKey("age")) {
            age = HazardFigures.Age.of(params.get("age")).orElse(null);
            if (age == null) {
                errors.put("age", "hazards.error.filter");
            }
        }
        Long year = number(params, "year", errors);
        if (year != null && (year < 2000 || year > 2100)) {
            errors.put("year", "hazards.error.filter");
        }
        LocalDate from = date(params, "from", errors);
        LocalDate to = date(params, "to", errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.put("to", "hazards.error.range");
        }
        if (params.getOrDefault("q", "").length() > 100) {
            errors.put("q", "hazards.error.keyword");
        }
        int size = raw.get("size") == null || raw.get("size").isBlank() ? defaultSize : number(raw.get("size").strip(), errors, "size");
        int page = raw.get("page") == null || raw.get("page").isBlank() ? 0 : number(raw.get("page").strip(), errors, "page");
        if (size < 1 || size > 200) {
            errors.put("size", "hazards.error.size");
        }
        if (page < 0) {
            errors.put("page", "hazards.error.filter");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("hazards.error.filterInvalid", errors);
        }
        if (size != defaultSize) {
            params.put("size", String.valueOf(size));
        }
        HazardService.Filter f = new HazardService.Filter(base.state(), base.severity(), base.orgId(), base.overdue(), open, age,
                year == null ? null : year.intValue(), params.get("q"), from, to);
        return new HazardListQuery(f, page, size, params);
    }

    /** The same list on another page (or the export: page -1 leaves the page out). */
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

    private static Long number(Map<String, String> params, String name, Map<String, String> errors) {
        String v = params.get(name);
        if (v == null) {
            return null;
        }
        if (!v.matches("[0-9]{1,15}")) {
            errors.put(name, "hazards.error.filter");
            return null;
        }
        return Long.valueOf(v);
    }

    private static int number(String v, Map<String, String> errors, String name) {
        if (!v.matches("[0-9]{1,4}")) {
            errors.put(name, "hazards.error.filter");
            return 0;
        }
        return Integer.parseInt(v);
    }

    private static Boolean choice(Map<String, String> params, String name, String yes, String no, Map<String, String> errors) {
        String v = params.get(name);
        if (v == null) {
            return null;
        }
        if (!v.equals(yes) && !v.equals(no)) {
            errors.put(name, "hazards.error.filter");
            return null;
        }
        return v.equals(yes);
    }

    private static LocalDate date(Map<String, String> params, String name, Map<String, String> errors) {
        String v = params.get(name);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            errors.put(name, "hazards.error.date");
            return null;
        }
    }
}
