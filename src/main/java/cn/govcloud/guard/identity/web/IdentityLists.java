package cn.govcloud.guard.identity.web;

import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.shared.Page;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;

/**
 * Issue 18, one way for the administrator's lists (users, API tokens, organisations): the model the shared search form
 * and pager read ({@code templates/fragments/lists.html}, issue 23 point 11), and what a refused form held, for
 * {@code templates/fragments/fields.html} (issue 23 point 9).
 */
final class IdentityLists {
    private IdentityLists() {
    }

    /** Where a list lives, what its rows are called in the model, how its states are named and which dues it offers. */
    record Shape(String path, String rowsName, List<String> states, String statePrefix, List<String> dues) {
    }

    /** The page of rows and the search form's model; {@code query} carries the filters into the pager and the export. */
    static void show(Model model, Shape shape, ListFilter filter, String query, Page<?> page, List<?> units) {
        model.addAttribute("filter", filter);
        model.addAttribute("page", page);
        model.addAttribute(shape.rowsName(), page.rows());
        model.addAttribute("states", shape.states());
        model.addAttribute("statePrefix", shape.statePrefix());
        model.addAttribute("sizes", ListFilter.SIZES);
        model.addAttribute("dues", shape.dues());
        model.addAttribute("listPath", shape.path());
        model.addAttribute("listQuery", query);
        model.addAttribute("units", units);
    }

    /** What was typed, by field name, without the fields left out (null); beside the refusals ({@code errors}). */
    static void typed(Model model, Map<String, String> errors, String... nameValue) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i + 1 < nameValue.length; i += 2) {
            if (nameValue[i + 1] != null) {
                values.put(nameValue[i], nameValue[i + 1]);
            }
        }
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
    }
}
