package cn.govcloud.guard.systems.web;

import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.ListParameters;
import cn.govcloud.guard.systems.internal.Classification;
import cn.govcloud.guard.systems.internal.HostedSystem.Exposure;
import cn.govcloud.guard.systems.internal.SystemQueries.Filter;
import cn.govcloud.guard.systems.internal.SystemRegister;
import cn.govcloud.guard.systems.internal.SystemState;
import jakarta.servlet.http.HttpServletResponse;
import cn.govcloud.guard.systems.internal.WorkOrders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.springframework.ui.Model;

/**
 * What a list's query string means (the systems, the work orders, the classification register and the provider's
 * register), read alike by the page, its Excel export and the API through {@link ListParameters} so the export holds
 * exactly the rows shown (issue 23 point 11). A value a list cannot read is refused naming the parameter (400 problem
 * in the API, the message beside the filter on the page, nothing exported) — never read as "any".
 */
final class ListParams {
    /** The page sizes offered. */
    static final List<Integer> SIZES = ListParameters.SIZES;
    static final int DEFAULT_SIZE = 50;

    private ListParams() {
    }

    /** Where a keyset page starts ({@code before}: the last shown row's id; null for the first page) and its size. */
    record Keyset(Long before, int size) {
    }

    /** How a list reads one keyset page of its rows: those after {@code before} (null: the first page), at most {@code limit}. */
    @FunctionalInterface
    interface Rows<F, T> {
        List<T> read(F filter, Long before, int limit);
    }

    /**
     * A list page's query string read as its export and its API read it: the filter ({@code filter}), the page size and the
     * cursor, then one page of {@code rows} into the model ({@link #page}) — or, when the query is refused, 400 with the
     * messages beside the filters and no rows ({@link #refused}). The request's parameters go back as {@code params}.
     * Returns the rows shown.
     */
    static <F, T> List<T> show(Model model, HttpServletResponse response, Map<String, String> params, String name, String path,
                               Function<ListParameters, F> filter, Rows<F, T> rows, ToLongFunction<T> id) {
        model.addAttribute("params", params);
        try {
            ListParameters p = ListParameters.of(params);
            F f = filter.apply(p);
            Keyset k = keyset(p, 0);
            p.check();
            List<T> read = rows.read(f, k.before(), k.size() + 1);
            page(model, name, read, k.size(), id, path, p);
            return read.stream().limit(k.size()).toList();
        } catch (InvalidInput e) {
            refused(model, response, e, name); // issue 23 point 11: refused beside the filter, no rows claimed
            return List.of();
        }
    }

    /** Every row {@code filter} selects, in keyset pages of {@link SheetExport#PAGE} as the page reads them, for an export. */
    static <F, T> void everyRow(F filter, Rows<F, T> rows, ToLongFunction<T> id, Consumer<T> row) {
        Long before = null;
        while (true) {
            List<T> page = rows.read(filter, before, SheetExport.PAGE);
            page.forEach(row);
            if (page.size() < SheetExport.PAGE) {
                return;
            }
            before = id.applyAsLong(page.get(page.size() - 1));
        }
    }

    /** The page size ({@link #SIZES}) and the cursor; {@code max} 0 on a page, else the API's largest size. */
    static Keyset keyset(ListParameters p, int max) {
        return new Keyset(p.id("before"), p.size(DEFAULT_SIZE, max));
    }

    /** An API handler's named parameters (name, value, name, value…; nulls left out) to be read as a page reads its own. */
    static ListParameters api(Object... nameValue) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            if (nameValue[i + 1] != null) {
                raw.put((String) nameValue[i], String.valueOf(nameValue[i + 1]));
            }
        }
        return ListParameters.of(raw);
    }

    /** The systems filter the query string asks for. */
    static Filter systems(ListParameters p) {
        String q = p.keyword("q");
        Long unit = p.id("unit");
        Integer level = p.number("level", 1, 5);
        SystemState state = p.choice("state", SystemState.class);
        Exposure exposure = p.choice("exposure", Exposure.class);
        // the page's check box sends only "true"; "false" reads as any, as it always did
        Boolean overdue = p.flag("overdue");
        Boolean cii = p.flag("cii");
        Boolean nonClassified = p.flag("nonClassified");
        return new Filter(unit, level, state, exposure, Boolean.TRUE.equals(overdue) ? Boolean.TRUE : null, cii, nonClassified, q);
    }

    /** The work orders' filter (system, unit, state, kind, keyword). */
    static WorkOrders.Filter workOrders(ListParameters p) {
        String q = p.keyword("q");
        Long system = p.id("system");
        Long unit = p.id("unit");
        WorkOrders.State state = p.choice("state", WorkOrders.State.class);
        WorkOrders.Kind kind = p.choice("kind", WorkOrders.Kind.class);
        return new WorkOrders.Filter(system, unit, state, kind, q);
    }

    /** The classification register's filter (issue 22 point 3); its keyword is {@code name}. */
    static Classification.Filter classification(ListParameters p) {
        String name = p.keyword("name");
        Long unit = p.id("unit");
        SystemState state = p.choice("state", SystemState.class);
        Boolean cii = p.flag("cii");
        Boolean nonClassified = p.flag("nonClassified");
        return new Classification.Filter(unit, cii, nonClassified, state, name);
    }

    /** The provider's register's filter (metadata only, A8.1); its keyword is {@code name}. */
    static SystemRegister.Filter register(ListParameters p) {
        String name = p.keyword("name");
        Long unit = p.id("unit");
        Integer level = p.number("level", 1, 5);
        SystemState state = p.choice("state", SystemState.class);
        Exposure exposure = p.choice("exposure", Exposure.class);
        return new SystemRegister.Filter(unit, level, state, exposure, name);
    }

    /**
     * A refused query on a page: 400, the messages beside the filters ({@code errors}: bundle keys, the form's at the top)
     * and no rows claimed ({@code name} empty, no next page).
     */
    static void refused(Model model, HttpServletResponse response, InvalidInput e, String name) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        Map<String, String> errors = new LinkedHashMap<>(e.fieldErrors());
        errors.put("form", e.getMessage());
        model.addAttribute("errors", errors);
        model.addAttribute(name, List.of());
        model.addAttribute("next", null);
        model.addAttribute("sizes", SIZES);
        model.addAttribute("size", DEFAULT_SIZE);
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

    /** A choice a filter names ({@code value}, shown by the message {@code prefix + value}), added to an export's title row. */
    static void shownChoice(Map<String, String> shown, SheetExport export, String labelKey, String prefix, Object value) {
        if (value != null) {
            shown.put(export.text(labelKey), export.text(prefix + value));
        }
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
     * row says whether a next page exists ({@code next}: the last shown row's id; {@code nextHref}: {@code path} with the
     * parameters {@code p} read and that cursor); the sizes offered and the chosen one too.
     */
    static <T> void page(Model model, String name, List<T> rows, int size, ToLongFunction<T> id, String path, ListParameters p) {
        model.addAttribute("errors", Map.of());
        model.addAttribute(name, rows.stream().limit(size).toList());
        Long next = rows.size() > size ? id.applyAsLong(rows.get(size - 1)) : null;
        model.addAttribute("next", next);
        if (next != null) {
            Map<String, String> given = new LinkedHashMap<>(p.given());
            given.remove("before");
            given.put("size", String.valueOf(size));
            given.put("before", String.valueOf(next));
            model.addAttribute("nextHref", ListParameters.href(path, given, 0));
        }
        model.addAttribute("sizes", SIZES);
        model.addAttribute("size", size);
    }
}
