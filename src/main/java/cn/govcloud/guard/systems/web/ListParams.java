package cn.govcloud.guard.systems.web;

import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.systems.internal.Classification;
import cn.govcloud.guard.systems.internal.HostedSystem.Exposure;
import cn.govcloud.guard.systems.internal.SystemQueries.Filter;
import cn.govcloud.guard.systems.internal.SystemState;
import cn.govcloud.guard.systems.internal.WorkOrders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.springframework.ui.Model;

/**
 * What a list's query string means (the systems and the work orders), read alike by the page and its Excel export so the
 * export holds exactly the rows shown (issue 23 point 11): the filters, the keyword and the page size people chose (kept
 * in the URL).
 */
final class ListParams {
    /** The page sizes offered; anything else reads as the default. */
    static final List<Integer> SIZES = List.of(20, 50, 100);
    static final int DEFAULT_SIZE = 50;
    /** A keyword longer than this is not a keyword; it is cut rather than refused (the list still answers). */
    static final int KEYWORD_MAX = 100;

    private ListParams() {
    }

    static int size(Map<String, String> params) {
        try {
            int size = Integer.parseInt(params.getOrDefault("size", "").strip());
            return SIZES.contains(size) ? size : DEFAULT_SIZE;
        } catch (NumberFormatException e) {
            return DEFAULT_SIZE;
        }
    }

    static String keyword(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        String k = q.strip();
        return k.length() > KEYWORD_MAX ? k.substring(0, KEYWORD_MAX) : k;
    }

    /** The systems filter the query string asks for; a value that does not parse reads as no filter at all. */
    static Filter systems(Map<String, String> params) {
        try {
            return new Filter(number(params.get("unit")), level(params.get("level")),
                    SystemApiController.parse(SystemState.class, "state", blank(params.get("state"))),
                    SystemApiController.parse(Exposure.class, "exposure", blank(params.get("exposure"))),
                    "true".equals(params.get("overdue")) ? true : null, flag(params.get("cii")), flag(params.get("nonClassified")),
                    keyword(params.get("q")));
        } catch (InvalidInput | NumberFormatException e) {
            return Filter.none();
        }
    }

    /** The work orders' filter (unit, state, kind, keyword); a value that does not parse reads as no filter at all. */
    static WorkOrders.Filter workOrders(Map<String, String> params) {
        try {
            return new WorkOrders.Filter(null, number(params.get("unit")),
                    SystemApiController.parse(WorkOrders.State.class, "state", blank(params.get("state"))),
                    SystemApiController.parse(WorkOrders.Kind.class, "kind", blank(params.get("kind"))), keyword(params.get("q")));
        } catch (InvalidInput e) {
            return WorkOrders.Filter.none();
        }
    }

    /** The classification register's filter (issue 22 point 3); a value that does not parse reads as no filter at all. */
    static Classification.Filter classification(Map<String, String> params) {
        try {
            return new Classification.Filter(number(params.get("unit")), flag(params.get("cii")), flag(params.get("nonClassified")),
                    SystemApiController.parse(SystemState.class, "state", blank(params.get("state"))), keyword(params.get("name")));
        } catch (InvalidInput e) {
            return Classification.Filter.none();
        }
    }

    /** An export's title row names the keyword and the unit first, as the page's filter shows them (label → value). */
    static Map<String, String> shown(SheetExport export, String q, Long orgId, List<OrganisationView> units) {
        Map<String, String> shown = new LinkedHashMap<>();
        if (q != null) {
            shown.put(export.text("systems.filter.q"), q);
        }
        if (orgId != null) {
            shown.put(export.text("systems.field.unit"), units.stream().filter(o -> o.id() == orgId).map(OrganisationView::name)
                    .findFirst().orElse(String.valueOf(orgId)));
        }
        return shown;
    }

    /** The classification flags a filter names (关基, 非涉密声明), added to an export's title row. */
    static void shownFlags(Map<String, String> shown, SheetExport export, Boolean cii, Boolean nonClassified) {
        if (cii != null) {
            shown.put(export.text("systems.filter.cii"), export.text(cii ? "systems.filter.yes" : "systems.filter.no"));
        }
        if (nonClassified != null) {
            shown.put(export.text("systems.filter.nonClassified"),
                    export.text(nonClassified ? "systems.filter.declared" : "systems.filter.undeclared"));
        }
    }

    /**
     * One page of a keyset-paged list into the model: {@code rows} was read with one row more than {@code size}, so that
     * row says whether a next page exists ({@code next}: the last shown row's id); the sizes offered and the chosen one too.
     */
    static <T> void page(Model model, String name, List<T> rows, int size, ToLongFunction<T> id) {
        model.addAttribute(name, rows.stream().limit(size).toList());
        model.addAttribute("next", rows.size() > size ? id.applyAsLong(rows.get(size - 1)) : null);
        model.addAttribute("sizes", SIZES);
        model.addAttribute("size", size);
    }

    /** A flag filter: "true" / "false", anything else any. */
    static Boolean flag(String value) {
        return "true".equals(value) ? Boolean.TRUE : "false".equals(value) ? Boolean.FALSE : null;
    }

    static Long number(String value) {
        try {
            return value == null || value.isBlank() ? null : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer level(String value) {
        return value == null || value.isBlank() ? null : Integer.parseInt(value.strip());
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
