package cn.govcloud.guard.duties.internal;

import static cn.govcloud.guard.duties.internal.DutyRows.DUTY;
import static cn.govcloud.guard.duties.internal.DutyRows.SELECT_WHERE;
import static cn.govcloud.guard.duties.internal.DutyRows.ts;

import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.OrgScope;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reads of the duties table: by id, reference and subject, the sweep's candidates, the list's pages and the agenda.
 * Every list query a person sees takes the reader's {@link OrgScope} (A4). The writes (and the locked read before one)
 * are {@link DutyStore}'s.
 */
@Repository
class DutyQueries {
    private final JdbcClient jdbc;

    DutyQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whole duties that meet {@code where} (conditions on {@code d}, named parameters). */
    private JdbcClient.StatementSpec where(String where) {
        return jdbc.sql(SELECT_WHERE + where);
    }

    List<Duty> byOccurrenceKeys(List<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return where("d.occurrence_key in (:keys) order by d.id").param("keys", keys).query(DUTY).list();
    }

    Optional<Duty> find(long id) {
        return where("d.id = :id").param("id", id).query(DUTY).optional();
    }

    List<Duty> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return where("d.id in (:ids)").param("ids", List.copyOf(ids)).query(DUTY).list();
    }

    /** Scoped read: empty when the duty belongs to an organisation the reader may not see. */
    Optional<Duty> find(long id, OrgScope scope) {
        return jdbc.sql(SELECT_WHERE + "d.id = :id and " + scope.where("d.org_id")).params(scope.params()).param("id", id)
                .query(DUTY).optional();
    }

    List<Duty> byReference(String reference) {
        return where("d.reference = :ref order by d.id").param("ref", reference).query(DUTY).list();
    }

    /** The open duties whose due time has passed, oldest first, at most {@code limit}. */
    List<Duty> passedDue(Instant now, int limit) {
        return where("d.state in ('OPEN','RETURNED') and d.due_at <= :now order by d.due_at, d.id limit :limit")
                .param("now", ts(now)).param("limit", limit).query(DUTY).list();
    }

    /**
     * Duties still awaiting submission, due between now and {@code horizon}, that have reminders
     * left to send ({@code remindersPerRule}: how many each rule has): candidates for a reminder.
     * Duties whose reminders are all sent are left out in SQL, so they cannot crowd out later ones.
     */
    List<Duty> awaitingReminder(Instant now, Instant horizon, Map<String, Integer> remindersPerRule, int limit) {
        if (remindersPerRule.isEmpty()) {
            return List.of();
        }
        StringBuilder total = new StringBuilder("case d.rule_id");
        Map<String, Object> params = new HashMap<>();
        int i = 0;
        for (Map.Entry<String, Integer> e : remindersPerRule.entrySet()) {
            total.append(" when :r").append(i).append(" then :n").append(i);
            params.put("r" + i, e.getKey());
            params.put("n" + i, e.getValue());
            i++;
        }
        total.append(" else 0 end");
        params.put("now", ts(now));
        params.put("horizon", ts(horizon));
        params.put("limit", limit);
        return where("d.state in ('OPEN','RETURNED') and d.due_at > :now and d.due_at <= :horizon and d.reminders_sent < " + total
                + " order by d.due_at, d.id limit :limit").params(params).query(DUTY).list();
    }

    Optional<String> waiverReason(long id) {
        return jdbc.sql("select waiver_reason from duties_duty where id = :id").param("id", id).query(String.class).optional();
    }

    // ---- lists ---------------------------------------------------------------------------------

    /**
     * One page of duties by due time (keyset on due_at, id: the page stays fast however many rows
     * precede it). {@code after} is the previous page's last (dueAt, id) or null.
     */
    List<Duty> page(OrgScope scope, DutyFilter filter, DutyCursor after, int limit) {
        return page(scope, filter, after, 0, limit);
    }

    /** The page of duties from {@code offset} in the same order (the list page's numbered pages, issue 23 point 11). */
    List<Duty> page(OrgScope scope, DutyFilter filter, int offset, int limit) {
        return page(scope, filter, null, offset, limit);
    }

    private List<Duty> page(OrgScope scope, DutyFilter filter, DutyCursor after, int offset, int limit) {
        StringBuilder sql = new StringBuilder(SELECT_WHERE + scope.where("d.org_id"));
        Map<String, Object> params = new HashMap<>(scope.params());
        filter.appendTo(sql, params);
        if (after != null) {
            sql.append(" and (d.due_at > :afterDue or (d.due_at = :afterDue and d.id > :afterId))");
            params.put("afterDue", ts(after.dueAt()));
            params.put("afterId", after.id());
        }
        sql.append(" order by d.due_at, d.id limit :limit offset :offset");
        params.put("limit", limit);
        params.put("offset", offset);
        return jdbc.sql(sql.toString()).params(params).query(DUTY).list();
    }

    /** The latest {@code limit} duties of one subject, by due time (the newest are what its pages and workflows need). */
    List<Duty> latestOfSubject(SubjectKind kind, long subjectId, int limit) {
        List<Duty> latest = new ArrayList<>(where("d.subject_kind = :kind and d.subject_id = :subject order by d.due_at desc, d.id desc limit :limit")
                .param("kind", kind.name()).param("subject", subjectId).param("limit", limit).query(DUTY).list());
        Collections.reverse(latest);
        return latest;
    }

    List<Duty> ofRuleAndPeriod(String ruleId, LocalDate periodStart) {
        return where("d.rule_id = :rule and d.period_start = :period order by d.id")
                .param("rule", ruleId).param("period", periodStart).query(DUTY).list();
    }

    long count(OrgScope scope, DutyFilter filter) {
        StringBuilder sql = new StringBuilder("select count(*) from duties_duty d where " + scope.where("d.org_id"));
        Map<String, Object> params = new HashMap<>(scope.params());
        filter.appendTo(sql, params);
        return jdbc.sql(sql.toString()).params(params).query(Long.class).single();
    }

    /** Counts by state for the actor's agenda and the dashboards. */
    Map<DutyState, Long> countByState(OrgScope scope) {
        Map<DutyState, Long> counts = new HashMap<>();
        jdbc.sql("select d.state, count(*) n from duties_duty d where " + scope.where("d.org_id") + " group by d.state")
                .params(scope.params())
                .query((rs, i) -> counts.put(DutyState.valueOf(rs.getString("state")), rs.getLong("n"))).list();
        return counts;
    }

    List<Duty> overdue(OrgScope scope, int limit) {
        return agenda(scope, "d.state = 'OVERDUE' and ", limit);
    }

    List<Duty> nextAwaiting(OrgScope scope, int limit) {
        return agenda(scope, "d.state in ('OPEN','RETURNED') and ", limit);
    }

    private List<Duty> agenda(OrgScope scope, String state, int limit) {
        return jdbc.sql(SELECT_WHERE + state + scope.where("d.org_id") + " order by d.due_at, d.id limit :limit")
                .params(scope.params()).param("limit", limit).query(DUTY).list();
    }
}
