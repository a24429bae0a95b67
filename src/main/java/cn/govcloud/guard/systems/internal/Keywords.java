package cn.govcloud.guard.systems.internal;


/** A keyword typed into a list's search box as a SQL LIKE pattern (issue 23 point 11). */
final class Keywords {
    /** The escape character the patterns use; write {@code like :q escape '\'} beside them. */
    static final String LIKE = " like :q escape '\\'";

    private Keywords() {
    }

    /** "%keyword%", lower-cased; a % or _ typed matches itself, not any text. Null for no keyword. */
    static String contains(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        return cn.govcloud.guard.shared.Like.containing(q);
    }
}
