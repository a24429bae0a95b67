package cn.govcloud.guard.data.web;

import cn.govcloud.guard.data.DataSecurity.Grade;
import cn.govcloud.guard.data.internal.DataSearch;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.shared.ListParameters;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The optional query parameters of the data lists, pages, exports and API alike (issue 23 point 11), bound as text so
 * that a bad value is refused with the list's own 400 naming it ({@link ListParameters}), never read as "any".
 */
record DataListParams(@Parameter(description = "keyword") String q, @Parameter(description = "owning unit's organisation id") String unit,
                      @Parameter(description = "the list's state: POLICY or NO_POLICY (catalogs), the transfer status, the finding kind")
                      String state,
                      @Parameter(description = "week or past: the transfer's validity (register only)") String due,
                      @Parameter(description = "the data set's grade, e.g. IMPORTANT") String grade,
                      @Parameter(description = "zero-based page") String page, @Parameter(description = "20, 50 or 100") String size) {

    /**
     * The search, or a 400 naming every bad parameter: a grade outside {@code grades}, a state outside {@code states}, a
     * due filter on a list without one ({@code withDue} false).
     */
    DataSearch search(Collection<String> states, Collection<Grade> grades, boolean withDue) {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("q", q);
        raw.put("unit", unit);
        raw.put("state", state);
        raw.put("due", due);
        raw.put("grade", grade);
        raw.put("page", page);
        raw.put("size", size);
        ListParameters p = ListParameters.of(raw);
        Grade chosen = p.choice("grade", Grade.class);
        if (chosen != null && !grades.contains(chosen)) {
            p.refuse("grade", "list.error.choice");
            chosen = null;
        }
        if (!withDue && p.text("due") != null) {
            p.refuse("due", "list.error.choice");
        }
        return new DataSearch(ListFilter.of(p, states), chosen);
    }

    /** Whether a page was asked for (the API lists answer every matching row otherwise, as they always did). */
    boolean paged() {
        return page != null || size != null;
    }

    /** The search's filters (not the page) as a query string, for the pager and the export link. */
    static String query(DataSearch search) {
        String query = search.filter().query();
        if (search.grade() == null) {
            return query;
        }
        return query + (query.isEmpty() ? "" : "&") + "grade=" + search.grade().name();
    }
}
