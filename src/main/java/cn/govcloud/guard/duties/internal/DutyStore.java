package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.calendar.Deadline;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.Rule.Party;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.OrgScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The duties tables. Every list query takes the reader's {@link OrgScope} (A4). */
@Repository
public class DutyStore {

    static final String COLUMNS = "d.id, d.rule_id, d.article, d.catalog_version, d.subject_kind, d.subject_id, d.subject_name, "
            + "d.org_id, d.party, d.period_start, d.trigger_event, d.reference, d.triggered_at, d.due_date, d.due_at, d.due_provisional, "
            + "d.state, d.overdue_at, d.closed_at";

    static final RowMapper<Duty> DUTY = DutyStore::duty;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    DutyStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * A duty to create; {@code occurrenceKey} identifies it across nodes and reruns. A working-day due
     * date keeps what it was counted from ({@code countedFrom}, {@code workingDays}), so a provisional one
     * can be recomputed when its year is loaded; both are null for other deadlines.
     */
    record NewDuty(String occurrenceKey, String ruleId, String article, String catalogVersion, SubjectKind subjectKind,
                   long subjectId, String subjectName, long orgId, Party party, LocalDate periodStart, String event,
                   String reference, Instant triggeredAt, Deadline due, Instant countedFrom, Integer workingDays) {
    }

    /**
     * Inserts the duties not there yet, in batches; returns how many were new. {@code on conflict
     * do nothing} (PostgreSQL, and H2 in PostgreSQL mode) keeps a concurrent insert by another
     * node from failing the transaction.
     */
    int insertMissing(List<NewDuty> duties, Instant now) {
        String sql = "insert into duties_duty (occurrence_key, rule_id, article, catalog_version, subject_kind, subject_id, subject_name, "
                + "org_id, party, period_start, trigger_event, reference, triggered_at, due_date, due_at, due_provisional, due_counted_from, "
                + "due_working_days, state, created_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'OPEN',?) on conflict do nothing";
        int inserted = 0;
        for (int from = 0; from < duties.size(); from += 1000) {
            List<NewDuty> batch = duties.subList(from, Math.min(duties.size(), from + 1000));
            int[][] counts = template.batchUpdate(sql, batch, batch.size(), (ps, d) -> {
                ps.setString(1, d.occurrenceKey());
                ps.setString(2, d.ruleId());
                ps.setString(3, d.article());
                ps.setString(4, d.catalogVersion());
                ps.setString(5, d.subjectKind().name());
                ps.setLong(6, d.subjectId());
                ps.setString(7, d.subjectName());
                ps.setLong(8, d.orgId());
                ps.setString(9, d.party().name());
                ps.setObject(10, d.periodStart());
                ps.setString(11, d.event());
                ps.setString(12, d.reference());
                ps.setObject(13, ts(d.triggeredAt()));
                ps.setObject(14, d.due().dueDate());
                ps.setObject(15, ts(d.due().dueAt()));
                ps.setBoolean(16, d.due().provisional());
                ps.setObject(17, ts(d.countedFrom()));
                ps.setObject(18, d.workingDays());
                ps.setObject(19, ts(now));
            });
            for (int[] chunk : counts) {
                for (int c : chunk) {
                    // drivers may answer SUCCESS_NO_INFO (-2) for a batch; count those as inserted
                    inserted += c == java.sql.Statement.SUCCESS_NO_INFO ? 1 : Math.max(c, 0);
                }
            }
        }
        return inserted;
    }

    List<Duty> byOccurrenceKeys(List<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from duties_duty d where d.occurrence_key in (:keys) order by d.id")
                .param("keys", keys).query(DUTY).list();
    }

