package cn.govcloud.guard.shared;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** One page of a register (issue 23 point 11): its rows, how many match in all and where the page stands. */
public record Page<T>(List<T> rows, long total, int page, int size) {
    public Page {
        rows = List.copyOf(rows);
    }

    /**
     * Every row {@code search} finds for the filter, whatever page it names, read {@code pageSize} rows a query — for an API
     * list without paging or a small export; a large export pages in its own SQL (keyset).
     */
    public static <T> void walk(ListFilter filter, int pageSize, Function<ListFilter, Page<T>> search, Consumer<T> row) {
        ListFilter f = filter.atPage(0, pageSize);
        while (true) {
            Page<T> page = search.apply(f);
            page.rows().forEach(row);
            if (!page.hasNext()) {
                return;
            }
            f = f.atPage(f.page() + 1, pageSize);
        }
    }

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return page + 1 < pages();
    }
}
