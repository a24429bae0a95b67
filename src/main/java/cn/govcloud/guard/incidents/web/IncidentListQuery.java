package cn.govcloud.guard.incidents.web;

import cn.govcloud.guard.incidents.internal.IncidentFilter;
import cn.govcloud.guard.shared.ListParameters;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;

/**
 * Issue 23 point 11: the incident list's keyword, filters and page as the URL carries them (GET, shareable), read once
 * for the page, its Excel export and the API through {@link ListParameters}; a value that cannot be read is refused
 * naming its field. What is the incident list's own: its parameters, their values and the {@link IncidentFilter}.
 */
public record IncidentListQuery(IncidentFilter filter, int page, int size, Map<String, String> params) implements ListLinks {
    /** The API answers at most this many incidents (and that many when it names no limit). */
    static final int API_MAX = 500;

    /** {@code max}: 0 on a page (sizes as offered), else the largest size the caller takes. */
    static IncidentListQuery parse(Map<String, String> raw, int defaultSize, int max) {
        ListParameters p = ListParameters.of(raw);
        String q = p.keyword("q");
        String grade = p.choice("grade", IncidentFilter.GRADES);
        String status = p.choice("status", IncidentFilter.STATUSES);
        Long orgId = p.id("orgId");
        YearMonth month = p.month("month");
        LocalDate from = p.date("from");
        LocalDate to = p.date("to");
        p.range("from", from, "to", to);
        int page = p.page();
        int size = p.size(defaultSize, max);
        p.check();
        return new IncidentListQuery(new IncidentFilter(q, grade, status, orgId, month, from, to), page, size, p.given());
    }

    /** The list before anything was asked (the page of a refused query). */
    static IncidentListQuery none(int size) {
        return new IncidentListQuery(IncidentFilter.none(), 0, size, Map.of());
    }
}
