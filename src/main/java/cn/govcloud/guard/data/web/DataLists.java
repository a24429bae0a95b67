package cn.govcloud.guard.data.web;

import cn.govcloud.guard.data.internal.DataSearch;
import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Page;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Issue 23 point 11, one way for the four data lists (catalog, important data, cross-border register, findings): the
 * model the shared search shell and pager read ({@code templates/fragments/lists.html} through
 * {@code data/list-search.html}), the API's answer, and the filters as an export's title row says them — so
 * the Excel file is exactly the list on the screen.
 */
@Component
class DataLists {
    private final OrganisationDirectory organisations;
    private final SheetExport export;
    private final RuleCatalog rules;

    DataLists(OrganisationDirectory organisations, SheetExport export, RuleCatalog rules) {
        this.organisations = organisations;
        this.export = export;
        this.rules = rules;
    }

    /** A rule by its title in the reader's language, as the pages name it (issue 23 point 4); an unknown id as it is. */
    String ruleTitle(String ruleId) {
        boolean english = "en".equals(LocaleContextHolder.getLocale().getLanguage());
        return rules.rule(ruleId).map(r -> english ? r.titleEn() : r.title()).orElse(ruleId);
    }

    /**
     * The model of a list page from the request's parameters (read by {@code data/list-search.html} and the shared pager),
     * and the page found. A filter the list cannot read (issue 23 point 11) answers 400 with the list's own page: the
     * reason beside its filter ({@code listErrors}), what was typed kept ({@code asked}), no rows — never read as "any".
     */
    <T> Page<T> show(Model model, Actor actor, Map<String, String> request, HttpServletResponse response, DataList list,
            Function<DataSearch, Page<T>> find) {
        DataSearch search = DataSearch.none();
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> asked = request;
        Page<T> page;
        try {
            search = DataListParams.search(request, list);
            asked = asked(search);
            page = find.apply(search);
        } catch (InvalidInput e) {
            errors.putAll(e.fieldErrors());
            errors.put("form", e.getMessage());
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            String size = request.get("size") == null ? "" : request.get("size").strip();
            page = new Page<>(List.of(), 0, 0, ListFilter.SIZES.stream().filter(n -> String.valueOf(n).equals(size)).findFirst()
                    .orElse(ListFilter.SIZES.get(0)));
        }
        model.addAttribute("list", list);
        model.addAttribute("page", page);
        model.addAttribute("asked", asked);
        model.addAttribute("listErrors", errors);
        model.addAttribute("sizes", ListFilter.SIZES);
        model.addAttribute("dues", ListFilter.DUES);
        model.addAttribute("listPath", list.path());
        model.addAttribute("listQuery", DataListParams.query(search));
        // a unit sees only its own rows: it gets no unit filter to choose from (A4)
        model.addAttribute("units", actor.orgKind() == OrgKind.UNIT ? List.of() : organisations.ofKind(OrgKind.UNIT));
        return page;
    }

    /** What the search read, as the filter controls show it selected. */
    private static Map<String, String> asked(DataSearch search) {
        ListFilter f = search.filter();
        Map<String, String> asked = new HashMap<>();
        asked.put("q", f.q());
        asked.put("unit", f.unit() == null ? null : String.valueOf(f.unit()));
        asked.put("state", f.state());
        asked.put("due", f.due());
        asked.put("grade", search.grade() == null ? null : search.grade().name());
        return asked;
    }

    /**
     * What an API list answers: the page asked for, or — without {@code page} and {@code size}, as the lists answered
     * before issue 23 point 11 — every matching row, read a page of 100 at a time.
     */
    static <T> List<T> answer(DataListParams params, DataList list, Function<DataSearch, Page<T>> find) {
        DataSearch search = params.search(list);
        if (params.paged()) {
            return find.apply(search).rows();
        }
        List<T> all = new ArrayList<>();
        each(search, ListFilter.SIZES.get(ListFilter.SIZES.size() - 1), find, all::add);
        return all;
    }

    /** Every row the search finds, whatever page it names, {@code pageSize} rows a query (an export, an unpaged API list). */
    static <T> void each(DataSearch search, int pageSize, Function<DataSearch, Page<T>> find, java.util.function.Consumer<T> row) {
        Page.walk(search.filter(), pageSize, f -> find.apply(new DataSearch(f, search.grade())), row);
    }

    /** The filters applied, in the reader's words, for an export's title row and its audit entry. */
    Map<String, String> described(DataSearch search, DataList list) {
        ListFilter f = search.filter();
        Map<String, String> shown = new LinkedHashMap<>();
        if (f.q() != null) {
            shown.put(export.text("list.q"), f.q());
        }
        if (f.unit() != null) {
            shown.put(export.text("list.unit"), organisations.byId(f.unit()).map(o -> o.name()).orElse(String.valueOf(f.unit())));
        }
        if (f.state() != null) {
            shown.put(export.text("list.state"), export.text(list.statePrefix() + f.state()));
        }
        if (f.due() != null) {
            shown.put(export.text("list.due"), export.text("list.due." + f.due()));
        }
        if (search.grade() != null) {
            shown.put(export.text("data.grade"), export.text("data.grade." + search.grade()));
        }
        return shown;
    }
}
