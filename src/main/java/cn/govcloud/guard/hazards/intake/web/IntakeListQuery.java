package cn.govcloud.guard.hazards.intake.web;

import cn.govcloud.guard.hazards.intake.internal.Filter;
import cn.govcloud.guard.hazards.intake.parse.Severity;
import cn.govcloud.guard.shared.ListParameters;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 23 point 11: the finding and alert lists' keyword, filters and page size as the URL carries them (GET,
 * shareable), read once for the page, its Excel export and the API through {@link ListParameters}; an unreadable value
 * is refused naming its field. The lists page by keyset ({@code before}), so the next page's link carries the cursor.
 */
public record IntakeListQuery(Filter filter, Map<String, String> params) {
    static final List<Integer> SIZES = ListParameters.SIZES;
    static final List<String> STATES = List.of("OPEN", "TRIAGE", "RAISED", "DISMISSED");
    /** The API's largest page (the export reads every page whatever the size). */
    static final int API_MAX = 200;

    /** {@code max}: 0 on a page (sizes as offered), else the largest size the caller takes. */
    static IntakeListQuery parse(Map<String, String> raw, int defaultSize, int max) {
        ListParameters p = ListParameters.of(raw);
        String q = p.keyword("q");
        Severity severity = p.choice("severity", Severity.class);
        Long systemId = p.id("systemId");
        String state = p.choice("state", STATES);
        Long orgId = p.id("orgId");
        LocalDate from = p.date("from");
        LocalDate to = p.date("to");
        p.range("from", from, "to", to);
        int size = p.size(defaultSize, max);
        Long before = p.id("before");
        p.check();
        // the cursor is each link's own (href), like an offset list's page
        Map<String, String> params = new LinkedHashMap<>(p.given());
        params.remove("before");
        return new IntakeListQuery(new Filter(severity == null ? null : severity.name(), systemId, state, before, size, q, orgId, from, to),
                params);
    }

    /** The list before anything was asked (the page of a refused query). */
    static IntakeListQuery none(int size) {
        return new IntakeListQuery(new Filter(null, null, null, null, size), Map.of());
    }

    /** The same list from a keyset cursor (null: the first page). */
    public String href(String path, Long before) {
        Map<String, String> p = new LinkedHashMap<>(params);
        if (before != null) {
            p.put("before", String.valueOf(before));
        }
        return ListParameters.href(path, p, 0);
    }

    /** A parameter as typed (blank when absent), for the filter form to keep. */
    public String get(String name) {
        return params.getOrDefault(name, "");
    }
}
