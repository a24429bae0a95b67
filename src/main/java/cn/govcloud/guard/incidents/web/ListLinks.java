package cn.govcloud.guard.incidents.web;

import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.ListParameters;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What the module's list queries ({@link IncidentListQuery}, {@link DrillListQuery}, {@link PlanListQuery}) share: the
 * parameters they read (trimmed, blanks left out) become the pager's and the export's links, and the filter form shows
 * each as typed (issue 23 point 11).
 */
public interface ListLinks {
    /** The parameters read, in the order read. */
    Map<String, String> params();

    /** Rows per page. */
    int size();

    /** The same list on another page (page 0 leaves it out), or its export. */
    default String href(String path, int toPage) {
        return ListParameters.href(path, params(), toPage);
    }

    /** A parameter as typed (blank when absent), for the filter form to keep. */
    default String get(String name) {
        return params().getOrDefault(name, "");
    }

    /**
     * An API list's query: the request's parameters read as the page reads them ({@code parse}), the page size called
     * {@code limit}; a value it cannot read is a 400 naming the parameter as the caller spelled it.
     */
    static <Q extends ListLinks> Q api(Map<String, String> params, Function<Map<String, String>, Q> parse) {
        Map<String, String> read = new HashMap<>(params);
        read.remove("size");
        read.put("size", params.get("limit"));
        try {
            return parse.apply(read);
        } catch (InvalidInput e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.fieldErrors().forEach((field, key) -> errors.put(field.equals("size") ? "limit" : field, key));
            throw new InvalidInput(e.getMessage(), errors);
        }
    }
}
