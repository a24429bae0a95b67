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
    private static final int MAX_KEYWORD = 100;

    /** Parses and checks the parameters against the list's own states. */
    public static ListFilter of(String q, String unit, String state, Collection<String> states, String due, String page, String size) {
        Map<String, String> errors = new LinkedHashMap<>();
        String keyword = q == null || q.isBlank() ? null : q.strip();
        if (keyword != null && keyword.length() > MAX_KEYWORD) {
            errors.put("q", "list.error.q");
        }
        Long unitId = number(unit, "unit", errors);
        String st = state == null || state.isBlank() ? null : state.strip();
        if (st != null && !states.contains(st)) {
            errors.put("state", "list.error.state");
        }
        String d = due == null || due.isBlank() ? null : due.strip();
        if (d != null && !DUES.contains(d)) {
            errors.put("due", "list.error.due");
        }
        Long p = number(page, "page", errors);
        if (p != null && (p < 0 || p > 100_000)) {
            errors.put("page", "list.error.page");
        }
        Long s = number(size, "size", errors);
        if (s != null && !SIZES.contains(s.intValue())) {
            errors.put("size", "list.error.size");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("list.error.invalid", errors);
        }
        return new ListFilter(keyword, unitId, st, d, p == null ? 0 : p.intValue(), s == null ? SIZES.get(0) : s.intValue());
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

    private static Long number(String value, String field, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            errors.put(field, "list.error." + field);
            return null;
        }
    }
}