    Optional<Duty> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from duties_duty d where d.id = :id").param("id", id).query(DUTY).optional();
    }

    List<Duty> findAll(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from duties_duty d where d.id in (:ids)").param("ids", List.copyOf(ids)).query(DUTY).list();
    }

    Optional<Duty> findForUpdate(long id) {
        return jdbc.sql("select " + COLUMNS + " from duties_duty d where d.id = :id for update").param("id", id).query(DUTY).optional();
    }

    /** Scoped read: empty when the duty belongs to an organisation the reader may not see. */
    Optional<Duty> find(long id, OrgScope scope) {
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("id", id);
        return jdbc.sql("select " + COLUMNS + " from duties_duty d where d.id = :id and " + scope.where("d.org_id"))
                .params(params).query(DUTY).optional();
    }

    List<Duty> byReference(String reference) {
        return jdbc.sql("select " + COLUMNS + " from duties_duty d where d.reference = :ref order by d.id")
                .param("ref", reference).query(DUTY).list();
    }

    /** The open duties whose due time has passed, oldest first, at most {@code limit}. */
    List<Duty> passedDue(Instant now, int limit) {
        return jdbc.sql("select " + COLUMNS + " from duties_duty d where d.state in ('OPEN','RETURNED') and d.due_at <= :now "
                        + "order by d.due_at, d.id limit :limit")
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
        return jdbc.sql("select " + COLUMNS + " from duties_duty d where d.state in ('OPEN','RETURNED') and d.due_at > :now "
                        + "and d.due_at <= :horizon and d.reminders_sent < " + total + " order by d.due_at, d.id limit :limit")
                .params(params).query(DUTY).list();
    }

    /** Overdue duties that became overdue at or before {@code cutoff}: candidates for escalation. */
    List<Duty> overdueSince(Instant cutoff, int limit) {
        return jdbc.sql("select " + COLUMNS + " from duties_duty d where d.state = 'OVERDUE' and d.overdue_at <= :cutoff "
                        + "order by d.overdue_at, d.id limit :limit")
                .param("cutoff", ts(cutoff)).param("limit", limit).query(DUTY).list();
    }

    /**
     * OPEN or RETURNED → OVERDUE, only if it still is: of two nodes sweeping at once exactly one
     * sees 1 here, and only that one notifies.
     */
    boolean markOverdue(long id, Instant now) {
        return jdbc.sql("update duties_duty set state = 'OVERDUE', overdue_at = :now where id = :id "
                        + "and state in ('OPEN','RETURNED') and due_at <= :now")
                .param("now", ts(now)).param("id", id).update() == 1;
    }

    boolean transition(long id, DutyState from, DutyState to, Instant closedAt) {
        return jdbc.sql("update duties_duty set state = :to, closed_at = :closed where id = :id and state = :from")
                .param("to", to.name()).param("from", from.name()).param("closed", ts(closedAt)).param("id", id).update() == 1;
    }

    /**
     * A new due date chosen by a person (an approved extension): reminders count again towards it; an
     * overdue duty is open again (its overdue_at stays on record). A chosen date is exact, never provisional.
     */
    void moveDue(long id, LocalDate dueDate, Instant dueAt) {
        jdbc.sql("update duties_duty set due_date = :day, due_at = :at, reminders_sent = 0, escalated_at = null, due_provisional = false, "
                        + "due_counted_from = null, due_working_days = null, state = case when state = 'OVERDUE' then 'OPEN' else state end "
                        + "where id = :id")
                .param("day", dueDate).param("at", ts(dueAt)).param("id", id).update();
    }

    /** After a return: a later overdue episode is escalated again. */
    void rearmEscalation(long id) {
        jdbc.sql("update duties_duty set escalated_at = null where id = :id").param("id", id).update();
    }

    void waive(long id, String reason, String approver, Instant now) {
        jdbc.sql("update duties_duty set state = 'WAIVED', waiver_reason = :reason, waived_by = :by, closed_at = :now where id = :id")
                .param("reason", reason).param("by", approver).param("now", ts(now)).param("id", id).update();
    }

    Optional<String> waiverReason(long id) {
        return jdbc.sql("select waiver_reason from duties_duty where id = :id").param("id", id).query(String.class).optional();
    }

    // ---- lists ---------------------------------------------------------------------------------

    /** Filters for the duty list; null means any. */
    public record Filter(DutyState state, String ruleId, Long orgId, SubjectKind subjectKind, Long subjectId, LocalDate dueFrom,
                  LocalDate dueTo, String keyword, List<String> keywordRules) {
        public Filter {
            keyword = keyword == null || keyword.isBlank() ? null : keyword.strip();
            keywordRules = keywordRules == null ? List.of() : List.copyOf(keywordRules);
        }

        public Filter(DutyState state, String ruleId, Long orgId, SubjectKind subjectKind, Long subjectId, LocalDate dueFrom, LocalDate dueTo) {
            this(state, ruleId, orgId, subjectKind, subjectId, dueFrom, dueTo, null, List.of());
        }

        public static Filter none() {
            return new Filter(null, null, null, null, null, null, null);
        }

        /**
         * Issue 23 point 11: narrowed to a keyword, matched in SQL against the subject's name, the article and the rule id, and
         * to the rules whose (Chinese) title contains it — the titles live in the catalog, not in the table.
         */
        public Filter matching(String text, Collection<Rule> rules) {
            String k = text == null || text.isBlank() ? null : text.strip();
            List<String> titled = k == null ? List.of() : rules.stream().filter(r -> r.title().contains(k)).map(Rule::id).toList();
            return new Filter(state, ruleId, orgId, subjectKind, subjectId, dueFrom, dueTo, k, titled);
        }
    }

    /**
     * One page of duties by due time (keyset on due_at, id: the page stays fast however many rows
     * precede it). {@code after} is the previous page's last (dueAt, id) or null.
     */
    List<Duty> page(OrgScope scope, Filter filter, Cursor after, int limit) {
        return page(scope, filter, after, 0, limit);
    }

    /** The page of duties from {@code offset} in the same order (the list page's numbered pages, issue 23 point 11). */
    List<Duty> page(OrgScope scope, Filter filter, int offset, int limit) {
        return page(scope, filter, null, offset, limit);
    }

    private List<Duty> page(OrgScope scope, Filter filter, Cursor after, int offset, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from duties_duty d where " + scope.where("d.org_id"));
        Map<String, Object> params = new HashMap<>(scope.params());
        appendFilter(sql, params, filter);
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
        List<Duty> latest = new java.util.ArrayList<>(jdbc.sql("select " + COLUMNS + " from duties_duty d where d.subject_kind = :kind "
                        + "and d.subject_id = :subject order by d.due_at desc, d.id desc limit :limit")
                .param("kind", kind.name()).param("subject", subjectId).param("limit", limit).query(DUTY).list());
        java.util.Collections.reverse(latest);
        return latest;
    }

    List<Duty> ofRuleAndPeriod(String ruleId, LocalDate periodStart) {
        return jdbc.sql("select " + COLUMNS + " from duties_duty d where d.rule_id = :rule and d.period_start = :period order by d.id")
                .param("rule", ruleId).param("period", periodStart).query(DUTY).list();
    }

    long count(OrgScope scope, Filter filter) {
        StringBuilder sql = new StringBuilder("select count(*) from duties_duty d where " + scope.where("d.org_id"));
        Map<String, Object> params = new HashMap<>(scope.params());
        appendFilter(sql, params, filter);
        return jdbc.sql(sql.toString()).params(params).query(Long.class).single();
    }

    private static void appendFilter(StringBuilder sql, Map<String, Object> params, Filter f) {
        if (f.state() != null) {
            sql.append(" and d.state = :state");
            params.put("state", f.state().name());
        }
        if (f.ruleId() != null) {
            sql.append(" and d.rule_id = :ruleId");
            params.put("ruleId", f.ruleId());
        }
        if (f.orgId() != null) {
            sql.append(" and d.org_id = :orgId");
            params.put("orgId", f.orgId());
        }
        if (f.subjectKind() != null) {
            sql.append(" and d.subject_kind = :subjectKind");
            params.put("subjectKind", f.subjectKind().name());
        }
        if (f.subjectId() != null) {
            sql.append(" and d.subject_id = :subjectId");
            params.put("subjectId", f.subjectId());
        }
        if (f.dueFrom() != null) {
            sql.append(" and d.due_date >= :dueFrom");
            params.put("dueFrom", f.dueFrom());
        }
        if (f.dueTo() != null) {
            sql.append(" and d.due_date <= :dueTo");
            params.put("dueTo", f.dueTo());
        }
        if (f.keyword() != null) {
            sql.append(" and (lower(d.subject_name) like :keyword escape '\\' or lower(d.article) like :keyword escape '\\'"
                    + " or lower(d.rule_id) like :keyword escape '\\'").append(f.keywordRules().isEmpty() ? ")" : " or d.rule_id in (:keywordRules))");
            params.put("keyword", cn.govcloud.guard.shared.Like.containing(f.keyword()));
            if (!f.keywordRules().isEmpty()) {
                params.put("keywordRules", f.keywordRules());
            }
        }
    }

    public record Cursor(Instant dueAt, long id) {
        public static Cursor parse(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            int sep = text.indexOf('_');
            int dot = text.indexOf('.');
            try {
                // epoch seconds and nanoseconds: due times carry microseconds, a millisecond cursor would repeat rows
                Instant at = Instant.ofEpochSecond(Long.parseLong(text.substring(0, dot)), Long.parseLong(text.substring(dot + 1, sep)));
                return new Cursor(at, Long.parseLong(text.substring(sep + 1)));
            } catch (RuntimeException e) {
                throw new cn.govcloud.guard.shared.InvalidInput("The cursor is not one this server gave out.", Map.of("cursor", "invalid"));
            }
        }

        public static String of(Duty last) {
            return last.dueAt().getEpochSecond() + "." + last.dueAt().getNano() + "_" + last.id();
        }
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
        return jdbc.sql("select " + COLUMNS + " from duties_duty d where d.state = 'OVERDUE' and " + scope.where("d.org_id")
                        + " order by d.due_at, d.id limit :limit")
                .params(scope.params()).param("limit", limit).query(DUTY).list();
    }

    List<Duty> nextAwaiting(OrgScope scope, int limit) {
        return jdbc.sql("select " + COLUMNS + " from duties_duty d where d.state in ('OPEN','RETURNED') and " + scope.where("d.org_id")
                        + " order by d.due_at, d.id limit :limit")
                .params(scope.params()).param("limit", limit).query(DUTY).list();
    }

    // ---- generation watermark -----------------------------------------------------------------

    Optional<LocalDate> generatedThrough() {
        return jdbc.sql("select generated_through from duties_generation where id = 1").query(LocalDate.class).optional();
    }

    void generatedThrough(LocalDate day) {
        int updated = jdbc.sql("update duties_generation set generated_through = :day where id = 1 and generated_through < :day")
                .param("day", day).update();
        if (updated == 0) {
            jdbc.sql("insert into duties_generation (id, generated_through) values (1, :day) on conflict do nothing").param("day", day).update();
        }
    }

    // ---- mapping --------------------------------------------------------------------------------

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
