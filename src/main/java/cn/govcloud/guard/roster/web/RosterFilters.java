package cn.govcloud.guard.roster.web;

import cn.govcloud.guard.roster.Rosters.Filter;
import java.util.Map;

/**
 * The list's query parameters as the page, its Excel export and the API take them (issue 23 point 11: the export is what
 * the list shows): {@code unit}, {@code signed} and {@code filed} ("true" / "false", anything else for either) and the
 * keyword {@code q}.
 */
final class RosterFilters {
    /** A keyword longer than any name or number on the roster finds nothing anyway. */
    static final int MAX_KEYWORD = 100;

    private RosterFilters() {
    }

    static Filter of(Long unit, String signed, String filed, String q) {
        return new Filter(unit, flag(signed), flag(filed), keyword(q));
    }

    static String keyword(String q) {
        String keyword = q == null || q.isBlank() ? null : q.strip();
        return keyword != null && keyword.length() > MAX_KEYWORD ? keyword.substring(0, MAX_KEYWORD) : keyword;
    }

    private static Boolean flag(String text) {
        return "true".equals(text) ? Boolean.TRUE : "false".equals(text) ? Boolean.FALSE : null;
    }

    /** The filter as the page's form shows it: each value as typed or chosen, "" for none. */
    static Map<String, String> shown(Filter f) {
        return Map.of("unit", f.unit() == null ? "" : String.valueOf(f.unit()), "signed", text(f.signed()), "filed", text(f.filed()),
                "q", f.q() == null ? "" : f.q());
    }

    private static String text(Boolean b) {
        return b == null ? "" : b.toString();
    }
}
