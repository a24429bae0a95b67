package cn.govcloud.guard.supervision.scheduling;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.jdbc.support.GeneratedKeyHolder;

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

    /**
     * The acting supervisor, for every write of A11.3 (sessions, actions, inspections, notices): the
     * controllers allow only the supervisor already, and this keeps the services safe for any other caller.
     */
    public static Actor supervisor() {
        Actor actor = Actor.require();
        if (actor.orgKind() != OrgKind.SUPERVISOR || !actor.has(Role.SUPERVISOR)) {
            throw new AccessDeniedException("only the supervisor schedules, inspects and issues notices (A11.3)");
        }
        return actor;
    }

    /** Runs an insert and returns the new row's generated id (never {@code max(id)}, which another insert may overtake). */
    public static long insertedId(JdbcClient.StatementSpec insert) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        insert.update(key, "id");
        return key.getKey().longValue();
    }

    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), WorkingCalendar.ZONE);
    }

    public static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
