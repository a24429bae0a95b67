package cn.govcloud.guard.supervision.periods;

import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.supervision.periods.Periods.Finding;
import cn.govcloud.guard.supervision.periods.Periods.Participant;
import cn.govcloud.guard.supervision.periods.Periods.Period;
import cn.govcloud.guard.supervision.scheduling.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of 实网攻防 and 重保 periods (A4): the periods, their participants and an exercise's findings. */
@Repository
class PeriodRepository {
    private final JdbcClient jdbc;

    PeriodRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(Periods.Kind kind, String name, Instant start, Instant end, String redTeam, String note, Instant at, Actor actor) {
        return Db.insertedId(jdbc.sql("""
                        insert into supervision_period (kind, name, starts_at, ends_at, red_team, note, declared_at, declared_by, declared_by_name)
                        values (:kind, :name, :s, :e, :red, :note, :at, :by, :byName)""")
                .param("kind", kind.name()).param("name", name).param("s", Db.ts(start)).param("e", Db.ts(end))
                .param("red", redTeam).param("note", note).param("at", Db.ts(at))
                .param("by", actor.username()).param("byName", actor.displayName()));
    }

    void insertParticipant(long periodId, OrganisationView o) {
        jdbc.sql("insert into supervision_period_participant (period_id, org_id, org_name, org_kind) values (:p, :o, :n, :k)")
                .param("p", periodId).param("o", o.id()).param("n", o.name()).param("k", o.kind().name()).update();
    }

    void cancel(long id, Instant at, String by, String reason) {
        jdbc.sql("update supervision_period set cancelled_at = :at, cancelled_by = :by, cancel_reason = :r where id = :id and cancelled_at is null")
                .param("at", Db.ts(at)).param("by", by).param("r", reason).param("id", id).update();
    }

    /** The periods not cancelled that have started by {@code now} and had not ended by {@code since}. */
    List<Period> holding(Instant now, Instant since) {
        return jdbc.sql("select * from supervision_period where cancelled_at is null and starts_at <= :now and ends_at > :since")
                .param("now", Db.ts(now)).param("since", Db.ts(since)).query(PeriodRepository::period).list();
    }

    List<Period> all() {
        return jdbc.sql("select * from supervision_period order by starts_at desc, id desc").query(PeriodRepository::period).list();
    }

    List<Period> ofParticipant(long orgId) {
        return jdbc.sql("""
                        select p.* from supervision_period p join supervision_period_participant x on x.period_id = p.id
                        where x.org_id = :o order by p.starts_at desc, p.id desc""")
                .param("o", orgId).query(PeriodRepository::period).list();
    }

    /**
     * Issue 23 point 11: one page of the periods {@code participantOf} takes part in (null: every period), newest first —
     * the keyword in the name, the red team or the note; the unit among the participants; the state at {@code now}
     * (in SQL, as {@link Period#stateAt}); {@code week}: ends within seven days from now, {@code past}: has ended.
     */
    cn.govcloud.guard.shared.Page<Period> search(Long participantOf, cn.govcloud.guard.shared.ListFilter filter, Instant now) {
        cn.govcloud.guard.supervision.scheduling.ListSql sql = new cn.govcloud.guard.supervision.scheduling.ListSql()
                .keyword(filter, "p.name", "p.red_team", "p.note");
        if (participantOf != null) {
            sql.and("exists (select 1 from supervision_period_participant x where x.period_id = p.id and x.org_id = :own)", "own", participantOf);
        }
        if (filter.unit() != null) {
            sql.and("exists (select 1 from supervision_period_participant u where u.period_id = p.id and u.org_id = :unit)", "unit", filter.unit());
        }
        if (filter.state() != null) {
            sql.and(switch (Periods.State.valueOf(filter.state())) {
                case CANCELLED -> "p.cancelled_at is not null";
                case UPCOMING -> "p.cancelled_at is null and p.starts_at > :now";
                case RUNNING -> "p.cancelled_at is null and p.starts_at <= :now and p.ends_at > :now";
                case ENDED -> "p.cancelled_at is null and p.ends_at <= :now";
            }, "now", Db.ts(now));
        }
        if ("week".equals(filter.due())) {
            sql.and("p.cancelled_at is null and p.ends_at > :now and p.ends_at <= :week", "now", Db.ts(now), "week",
                    Db.ts(now.plus(java.time.Duration.ofDays(7))));
        } else if ("past".equals(filter.due())) {
            sql.and("p.ends_at <= :now", "now", Db.ts(now));
        }
        return sql.page(jdbc, "p.*", "supervision_period p", "p.starts_at desc, p.id desc", filter, PeriodRepository::period);
    }

