package cn.govcloud.guard.access.web;

import cn.govcloud.guard.shared.ListFilter;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.Collection;

/**
 * The optional query parameters of the access lists, pages and API alike (issue 23 point 11), bound from the URL as
 * text so that a bad value is refused with the list's own 400 naming it ({@link ListFilter#of}) rather than a binding error.
 */
record ListParams(@Parameter(description = "keyword") String q, @Parameter(description = "owning unit's organisation id") String unit,
                  @Parameter(description = "state") String state, @Parameter(description = "week or past") String due,
                  @Parameter(description = "zero-based page") String page, @Parameter(description = "20, 50 or 100") String size) {

    ListFilter filter(Collection<String> states) {
        return ListFilter.of(q, unit, state, states, due, page, size);
    }

    /** Whether a page was asked for (the API lists answer everything matching otherwise, as they always did). */
    boolean paged() {
        return page != null || size != null;
    }
}
