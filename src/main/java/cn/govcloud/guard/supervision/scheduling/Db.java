package cn.govcloud.guard.supervision.scheduling;

import cn.govcloud.guard.calendar.WorkingCalendar;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Small conversions the supervision tables share: timestamps are stored in UTC, dates are Beijing dates. */
public final class Db {
    private Db() {
    }

    public static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), WorkingCalendar.ZONE);
    }

    public static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
