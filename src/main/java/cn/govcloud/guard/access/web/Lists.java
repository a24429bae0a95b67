package cn.govcloud.guard.access.web;

import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Issue 23 point 11, one way for the four access registers: the search ({@link ListParams}), the page's model for the shared search form and pager ({@code templates/fragments/lists.html}), and the filters as the
 * export's title row says them — so the Excel file is exactly the list on the screen.
 */
@Component
class Lists {
    private final OrganisationDirectory organisations;
    private final SheetExport export;

    Lists(OrganisationDirectory organisations, SheetExport export) {
        this.organisations = organisations;
        this.export = export;
    }

    /** The model the search form and pager read; {@code prefix} names the list's states in the bundle. */
    void show(Model model, Actor actor, ListFilter filter, Page<?> page, List<String> states, String statePrefix, String path) {
        model.addAttribute("filter", filter);
        model.addAttribute("page", page);
        model.addAttribute("states", states);
        model.addAttribute("statePrefix", statePrefix);
        model.addAttribute("sizes", ListFilter.SIZES);
        model.addAttribute("dues", ListFilter.DUES);
        model.addAttribute("listPath", path);
        model.addAttribute("listQuery", filter.query());
        // a unit sees only its own rows: it gets no unit filter to choose from (A4)
        model.addAttribute("units", actor.orgKind() == OrgKind.UNIT ? List.of() : organisations.ofKind(OrgKind.UNIT));
    }

    /**
     * What an API list answers: the page asked for, or — without {@code page} and {@code size}, as the lists answered
     * before issue 23 point 11 — every matching row, read a page of 100 at a time.
     */
    static <T> List<T> answer(ListParams params, ListFilter filter, Function<ListFilter, Page<T>> search) {
        if (params.paged()) {
            return search.apply(filter).rows();
        }
        List<T> all = new ArrayList<>();
        Page.walk(filter, ListFilter.SIZES.get(ListFilter.SIZES.size() - 1), search, all::add);
        return all;
    }

    /** The organisations' names by id, for the lists' 所属单位 columns (one directory question per page, not per row). */
    Map<Long, String> unitNames() {
        Map<Long, String> names = new HashMap<>();
        organisations.all().forEach(o -> names.put(o.id(), o.name()));
        return names;
    }

    /** The filters applied, in the reader's words, for the export's title row and its audit entry. */
    Map<String, String> described(ListFilter f, String statePrefix) {
        Map<String, String> shown = new LinkedHashMap<>();
        if (f.q() != null) {
            shown.put(export.text("list.q"), f.q());
        }
        if (f.unit() != null) {
            shown.put(export.text("list.unit"), unitNames().getOrDefault(f.unit(), String.valueOf(f.unit())));
        }
        if (f.state() != null) {
            shown.put(export.text("list.state"), export.text(statePrefix + f.state()));
        }
        if (f.due() != null) {
            shown.put(export.text("list.due"), export.text("list.due." + f.due()));
        }
        return shown;
    }
}
