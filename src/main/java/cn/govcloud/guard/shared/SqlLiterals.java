package cn.govcloud.guard.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Date and time values written into SQL as typed literals, for the few year-wide aggregate queries
 * (the annual assessment, A12) whose plan depends on the range: the PostgreSQL driver prepares a
 * statement on the server after five executions, and the planner's generic plan for a parameterised
 * range guesses a narrow one and walks an index across most of the table (1.6 s instead of 0.2 s for a
 * million duties; bench/README.md). Only values of these types are written, never text, so nothing a
 * user types reaches the SQL this way; H2 and PostgreSQL read both forms.
 */
public final class SqlLiterals {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx");

    private SqlLiterals() {
    }

    public static String date(LocalDate date) {
        return "date '" + date + "'";
    }

    public static String timestamp(Instant instant) {
        return "timestamp with time zone '" + TIMESTAMP.format(instant.atOffset(ZoneOffset.UTC)) + "'";
    }
}
