package cn.govcloud.guard.duties.internal;

import static cn.govcloud.guard.duties.internal.DutyRows.DUTY;
import static cn.govcloud.guard.duties.internal.DutyRows.SELECT_WHERE;
import static cn.govcloud.guard.duties.internal.DutyRows.ts;

import cn.govcloud.guard.calendar.Deadline;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.rules.Rule.Party;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The writes of the duties tables: new duties, state transitions, due dates, waivers and the generation watermark, and
 * the locked read a write depends on. The reads are {@link DutyQueries}', the row mapping {@link DutyRows}'.
 */
@Repository
public class DutyStore {

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

    /** Rows per insert statement: 500 × 19 parameters stays far below the drivers' 32,767-parameter limits. */
    private static final int ROWS_PER_STATEMENT = 500;

    private static final String INSERT = "insert into duties_duty (occurrence_key, rule_id, article, catalog_version, subject_kind, "
            + "subject_id, subject_name, org_id, party, period_start, trigger_event, reference, triggered_at, due_date, due_at, "
            + "due_provisional, due_counted_from, due_working_days, state, created_at) values ";

    private static final String ROW = "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'OPEN',?)";

    /**
     * Inserts the duties not there yet; returns how many were new. {@code on conflict do nothing} (PostgreSQL, and H2 in
     * PostgreSQL mode) keeps a concurrent insert by another node from failing the transaction. One multi-row statement per
     * 500 duties, not a JDBC batch of one-row statements: on PostgreSQL the counters and the compliance matrix's cells are
     * kept by statement-level triggers on {@code duties_duty}, which then run once per 500 rows instead of once per row
     * (the city's monthly generation — 10,000 systems × the monthly rules — took tens of minutes the other way), and the
     * statement's update count is exactly the rows inserted.
     */
    int insertMissing(List<NewDuty> duties, Instant now) {
        int inserted = 0;
        for (int from = 0; from < duties.size(); from += ROWS_PER_STATEMENT) {
            List<NewDuty> chunk = duties.subList(from, Math.min(duties.size(), from + ROWS_PER_STATEMENT));
            String sql = INSERT + String.join(",", Collections.nCopies(chunk.size(), ROW)) + " on conflict do nothing";
            inserted += template.update(sql, ps -> {
                int i = 0;
                for (NewDuty d : chunk) {
                    ps.setString(++i, d.occurrenceKey());
                    ps.setString(++i, d.ruleId());
                    ps.setString(++i, d.article());
                    ps.setString(++i, d.catalogVersion());
                    ps.setString(++i, d.subjectKind().name());
                    ps.setLong(++i, d.subjectId());
                    ps.setString(++i, d.subjectName());
                    ps.setLong(++i, d.orgId());
                    ps.setString(++i, d.party().name());
                    ps.setObject(++i, d.periodStart());
                    ps.setString(++i, d.event());
                    ps.setString(++i, d.reference());
                    ps.setObject(++i, ts(d.triggeredAt()));
                    ps.setObject(++i, d.due().dueDate());
                    ps.setObject(++i, ts(d.due().dueAt()));
                    ps.setBoolean(++i, d.due().provisional());
                    ps.setObject(++i, ts(d.countedFrom()));
                    ps.setObject(++i, d.workingDays());
                    ps.setObject(++i, ts(now));
                }
            });
        }
        return inserted;
    }

    /** The duty, locked until the transaction ends: read it so before a write that depends on its state. */
    Optional<Duty> findForUpdate(long id) {
        return jdbc.sql(SELECT_WHERE + "d.id = :id for update").param("id", id).query(DUTY).optional();
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
}
