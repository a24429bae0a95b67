package cn.govcloud.guard.platform.internal;

import cn.govcloud.guard.platform.internal.Exit.Decision;
import cn.govcloud.guard.platform.internal.Exit.Task;
import cn.govcloud.guard.platform.internal.Exit.TaskState;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.systems.Systems;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The provider exits ({@code platform_exit}) with their migration tasks ({@code platform_exit_migration}), A5.6. Reading is
 * scoped here: the provider sees its exits, the supervisor and regulators all, a unit those that concern its systems with
 * only its tasks.
 */
@Repository
class Exits {
    /** An open exit whose end date has come. */
    record Ended(long id, long providerOrgId, LocalDate endDate) {
    }

    private final JdbcClient jdbc;

    Exits(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long org, OffsetDateTime at, String by, LocalDate end, String reason, String contact) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into platform_exit (provider_org_id, filed_at, filed_by, end_date, reason, contact, state) "
                        + "values (:org, :at, :by, :end, :reason, :contact, 'OPEN')")
                .param("org", org).param("at", at).param("by", by).param("end", end).param("reason", reason).param("contact", contact)
                .update(key, "id");
        return key.getKey().longValue();
    }

    void insertTask(long exitId, Systems.SystemRef s, OffsetDateTime at, String by) {
        jdbc.sql("insert into platform_exit_migration (exit_id, system_id, org_id, system_name, state, updated_at, updated_by) "
                        + "values (:exit, :sys, :org, :name, 'PLANNED', :at, :by)")
                .param("exit", exitId).param("sys", s.id()).param("org", s.orgId()).param("name", s.name()).param("at", at)
                .param("by", by).update();
    }

    boolean hasOpen(long org) {
        return jdbc.sql("select count(*) from platform_exit where provider_org_id = :org and state = 'OPEN'")
                .param("org", org).query(Long.class).single() > 0;
    }

    void updateTask(long taskId, TaskState state, String target, String note, OffsetDateTime at, String by) {
        jdbc.sql("update platform_exit_migration set state = :state, target = :target, note = :note, updated_at = :at, updated_by = :by "
                        + "where id = :id")
                .param("state", state.name()).param("target", target).param("note", note).param("at", at).param("by", by)
                .param("id", taskId).update();
    }

    void decided(long id, String decision, String reason, String by, OffsetDateTime at) {
        jdbc.sql("update platform_exit set decision = :d, decision_reason = :r, decided_by = :by, decided_at = :at where id = :id")
                .param("d", decision).param("r", reason).param("by", by).param("at", at).param("id", id).update();
    }

    void cleared(long id, LocalDate on, String scope, String method, String verifiedBy, OffsetDateTime at, String by) {
        jdbc.sql("update platform_exit set state = 'CLEARED', cleared_on = :on, clearance_scope = :scope, clearance_method = :method, "
                        + "verified_by = :verified, clearance_filed_at = :at, clearance_filed_by = :by where id = :id")
                .param("on", on).param("scope", scope).param("method", method).param("verified", verifiedBy).param("at", at)
                .param("by", by).param("id", id).update();
    }

    List<Ended> endedBy(LocalDate today) {
        return jdbc.sql("select id, provider_org_id, end_date from platform_exit where state = 'OPEN' and end_date <= :today")
                .param("today", today)
                .query((rs, i) -> new Ended(rs.getLong("id"), rs.getLong("provider_org_id"), rs.getObject("end_date", LocalDate.class)))
                .list();
    }

    Optional<Task> task(long id) {
        return jdbc.sql("select * from platform_exit_migration m where m.id = :id").param("id", id).query((rs, i) -> task(rs)).optional();
    }

    private static boolean oversight(Actor actor) {
        return actor.orgKind() == OrgKind.SUPERVISOR || actor.orgKind() == OrgKind.REGULATOR;
    }

    /** The ids of the exits the actor may see, newest first. */
    List<Long> visible(Actor actor) {
        if (oversight(actor)) {
            return jdbc.sql("select id from platform_exit order by filed_at desc, id desc").query(Long.class).list();
        }
        if (actor.orgKind() == OrgKind.PROVIDER) {
            return jdbc.sql("select id from platform_exit where provider_org_id = :org order by filed_at desc, id desc")
                    .param("org", actor.orgId()).query(Long.class).list();
        }
        return jdbc.sql("select distinct e.id, e.filed_at from platform_exit e join platform_exit_migration m on m.exit_id = e.id "
                        + "where m.org_id = :org order by e.filed_at desc, e.id desc").param("org", actor.orgId())
                .query((rs, i) -> rs.getLong("id")).list();
    }

    /** The exit as the actor may see it; {@code overdue} (computed in the query, never stored) when open and past its end date. */
    Optional<Exit> find(long id, Actor actor, LocalDate today) {
        boolean oversight = oversight(actor);
        boolean provider = actor.orgKind() == OrgKind.PROVIDER;
        Optional<Long> providerOrg = jdbc.sql("select provider_org_id from platform_exit where id = :id").param("id", id)
                .query(Long.class).optional();
        if (providerOrg.isEmpty() || (provider && providerOrg.get() != actor.orgId())) {
            return Optional.empty();
        }
        Map<String, Object> params = new HashMap<>();
        params.put("exit", id);
        String where = "m.exit_id = :exit";
        if (!oversight && !provider) {
            where += " and m.org_id = :org";
            params.put("org", actor.orgId());
        }
        List<Task> tasks = jdbc.sql("select * from platform_exit_migration m where " + where + " order by m.org_id, m.system_name, m.id")
                .params(params).query((rs, i) -> task(rs)).list();
        if (!oversight && !provider && tasks.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("select e.*, (e.state = 'OPEN' and e.end_date < :today) as overdue from platform_exit e where e.id = :id")
                .param("id", id).param("today", today).query((rs, i) -> exit(rs, tasks)).optional();
    }

    private static Exit exit(ResultSet rs, List<Task> tasks) throws SQLException {
        LocalDate end = rs.getObject("end_date", LocalDate.class);
        String state = rs.getString("state");
        OffsetDateTime cleared = rs.getObject("clearance_filed_at", OffsetDateTime.class);
        Decision decision = rs.getString("decision") == null ? null : new Decision(rs.getString("decision"),
                rs.getString("decision_reason"), rs.getString("decided_by"), rs.getObject("decided_at", OffsetDateTime.class).toInstant());
        return new Exit(rs.getLong("id"), rs.getLong("provider_org_id"), rs.getObject("filed_at", OffsetDateTime.class).toInstant(),
                rs.getString("filed_by"), end, rs.getString("reason"), rs.getString("contact"), state,
                rs.getObject("cleared_on", LocalDate.class), rs.getString("clearance_scope"), rs.getString("clearance_method"),
                rs.getString("verified_by"), cleared == null ? null : cleared.toInstant(), rs.getBoolean("overdue"),
                tasks, decision);
    }

    private static Task task(ResultSet rs) throws SQLException {
        return new Task(rs.getLong("id"), rs.getLong("exit_id"), rs.getLong("system_id"), rs.getLong("org_id"), rs.getString("system_name"),
                TaskState.valueOf(rs.getString("state")), rs.getString("target"), rs.getString("note"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getString("updated_by"));
    }
}
