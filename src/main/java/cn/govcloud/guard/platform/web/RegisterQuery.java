package cn.govcloud.guard.platform.web;

import cn.govcloud.guard.shared.ListParameters;
import cn.govcloud.guard.shared.Page;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Issue 23 point 11: a platform register's keyword, filters and page as the URL carries them, read once for the page and
 * its Excel export through {@link ListParameters} (a value that cannot be read is refused naming the field, never read as
 * "any"). {@code F} is what the register filters with: a {@link Predicate} over its rows for the small registers
 * (hardware, lines, reports, exits; see {@link RegisterFilters}), the SQL filter for the supply chain. Public for the
 * templates (SpEL calls {@link #get} and {@link #href}).
 */
public record RegisterQuery<F>(F filter, int page, int size, Map<String, String> params) {
    /** The page sizes offered; 20 rows unless asked. */
    static final List<Integer> SIZES = ListParameters.SIZES;
    static final int PAGE_SIZE = 20;

    /** Reads {@code raw} with the register's own {@code reader}, then the page and its size; throws the refusal. */
    static <F> RegisterQuery<F> parse(Map<String, String> raw, Function<ListParameters, F> reader) {
        ListParameters p = ListParameters.of(raw);
        F filter = reader.apply(p);
        int page = p.page();
        int size = p.size(PAGE_SIZE, 0);
        p.check();
        return new RegisterQuery<>(filter, page, size, p.given());
    }

    /**
     * A refused query: the whole register on its first page, the filters kept as typed (trimmed, blanks left out) so the
     * form shows them beside their refusals and the export link refuses them the same way.
     */
    static <F> RegisterQuery<F> refused(F all, Map<String, String> raw) {
        Map<String, String> typed = new LinkedHashMap<>();
        raw.forEach((name, value) -> {
            if (value != null && !value.isBlank() && !name.equals("page")) {
                typed.put(name, value.strip());
            }
        });
        return new RegisterQuery<>(all, 0, PAGE_SIZE, typed);
    }

    /** This page of what {@code rows} hands over (in order), counting them all; only the page's rows are kept. */
    <T> Page<T> page(Consumer<Consumer<T>> rows) {
        List<T> shown = new ArrayList<>();
        long from = (long) page * size;
        long[] n = {0};
        rows.accept(row -> {
            if (n[0] >= from && n[0] < from + size) {
                shown.add(row);
            }
            n[0]++;
        });
        return new Page<>(shown, n[0], page, size);
    }

    /** The same list on another page (page 0 leaves it out), or its export. */
    public String href(String path, int toPage) {
        return ListParameters.href(path, params, toPage);
    }

    /** A parameter as typed (blank when absent), for the filter form to keep. */
    public String get(String name) {
        return params.getOrDefault(name, "");
    }
}
