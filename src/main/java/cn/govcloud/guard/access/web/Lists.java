package cn.govcloud.guard.access.web;

import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.systems.Systems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Issue 23 point 11, one way for the four access registers: the search ({@link ListParams}), the page's model for the shared search form and pager ({@code templates/fragments/lists.html}), and the filters as the
 * export's title row says them — so the Excel file is exactly the list on the screen. Issue 18: what the registers' pages
 * ({@link #register}, {@link #detail}) and exports ({@link #export}) otherwise each wrote again.
 */
@Component
class Lists {
    private final OrganisationDirectory organisations;
    private final SheetExport export;
    private final Systems systems;

    Lists(OrganisationDirectory organisations, SheetExport export, Systems systems) {
        this.organisations = organisations;
        this.export = export;
        this.systems = systems;
    }

    /** Where a register's page lives, what its rows are called in the model and how its states are named. */
    record Register(String path, String rowsName, List<String> states, String statePrefix) {
    }

    /**
     * The model every register's list page shares: its page of rows (as {@code rowsName}), the search form and pager, the
     * units' names, the names of the systems the rows (and {@code moreSystems}) name, what a refused form held beside its
     * refusals, and the zone the times are shown in. Returns the systems' names, for a page that names more.
     */
    <T> Map<Long, String> register(Model model, Actor actor, Register register, ListFilter filter, Page<T> page,
                                   Function<T, Long> systemOf, Stream<Long> moreSystems, Map<String, String> values,
                                   Map<String, String> errors) {
        show(model, actor, filter, page, register.states(), register.statePrefix(), register.path());
        model.addAttribute(register.rowsName(), page.rows());
        model.addAttribute("unitNames", unitNames());
        Map<Long, String> names = new HashMap<>();
        systems.find(Stream.concat(page.rows().stream().map(systemOf), moreSystems).filter(Objects::nonNull).distinct().toList())
                .forEach(s -> names.put(s.id(), s.name()));
        model.addAttribute("systemNames", names);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("zone", WorkingCalendar.ZONE);
        return names;
    }

    /** The model a register's detail page shares: the row (as {@code name}), its system's name, a refusal, the zone. */
    void detail(Model model, String name, Object row, Long systemId, String error) {
        model.addAttribute(name, row);
        model.addAttribute("systemName", systemId == null ? null : systems.find(systemId).map(Systems.SystemRef::name).orElse(""));
        model.addAttribute("error", error);
        model.addAttribute("zone", WorkingCalendar.ZONE);
    }

    /** A system's name, asked once a system an export meets, not once a row. */
    final class SystemNames {
        private final Map<Long, String> seen = new HashMap<>();

        String of(long systemId) {
            return seen.computeIfAbsent(systemId, id -> systems.find(id).map(Systems.SystemRef::name).orElse(""));
        }
    }

    SystemNames systemNames() {
        return new SystemNames();
    }

    /** The columns of an export, each {@code key:width} (the header is the key's message). */
    List<SheetExport.Column> columns(String... keyWidths) {
        return java.util.Arrays.stream(keyWidths).map(c -> c.split(":"))
                .map(c -> export.column(c[0], Integer.parseInt(c[1]))).toList();
    }

    /**
     * One register as Excel, titled by {@code titleKey}'s message, with the filters said in its title row and one row per
     * item {@code source} offers ({@code row}'s values in the order of the columns); audited by the export as {@code <list>.export}.
     */
    <T> void export(HttpServletResponse response, String list, String titleKey, List<SheetExport.Column> columns,
                    Map<String, String> filters, boolean unmasked, Consumer<Consumer<T>> source, Function<T, Object[]> row)
            throws IOException {
        String title = export.text(titleKey);
        export.write(new SheetExport.Request(list, title, title + ".xlsx", columns, filters, unmasked),
                rows -> source.accept(item -> rows.add(row.apply(item))), response);
    }

    /** A message of the exports in the reader's language. */
    String text(String key) {
        return export.text(key);
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
