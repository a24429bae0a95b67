package cn.govcloud.guard.hazards.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every minute: hazards past their due time are put on the unit's record (A10.2). The update is
 * conditional, so several nodes or a retried run change nothing twice. Acknowledgement and
 * rectification reminders and escalations are the duty engine's (rules A10.2-*), not repeated here.
 */
@Configuration(proxyBeanMethods = false)
class HazardsConfiguration {

    @Bean
    RecurringTask<Void> hazardsOverdueTask(HazardRepository hazards, Clock clock) {
        return Tasks.recurring("hazards-overdue", FixedDelay.ofSeconds(60))
                .execute((instance, context) -> hazards.markAllOverdue(clock.instant()));
    }

    /** 03:35 Beijing time: the hazard counters (issue 19 point 3) checked against a count from scratch, rebuilt if anything differs. */
    @Bean
    RecurringTask<Void> hazardsCountersReconcileTask(HazardCounters counters) {
        return Tasks.recurring("hazards-counters-reconcile", com.github.kagkarlsson.scheduler.task.schedule.Schedules.daily(
                        cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE, java.time.LocalTime.of(3, 35)))
                .execute((instance, context) -> counters.reconcile());
    }
}
