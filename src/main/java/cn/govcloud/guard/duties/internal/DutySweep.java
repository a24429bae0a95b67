package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.RuleCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Due times, reminders and escalation. db-scheduler runs it every half minute on one node at a
 * time; every effect is also guarded in the database (a conditional update decides who sends),
 * so a duty becomes overdue exactly once, each reminder goes out once and each escalation once,
 * however many nodes run and however often it is retried after a crash.
 */
@Component
public class DutySweep {
    private static final int BATCH = 500;

    private final DutyStore store;
    private final DutyQueries queries;
    private final RuleCatalog catalog;
    private final DutyNotices notices;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    DutySweep(DutyStore store, DutyQueries queries, RuleCatalog catalog, DutyNotices notices, AuditLog audit, JdbcClient jdbc,
              TransactionTemplate tx, Clock clock) {
        this.store = store;
        this.queries = queries;
        this.catalog = catalog;
        this.notices = notices;
        this.audit = audit;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** What one sweep did. */
    public record Result(int overdue, int reminders, int escalations) {
    }

    public Result run() {
        Instant now = clock.instant();
        int overdue = markOverdue(now);
        int reminders = remind(now);
        int escalations = escalate(now);
        return new Result(overdue, reminders, escalations);
    }

    private int markOverdue(Instant now) {
        int marked = 0;
        while (true) {
            List<Duty> due = queries.passedDue(now, BATCH);
            if (due.isEmpty()) {
                return marked;
            }
            for (Duty duty : due) {
                // one transaction per duty: the state change and its notice stand or fall together
                Boolean won = tx.execute(status -> {
                    if (!store.markOverdue(duty.id(), now)) {
                        return false; // another node got there first, or it was submitted meanwhile
                    }
                    notices.overdue(duty, catalog.rule(duty.ruleId()).orElse(null), now);
                    return true;
                });
                if (Boolean.TRUE.equals(won)) {
                    marked++;
                    audit.record(AuditEvent.success("duty.overdue", "duty:" + duty.id(),
                            duty.ruleId() + " " + duty.subjectName() + " due " + duty.dueAt()).by("system", "platform"));
                }
            }
            if (due.size() < BATCH) {
                return marked;
            }
        }
    }

    private int remind(Instant now) {
        Duration longest = catalog.rules().stream().flatMap(r -> r.reminders().stream()).max(Comparator.naturalOrder())
                .orElse(Duration.ZERO);
        if (longest.isZero()) {
            return 0;
        }
        java.util.Map<String, Integer> remindersPerRule = new java.util.HashMap<>();
        catalog.rules().stream().filter(r -> !r.reminders().isEmpty()).forEach(r -> remindersPerRule.put(r.id(), r.reminders().size()));
        int sent = 0;
        for (Duty duty : queries.awaitingReminder(now, now.plus(longest), remindersPerRule, 10 * BATCH)) {
            Optional<Rule> rule = catalog.rule(duty.ruleId());
            if (rule.isEmpty() || !duty.dueAt().isAfter(now)) {
                continue;
            }
            // the reminders whose moment has come, longest lead first: P3D, then P1D, …
            List<Duration> leads = rule.get().reminders().stream().sorted(Comparator.reverseOrder()).toList();
            int due = (int) leads.stream().filter(lead -> !duty.dueAt().minus(lead).isAfter(now)).count();
            if (due == 0) {
                continue;
            }
            Boolean won = tx.execute(status -> {
                int updated = jdbc.sql("update duties_duty set reminders_sent = :due where id = :id and reminders_sent < :due "
                                + "and state in ('OPEN','RETURNED')")
                        .param("due", due).param("id", duty.id()).update();
                if (updated == 1) {
                    notices.reminder(duty, rule.get(), due);
                }
                return updated == 1;
            });
            if (Boolean.TRUE.equals(won)) {
                sent++;
            }
        }
        return sent;
    }

    private int escalate(Instant now) {
        List<Duty> candidates = jdbc.sql(DutyRows.SELECT_WHERE + "d.state = 'OVERDUE' "
                        + "and d.escalated_at is null order by d.overdue_at, d.id limit :limit")
                .param("limit", 10 * BATCH).query(DutyRows.DUTY).list();
        int sent = 0;
        for (Duty duty : candidates) {
            Optional<Rule> rule = catalog.rule(duty.ruleId());
            Rule.Escalation escalation = rule.map(Rule::escalation).orElse(null);
            boolean nothingToSend = escalation == null || escalation.parties().isEmpty();
            if (!nothingToSend && duty.overdueAt().plus(escalation.after()).isAfter(now)) {
                continue; // not yet
            }
            Integer notified = tx.execute(status -> {
                int updated = jdbc.sql("update duties_duty set escalated_at = :now where id = :id and escalated_at is null")
                        .param("now", DutyRows.ts(now)).param("id", duty.id()).update();
                if (updated == 0 || nothingToSend) {
                    return 0;
                }
                return notices.escalate(duty, rule.get());
            });
            sent += notified == null ? 0 : notified;
        }
        return sent;
    }
}
