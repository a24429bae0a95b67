package cn.govcloud.guard.hazards.internal;

import cn.govcloud.guard.duties.DutyDueRecomputed;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A hazard's due date is its rectification duty's (A10.2): when a loaded holiday notice recomputes the
 * duty's provisional date, the hazard follows in the same transaction. An approved extension already
 * replaced the effective date with one the supervisor chose, so only the catalog's date moves then. A
 * hazard that the provisional date had made overdue is not overdue on a later exact date.
 */
@Component
class HazardDueDates {
    private final JdbcClient jdbc;
    private final Clock clock;

    HazardDueDates(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    void on(DutyDueRecomputed recomputed) {
        if (!HazardClocks.rectifyRule(recomputed.ruleId())) {
            return;
        }
        boolean passed = !clock.instant().isBefore(recomputed.dueAt());
        jdbc.sql("""
                        update hazards_hazard set
                          effective_due_date = case when effective_due_at = due_at then :day else effective_due_date end,
                          due_provisional = case when effective_due_at = due_at then :provisional else due_provisional end,
                          overdue_at = case when effective_due_at = due_at and closed_at is null and overdue_at is not null
                                            then (case when :passed then :at else null end) else overdue_at end,
                          effective_due_at = case when effective_due_at = due_at then :at else effective_due_at end,
                          due_date = :day, due_at = :at
                        where rectify_duty_id = :duty""")
                .param("day", recomputed.dueDate()).param("at", HazardRepository.ts(recomputed.dueAt()))
                .param("provisional", recomputed.dueProvisional()).param("passed", passed)
                .param("duty", recomputed.dutyId()).update();
    }
}
