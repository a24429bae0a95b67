package cn.govcloud.guard.hazards.internal;

import cn.govcloud.guard.shared.CounterTrigger;
import java.util.List;

/**
 * H2's half of the hazard counters (issue 19 point 3; A11.3, A12): a row trigger on {@code hazards_hazard}
 * that takes the old row's contribution off its counter and adds the new row's, in the writing transaction
 * (db/vendor/h2; the netting and upsert are {@link CounterTrigger}'s). PostgreSQL does the same with one
 * statement-level trigger (db/vendor/postgresql). The contribution is {@link HazardCounters#CONTRIBUTIONS},
 * written here in Java; HazardCountersTests checks both against a count from scratch.
 */
public class HazardCounterTrigger extends CounterTrigger {

    public HazardCounterTrigger() {
        super("hazards_counter", List.of("org_id", "due_month"), List.of("settled_n", "waiting_n", "on_time_n"), List.of());
    }

    @Override
    protected Contribution contribution(Object[] row) {
        String status = (String) value(row, "status");
        boolean settled = value(row, "closed_at") != null || "FEEDBACK_SUBMITTED".equals(status);
        // HazardOutcomeQueries.ON_TIME
        boolean onTime = value(row, "overdue_at") == null
                && ("FEEDBACK_SUBMITTED".equals(status) || "CLOSED".equals(status) || "RISK_ACCEPTED".equals(status));
        return new Contribution(List.of(((Number) value(row, "org_id")).longValue(), month(date(value(row, "effective_due_date")))),
                settled ? 1 : 0, settled ? 0 : 1, onTime ? 1 : 0);
    }
}
