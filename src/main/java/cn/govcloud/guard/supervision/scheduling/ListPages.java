package cn.govcloud.guard.supervision.scheduling;

import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.shared.ListParameters;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Page;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Issue 23 point 11, one way for the supervision's lists (notices, follow-ups, periods, scheduling sessions): the query
 * string read by {@link ListFilter} (a bad value is refused — 400 with the message beside the filter on the page, a 400
 * problem in the API — never ignored), the model of {@code templates/fragments/lists.html}'s search form and pager, the
 * API's answer and the export's title row, so the Excel file holds exactly the filtered rows, every page of them.
 */
@Component
public class ListPages {
    /** What a list offers beyond the keyword, the state and the page size. */
    public record Offers(boolean unitFilter, boolean dueFilter) {
    }

    private final OrganisationDirectory organisations;
    private final SheetExport export;
    private final PageMessages pages;

    ListPages(OrganisationDirectory organisations, SheetExport export, PageMessages pages) {
        this.organisations = organisations;
        this.export = export;
        this.pages = pages;
    }

    /**
     * Reads the filter, runs {@code search} and fills the page's model (answering the page found); a refused value answers
     * 400 with an empty list, each message beside its filter ({@link #refused}).
     */
    public <T> Page<T> show(Model model, HttpServletResponse response, Map<String, String> params, List<String> states,
                               String statePrefix, Offers offers, String path, Function<ListFilter, Page<T>> search) {
        ListFilter filter;
        Page<T> page;
        InvalidInput refusal = null;
        try {
            filter = filter(params, states, offers);
            page = search.apply(filter);
        } catch (InvalidInput e) {
            refusal = e;
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            filter = ListFilter.none();
            page = new Page<>(List.of(), 0, 0, filter.size());
        }
        Actor actor = Actor.require();
        // a unit sees only its own rows: it gets no unit filter to choose from (A4)
        List<?> units = !offers.unitFilter() || actor.orgKind() == OrgKind.UNIT ? List.of() : organisations.ofKind(OrgKind.UNIT);
        List<String> dues = offers.dueFilter() ? ListFilter.DUES : List.of();
        model.addAttribute("filter", filter);
        model.addAttribute("page", page);
        model.addAttribute("states", states);
        model.addAttribute("statePrefix", statePrefix);
        model.addAttribute("sizes", ListFilter.SIZES);
        model.addAttribute("dues", dues);
        model.addAttribute("listPath", path);
        model.addAttribute("listQuery", filter.query());
        model.addAttribute("units", units);
        Set<String> controls = new HashSet<>(Set.of("q", "state", "size"));
        if (!units.isEmpty()) {
            controls.add("unit");
        }
        if (!dues.isEmpty()) {
            controls.add("due");
        }
        refused(model, refusal, pages, controls);
        return page;
    }

    /**
     * Puts a list page's refusal (null: none) in its model: each message beside the control of the parameter it names
     * ({@code filterErrors}, read by fragments/lists' shell and controls as their {@code errors}), the whole under
     * {@code form} with those of parameters that have no control of their own (the page, a filter the list does not offer)
     * in {@code listErrors} (templates/supervision/list-errors).
     */
    public static void refused(Model model, InvalidInput refusal, PageMessages pages, Set<String> controls) {
        Map<String, String> beside = new LinkedHashMap<>();
        Map<String, String> rest = new LinkedHashMap<>();
        if (refusal != null) {
            rest.put("form", pages.text(refusal.getMessage()));
            refusal.fieldErrors().forEach((field, key) -> (controls.contains(field) ? beside : rest).put(field, pages.text(key)));
        }
        model.addAttribute("filterErrors", beside);
        model.addAttribute("listErrors", rest);
    }

    /**
     * The filter of a page or an export (rows per page one of {@link ListFilter#SIZES}); throws {@link InvalidInput} naming
     * every bad parameter — a unit or due filter the list does not offer included (it would do nothing, so it is refused
     * rather than ignored).
     */
    public static ListFilter filter(Map<String, String> params, List<String> states, Offers offers) {
        return read(params, states, offers, 0);
    }

