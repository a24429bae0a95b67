package cn.govcloud.guard.incidents.web;

import cn.govcloud.guard.incidents.internal.DrillFilter;
import cn.govcloud.guard.shared.ListParameters;
import java.time.LocalDate;
import java.util.Map;

/**
 * Issue 23 point 11: the drill list's keyword, invited unit, year and page as the URL carries them, read alike by the
 * page, its Excel export and the API through {@link ListParameters}; an unreadable value is refused naming it. {@code half}
 * (e.g. 2026-H2) is the dashboard's drill-down (A10.3): the drills of one half-year.
 */
public record DrillListQuery(DrillFilter filter, String half, int page, int size, Map<String, String> params) implements ListLinks {
    static final int PAGE_SIZE = 100;
    static final int API_MAX = 200;

    /** {@code max}: 0 on a page (sizes as offered), else the largest size the caller takes. */
    static DrillListQuery parse(Map<String, String> raw, int defaultSize, int max) {
        ListParameters p = ListParameters.of(raw);
        String q = p.keyword("q");
        Long unit = p.id("unit");
        Integer year = p.number("year", 2000, 2100);
        String half = p.text("half");
        LocalDate from = null;
        LocalDate to = null;
        if (half != null) {
            if (half.matches("\\d{4}-H[12]")) {
                from = LocalDate.of(Integer.parseInt(half.substring(0, 4)), half.endsWith("1") ? 1 : 7, 1);
                to = from.plusMonths(6).minusDays(1);
            } else {
                p.refuse("half", "list.error.half");
                half = null;
            }
        }
        int page = p.page();
        int size = p.size(defaultSize, max);
        p.check();
        return new DrillListQuery(new DrillFilter(q, unit, year, from, to), half, page, size, p.given());
    }

    static DrillListQuery none() {
        return new DrillListQuery(DrillFilter.none(), null, 0, PAGE_SIZE, Map.of());
    }
}
