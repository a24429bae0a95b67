package cn.govcloud.guard.shared;

import java.util.Locale;

/**
 * A keyword searched in SQL (issue 23 point 11): the {@code like} pattern for "contains", lower-cased, the keyword's own
 * wildcards taken literally. Write {@code lower(column) like :keyword escape '\'} beside it ({@link #ESCAPE}).
 */
public final class Like {
    /** The clause's escape, as SQL text: {@code escape '\'}. */
    public static final String ESCAPE = " escape '\\'";

    private Like() {
    }

    /** "%keyword%", lower-cased and trimmed; a typed {@code %}, {@code _} or {@code \} matches itself. */
    public static String containing(String keyword) {
        return "%" + keyword.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
