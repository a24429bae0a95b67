package cn.govcloud.guard.incidents.web;

import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.ListParameters;
import cn.govcloud.guard.shared.Page;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.ui.Model;

/** How the module's list pages (incidents, drills, plans) show a query from the URL (issue 23 point 11). */
final class ListPages {
    private ListPages() {
    }

    /**
     * The query {@code parse} reads from the URL and the page of rows {@code search} finds for it, as {@code page} and
     * {@code query}; a value that cannot be read is shown beside its filter ({@code listErrors}, message keys; what was
     * typed in {@code listValues}) with a 400 and no rows claimed. {@code response} may be null when nothing can be refused.
     */
    static <Q extends ListLinks, R> Page<R> listed(Model model, HttpServletResponse response, Map<String, String> params,
                                                  Function<Map<String, String>, Q> parse, Q none, Function<Q, Page<R>> search) {
        Q query = none;
        Page<R> page;
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            query = parse.apply(params);
            page = search.apply(query);
        } catch (InvalidInput e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            errors.putAll(e.fieldErrors());
            errors.put("form", e.getMessage());
            page = new Page<>(List.of(), 0, 0, none.size());
        }
        model.addAttribute("page", page);
        model.addAttribute("query", query);
        model.addAttribute("listErrors", errors);
        model.addAttribute("listValues", params);
        model.addAttribute("sizes", ListParameters.SIZES);
        return page;
    }
}