    boolean any() {
        return jdbc.sql("select count(*) from supervision_period").query(Long.class).single() > 0;
    }

    Period require(long id) {
        return jdbc.sql("select * from supervision_period where id = :id").param("id", id).query(PeriodRepository::period).optional()
                .orElseThrow(() -> new NotFound("period " + id));
    }

    /** The period if the actor may see it; 404 otherwise (A4: a non-participant does not learn that it exists). */
    Period visible(long id, Actor actor) {
        Period p = require(id);
        if (!Periods.oversees(actor) && participants(id).stream().noneMatch(x -> x.orgId() == actor.orgId())) {
            throw new NotFound("period " + id);
        }
        return p;
    }

    List<Participant> participants(long id) {
        return jdbc.sql("select org_id, org_name, org_kind from supervision_period_participant where period_id = :p order by org_kind desc, org_id")
                .param("p", id).query((rs, n) -> new Participant(rs.getLong("org_id"), rs.getString("org_name"),
                        OrgKind.valueOf(rs.getString("org_kind")))).list();
    }

    /** The kinds of the periods the organisation takes part in at that moment, PROTECTION before EXERCISE. */
    List<String> kindsAt(long orgId, Instant at) {
        return jdbc.sql("""
                        select p.kind from supervision_period p join supervision_period_participant x on x.period_id = p.id
                        where x.org_id = :o and p.starts_at <= :at and p.ends_at > :at and (p.cancelled_at is null or p.cancelled_at > :at)
                        order by p.kind desc""")
                .param("o", orgId).param("at", Db.ts(at)).query(String.class).list();
    }

    long insertFinding(long periodId, cn.govcloud.guard.systems.Systems.SystemRef system, String title, String severity, long hazardId,
                       Instant at, String by) {
        return Db.insertedId(jdbc.sql("""
                        insert into supervision_period_finding (period_id, system_id, system_name, org_id, title, severity, hazard_id, recorded_at, recorded_by)
                        values (:p, :s, :sn, :o, :t, :sev, :h, :at, :by)""")
                .param("p", periodId).param("s", system.id()).param("sn", system.name()).param("o", system.orgId())
                .param("t", title).param("sev", severity).param("h", hazardId).param("at", Db.ts(at)).param("by", by));
    }

    Finding finding(long id) {
        return jdbc.sql("select * from supervision_period_finding where id = :id").param("id", id).query(PeriodRepository::finding).single();
    }

    /** A period's findings: all of them, or those on one organisation's systems. */
    List<Finding> findings(long periodId, boolean all, long orgId) {
        return jdbc.sql("select * from supervision_period_finding where period_id = :p and (:all = true or org_id = :o) order by id")
                .param("p", periodId).param("all", all).param("o", orgId).query(PeriodRepository::finding).list();
    }

    private static Period period(ResultSet rs, int n) throws SQLException {
        return new Period(rs.getLong("id"), Periods.Kind.valueOf(rs.getString("kind")), rs.getString("name"), Db.instant(rs, "starts_at"),
                Db.instant(rs, "ends_at"), rs.getString("red_team"), rs.getString("note"), Db.instant(rs, "declared_at"),
                rs.getString("declared_by"), rs.getString("declared_by_name"), Db.instant(rs, "cancelled_at"), rs.getString("cancelled_by"),
                rs.getString("cancel_reason"));
    }

    private static Finding finding(ResultSet rs, int n) throws SQLException {
        return new Finding(rs.getLong("id"), rs.getLong("period_id"), rs.getLong("system_id"), rs.getString("system_name"), rs.getLong("org_id"),
                rs.getString("title"), rs.getString("severity"), rs.getLong("hazard_id"), Db.instant(rs, "recorded_at"), rs.getString("recorded_by"));
    }
}
