package cn.govcloud.guard.hazards.web;

import cn.govcloud.guard.hazards.HazardFigures;
import cn.govcloud.guard.hazards.Hazards.Severity;
import cn.govcloud.guard.hazards.internal.HazardService;
import cn.govcloud.guard.hazards.internal.HazardState;
import cn.govcloud.guard.shared.ListParameters;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Issue 23 point 11: the hazard list's keyword, filters and page as the URL carries them (GET, so a link can be shared),
 * read once for the page, its Excel export and the API through {@link ListParameters}: a value that cannot be read is
 * refused naming the field (400 in the API, a message beside the filter on the page) instead of silently meaning "any".
 * What is the hazard list's own: which parameters, which values, the {@link HazardService.Filter} it builds.
 */
public record HazardListQuery(HazardService.Filter filter, int page, int size, Map<String, String> params) {
    /** The page sizes offered on the page; the API may ask for any size up to {@link #API_MAX}. */
    static final List<Integer> SIZES = ListParameters.SIZES;
    static final int API_MAX = 200;

    /** The page's query string: sizes as offered ({@link #SIZES}). */
    static HazardListQuery page(Map<String, String> raw) {
        return parse(raw, HazardPages.PAGE_SIZE, 0);
    }

    /** {@code raw}: the request's parameters (null or blank = any); {@code max}: 0 on a page, else the API's largest size. */
    static HazardListQuery parse(Map<String, String> raw, int defaultSize, int max) {
        ListParameters p = ListParameters.of(raw);
        String q = p.keyword("q");
        HazardState state = p.choice("state", HazardState.class);
        Severity severity = p.choice("severity", Severity.class);
        Long orgId = p.id("orgId");
        Boolean overdue = p.flag("overdue");
        // the dashboard's drill-downs (A11.3): open or closed, age since notified, year notified
        Boolean open = p.flag("status", "open", "closed");
        String ageKey = p.text("age");
        HazardFigures.Age age = ageKey == null ? null : HazardFigures.Age.of(ageKey).orElse(null);
        if (ageKey != null && age == null) {
            p.refuse("age", "list.error.choice");
        }
        Integer year = p.number("year", 2000, 2100);
        LocalDate from = p.date("from");
        LocalDate to = p.date("to");
        p.range("from", from, "to", to);
        int page = p.page();
        int size = p.size(defaultSize, max);
        p.check();
        return new HazardListQuery(new HazardService.Filter(state, severity, orgId, overdue, open, age, year, q, from, to), page, size,
                p.given());
    }

    /** The list before anything was asked (the page of a refused query). */
    static HazardListQuery none() {
        return new HazardListQuery(HazardService.Filter.none(), 0, HazardPages.PAGE_SIZE, Map.of());
    }

    /** The same list on another page (page 0 leaves it out), or its export. */
    public String href(String path, int toPage) {
        return ListParameters.href(path, params, toPage);
    }

    /** A parameter as typed (blank when absent), for the filter form to keep. */
    public String get(String name) {
        return params.getOrDefault(name, "");
    }
}
