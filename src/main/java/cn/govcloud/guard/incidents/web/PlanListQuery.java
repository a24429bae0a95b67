package cn.govcloud.guard.incidents.web;

import cn.govcloud.guard.incidents.internal.PlanFilter;
import cn.govcloud.guard.shared.ListParameters;
import java.util.Map;

/**
 * Issue 23 point 11: the emergency-plan list's keyword, unit, state ({@code inForce} / {@code missing}) and page as the URL
 * carries them, read alike by the page, its Excel export and the API through {@link ListParameters}; an unreadable value is
 * refused naming it.
 */
public record PlanListQuery(PlanFilter filter, int page, int size, Map<String, String> params) implements ListLinks {
    static final int PAGE_SIZE = 100;
    static final int API_MAX = 500;

    /** {@code max}: 0 on a page (sizes as offered), else the largest size the caller takes. */
    static PlanListQuery parse(Map<String, String> raw, int defaultSize, int max) {
        ListParameters p = ListParameters.of(raw);
        String q = p.keyword("q");
        Long unit = p.id("unit");
        Boolean inForce = p.flag("state", "inForce", "missing");
        int page = p.page();
        int size = p.size(defaultSize, max);
        p.check();
        return new PlanListQuery(new PlanFilter(q, unit, inForce), page, size, p.given());
    }

    static PlanListQuery none() {
        return new PlanListQuery(PlanFilter.none(), 0, PAGE_SIZE, Map.of());
    }
}
