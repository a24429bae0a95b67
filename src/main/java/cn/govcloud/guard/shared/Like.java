package cn.govcloud.guard.shared;

import java.util.Locale;

/**
 * A keyword searched in SQL (issue 23 point 11): the {@code like} pattern for "contains", lower-cased, the keyword's own
 * wildcards taken literally. Use it as {@code lower(column) like :keyword escape '!'}.
 */
public final class Like {
    private Like() {
    }

    public static String containing(String keyword) {
        return "%" + keyword.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
