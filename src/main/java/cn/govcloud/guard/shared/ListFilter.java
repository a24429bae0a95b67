package cn.govcloud.guard.shared;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 23 point 11: what a person asks of a list — a keyword, the unit, the state, the due window and the page — read
 * from the page's (or the API's) query parameters (the access registers, the accounts of /admin/users). A value the
 * list does not know is refused with 400 naming the parameter (never silently ignored: a filter that did nothing would
 * make an export claim rows it does not hold); the messages are {@code list.error.*}. The unit filter narrows within the
 * reader's scope ({@link OrgScope}); a unit's people see their own rows whatever they ask for (A4).
 *
 * @param q      keyword (trimmed; null when none)
 * @param unit   the owning unit's organisation id, or null
 * @param state  one of the list's states, or null
 * @param due    {@code week} (ends within seven days from now) or {@code past} (has ended), or null
 * @param page   zero-based page
 * @param size   rows per page, one of {@link #SIZES}
 */
public record ListFilter(String q, Long unit, String state, String due, int page, int size) {
    /** The page sizes offered; the first is the default. */
    public static final List<Integer> SIZES = List.of(20, 50, 100);
    public static final List<String> DUES = List.of("week", "past");

    /** Parses and checks the parameters against the list's own states ({@link ListParameters}: refused, never ignored). */
    public static ListFilter of(String q, String unit, String state, Collection<String> states, String due, String page, String size) {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("q", q);
        raw.put("unit", unit);
        raw.put("state", state);
        raw.put("due", due);
        raw.put("page", page);
        raw.put("size", size);
        return of(ListParameters.of(raw), states);
    }

    /** Reads the common filters from {@code p} (a list with filters of its own reads those from the same reader first). */
    public static ListFilter of(ListParameters p, Collection<String> states) {
        String keyword = p.keyword("q");
        Long unitId = p.id("unit");
        String st = p.text("state");
        if (st != null && !states.contains(st)) {
            p.refuse("state", "list.error.state");
            st = null;
        }
        String d = p.text("due");
        if (d != null && !DUES.contains(d)) {
            p.refuse("due", "list.error.due");
            d = null;
        }
        int page = p.page();
        int size = p.size(SIZES.get(0), 0);
        p.check();
        return new ListFilter(keyword, unitId, st, d, page, size);
    }

    /** Everything the reader may see, one page of the default size (the API's lists without parameters). */
    public static ListFilter none() {
        return new ListFilter(null, null, null, null, 0, SIZES.get(0));
    }

    /**
     * The keyword as a {@code like} pattern on a lower-cased column, its {@code %}, {@code _} and {@code \} taken literally
     * (write {@code lower(col) like :kw escape '\'}); null without a keyword.
     */
    public String likePattern() {
        return q == null ? null : Like.containing(q);
    }

    /** The filters (not the page) as a query string, for an export link and a pager; empty when nothing narrows. */
    public String query() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("q", q);
        p.put("unit", unit);
        p.put("state", state);
        p.put("due", due);
        p.put("size", size == SIZES.get(0) ? null : size);
        StringBuilder query = new StringBuilder();
        p.forEach((name, value) -> {
            if (value != null) {
                query.append(query.isEmpty() ? "" : "&").append(name).append('=')
                        .append(java.net.URLEncoder.encode(String.valueOf(value), java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }

    /** The same filters on another page. */
    public ListFilter atPage(int page, int size) {
        return new ListFilter(q, unit, state, due, page, size);
    }

    /** Whether anything narrows the list (an export says which filters it applied). */
    public boolean narrowed() {
        return q != null || unit != null || state != null || due != null;
    }
}
