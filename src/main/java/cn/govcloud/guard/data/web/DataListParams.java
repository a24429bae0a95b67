package cn.govcloud.guard.data.web;

import cn.govcloud.guard.data.DataSecurity.Grade;
import cn.govcloud.guard.data.internal.DataSearch;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.shared.ListParameters;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The optional query parameters of the data lists (issue 23 point 11), read through {@link ListParameters} so that a bad
 * value is refused naming it, never read as "any". The pages and their exports pass the request's map
 * ({@link #search(Map, DataList)}); the API binds the same names as this record, so that its document lists them.
 */
record DataListParams(@Parameter(description = "keyword") String q, @Parameter(description = "owning unit's organisation id") String unit,
                      @Parameter(description = "the list's state: POLICY or NO_POLICY (catalogs), the transfer status, the finding kind")
                      String state,
                      @Parameter(description = "week or past: the transfer's validity (register only)") String due,
                      @Parameter(description = "the data set's grade, e.g. IMPORTANT") String grade,
                      @Parameter(description = "zero-based page") String page, @Parameter(description = "20, 50 or 100") String size) {

    /** The API's search of {@code list}: as a page's ({@link #search(Map, DataList)}). */
    DataSearch search(DataList list) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("q", q);
        request.put("unit", unit);
        request.put("state", state);
        request.put("due", due);
        request.put("grade", grade);
        request.put("page", page);
        request.put("size", size);
        return search(request, list);
    }

    /**
     * The search the request asks of {@code list}, or an {@code InvalidInput} (400) naming every bad parameter: a grade
     * outside the list's grades, a state outside its states, a due filter on a list without one.
     */
    static DataSearch search(Map<String, String> request, DataList list) {
        ListParameters p = ListParameters.of(request);
        Grade chosen = p.choice("grade", Grade.class);
        if (chosen != null && !list.grades().contains(chosen)) {
            p.refuse("grade", "list.error.choice");
            chosen = null;
        }
        if (!list.withDue() && p.text("due") != null) {
            p.refuse("due", "list.error.choice");
        }
        return new DataSearch(ListFilter.of(p, list.states()), chosen);
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