    /** The API's: any page size from 1 to {@link #API_MAX} (the API's paging policy), otherwise as {@link #filter}. */
    public static ListFilter apiFilter(Map<String, String> params, List<String> states, Offers offers) {
        return read(params, states, offers, API_MAX);
    }

    /** The API lists' largest page (web.internal.ListLimits' default for every API list). */
    public static final int API_MAX = 200;

    private static ListFilter read(Map<String, String> params, List<String> states, Offers offers, int maxSize) {
        ListParameters p = ListParameters.of(params);
        if (!offers.unitFilter() && p.text("unit") != null) {
            p.refuse("unit", NOT_OFFERED);
        }
        if (!offers.dueFilter() && p.text("due") != null) {
            p.refuse("due", NOT_OFFERED);
        }
        if (maxSize == 0) {
            return ListFilter.of(p, states);
        }
        // as ListFilter#of, with the API's page sizes
        String keyword = p.keyword("q");
        Long unit = p.id("unit");
        String state = p.text("state");
        if (state != null && !states.contains(state)) {
            p.refuse("state", "list.error.state");
            state = null;
        }
        String due = p.text("due");
        if (due != null && !ListFilter.DUES.contains(due)) {
            p.refuse("due", "list.error.due");
            due = null;
        }
        int page = p.page();
        int size = p.size(ListFilter.SIZES.get(0), maxSize);
        p.check();
        return new ListFilter(keyword, unit, state, due, page, size);
    }

    static final String NOT_OFFERED = "scheduling.list.error.notOffered";

    /**
     * What an API list answers: the page asked for, or — without {@code page} and {@code size}, as the lists answered before
     * issue 23 point 11 — every matching row, read a page of 100 at a time.
     */
    public static <T> List<T> answer(Map<String, String> params, List<String> states, Offers offers, Function<ListFilter, Page<T>> search) {
        ListFilter filter = apiFilter(params, states, offers);
        if (params.get("page") != null || params.get("size") != null) {
            return search.apply(filter).rows();
        }
        List<T> all = new ArrayList<>();
        Page.walk(filter, ListFilter.SIZES.get(ListFilter.SIZES.size() - 1), search, all::add);
        return all;
    }

    /** Every row the filter finds, whatever page it names, {@link SheetExport#PAGE} rows a query (the export). */
    public static <T> void each(ListFilter filter, Function<ListFilter, Page<T>> search, Consumer<T> row) {
        Page.walk(filter, SheetExport.PAGE, search, row);
    }

    /**
     * A list's Excel export (issue 23 point 11): the filter read as the page reads it (a bad value refused, nothing sent),
     * the filters applied in the title row, every matching row ({@link #each}), a page of {@link SheetExport#PAGE} at a time, written by {@code write} (one
     * grouped query a page, not one a row). {@code list} names
     * the export in the audit; {@code titleKey} is the sheet's title and the file's name.
     */
    public <T> void export(Map<String, String> params, List<String> states, Offers offers, String statePrefix, String list, String titleKey,
                           List<SheetExport.Column> columns, Function<ListFilter, Page<T>> search, BiConsumer<SheetExport.Rows, List<T>> write,
                           HttpServletResponse response) throws IOException {
        ListFilter filter = filter(params, states, offers);
        String title = export.text(titleKey);
        export.write(new SheetExport.Request(list, title, title + ".xlsx", columns, described(filter, statePrefix), false),
                rows -> each(filter, f -> {
                    Page<T> page = search.apply(f);
                    write.accept(rows, page.rows());
                    return page;
                }, t -> { }), response);
    }

    /** The export's column headed by the message {@code key}. */
    public SheetExport.Column column(String key, int width) {
        return export.column(key, width);
    }

    /** A message in the reader's language, for the export's values. */
    public String text(String key, Object... args) {
        return export.text(key, args);
    }

    /** The filters applied, in the reader's words, for the export's title row and its audit entry. */
    public Map<String, String> described(ListFilter f, String statePrefix) {
        Map<String, String> shown = new LinkedHashMap<>();
        if (f.q() != null) {
            shown.put(export.text("list.q"), f.q());
        }
        if (f.unit() != null) {
            shown.put(export.text("list.unit"), organisations.byId(f.unit()).map(o -> o.name()).orElse(String.valueOf(f.unit())));
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
