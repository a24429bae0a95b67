package cn.govcloud.guard.incidents.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The small conversions every part of the module shares: instants to and from columns, blank text. */
final class Values {
    private Values() {
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Stripped, or null when blank. */
    static String strip(String s) {
        return blank(s) ? null : s.strip();
    }

    /** Stripped, or empty when null. */
    static String nz(String s) {
        return s == null ? "" : s.strip();
    }
}
