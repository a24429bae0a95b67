package cn.govcloud.guard.supervision.scheduling;

import io.swagger.v3.oas.annotations.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The optional query parameters of the supervision's lists, pages, exports and API alike (issue 23 point 11), bound as
 * text so that a bad value is refused with the list's own 400 naming it ({@link ListPages#filter}) rather than a binding
 * error. Without {@code page} and {@code size} an API list answers every matching row, as it did before.
 */
public record ListParams(@Parameter(description = "keyword") String q, @Parameter(description = "owning unit's organisation id") String unit,
                         @Parameter(description = "state") String state, @Parameter(description = "week or past") String due,
                         @Parameter(description = "zero-based page") String page, @Parameter(description = "rows per page: 20, 50 or 100") String size) {

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("q", q);
        m.put("unit", unit);
        m.put("state", state);
        m.put("due", due);
        m.put("page", page);
        m.put("size", size);
        return m;
    }
}
