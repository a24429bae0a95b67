package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.shared.CounterTrigger;
import java.time.Instant;
import java.util.List;

/**
 * H2's half of the duty counters (issue 19 point 3; A11.3, A12): a row trigger on {@code duties_duty} that
 * takes the old row's contribution off its counter and adds the new row's, in the writing transaction
 * (db/vendor/h2; the netting and upsert are {@link CounterTrigger}'s). PostgreSQL does the same with one
 * statement-level trigger (db/vendor/postgresql). The contribution is {@link DutyCounters#CONTRIBUTIONS},
 * written here in Java; DutyCountersTests checks both against a count from scratch.
 */
public class DutyCounterTrigger extends CounterTrigger {
    private static final List<String> STATES = List.of("OPEN", "RETURNED", "OVERDUE", "SUBMITTED", "ACCEPTED", "WAIVED");

    public DutyCounterTrigger() {
        super("duties_counter", List.of("org_id", "party", "rule_id", "article", "due_month"),
                List.of("open_n", "returned_n", "overdue_n", "submitted_n", "accepted_n", "waived_n", "on_time_n"), List.of());
    }

    @Override
    protected Contribution contribution(Object[] row) {
        long[] n = new long[STATES.size() + 1];
        String state = (String) value(row, "state");
        int i = STATES.indexOf(state);
        if (i >= 0) {
            n[i] = 1;
        }
        n[STATES.size()] = onTime(row, state) ? 1 : 0;
        return new Contribution(List.of(((Number) value(row, "org_id")).longValue(), value(row, "party"), value(row, "rule_id"),
                value(row, "article"), month(date(value(row, "due_date")))), n);
    }

    /** DutyOutcomeQueries.ON_TIME on one row. */
    private boolean onTime(Object[] row, String state) {
        if (!("SUBMITTED".equals(state) || "ACCEPTED".equals(state)) || value(row, "overdue_at") != null
                || Boolean.TRUE.equals(value(row, "submitted_late"))) {
            return false;
        }
        Instant dueAt = instant(value(row, "due_at"));
        Instant first = instant(value(row, "first_submitted_at"));
        Instant closed = instant(value(row, "closed_at"));
        return (first != null && !first.isAfter(dueAt)) || (closed != null && !closed.isAfter(dueAt));
    }
}
