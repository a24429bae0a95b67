package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.rules.Rule.Party;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.RowMapper;

/** How a row of duties_duty (alias {@code d}) is read into a {@link Duty}, and how instants are written and read. */
final class DutyRows {

    static final String COLUMNS = "d.id, d.rule_id, d.article, d.catalog_version, d.subject_kind, d.subject_id, d.subject_name, "
            + "d.org_id, d.party, d.period_start, d.trigger_event, d.reference, d.triggered_at, d.due_date, d.due_at, d.due_provisional, "
            + "d.state, d.overdue_at, d.closed_at";

    /** The start of a query for whole duties; the conditions follow. */
    static final String SELECT_WHERE = "select " + COLUMNS + " from duties_duty d where ";

    static final RowMapper<Duty> DUTY = DutyRows::duty;

    private DutyRows() {
    }

    static Duty duty(ResultSet rs, int row) throws SQLException {
        return new Duty(rs.getLong("id"), rs.getString("rule_id"), rs.getString("article"), rs.getString("catalog_version"),
                SubjectKind.valueOf(rs.getString("subject_kind")), rs.getLong("subject_id"), rs.getString("subject_name"),
                rs.getLong("org_id"), Party.valueOf(rs.getString("party")), rs.getObject("period_start", LocalDate.class),
                rs.getString("trigger_event"), rs.getString("reference"), instant(rs, "triggered_at"),
                rs.getObject("due_date", LocalDate.class), instant(rs, "due_at"), rs.getBoolean("due_provisional"),
                DutyState.valueOf(rs.getString("state")),
                instant(rs, "overdue_at"), instant(rs, "closed_at"));
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
