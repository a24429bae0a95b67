package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.duties.DutyEngine;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.LocalDate;
import java.time.LocalTime;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The duty engine's db-scheduler tasks. db-scheduler keeps them in the database: each recurring
 * execution is picked by one node only, survives restarts, and the work itself is idempotent
 * (see {@link DutySweep}), so a retried or concurrent run cannot double anything.
 */
@Configuration(proxyBeanMethods = false)
class DutiesConfiguration {

    @Bean
    DutyEngine dutyEngine(DutyGenerator generator, DutySweep sweep) {
        return new DutyEngine() {
            @Override
            public int generate(LocalDate from, LocalDate to) {
                return generator.generate(from, to).created();
            }

            @Override
            public int catchUp() {
                return generator.catchUp().created();
            }

            @Override
            public int sweep() {
                return sweep.run().overdue();
            }
        };
    }

    /** 00:05 Beijing time: the new day's (month's, …) duties. */
    @Bean
    RecurringTask<Void> dutiesGenerateTask(DutyGenerator generator) {
        return Tasks.recurring("duties-generate", Schedules.daily(WorkingCalendar.ZONE, LocalTime.of(0, 5)))
                .execute((instance, context) -> generator.catchUp());
    }

    /** Every 30 seconds: due times, reminders, escalation. The 30-minute incident clock needs this granularity. */
    @Bean
    RecurringTask<Void> dutiesSweepTask(DutySweep sweep) {
        return Tasks.recurring("duties-sweep", FixedDelay.ofSeconds(30))
                .execute((instance, context) -> sweep.run());
    }

    /**
     * 03:30 Beijing time: the duty counters (issue 19 point 3) checked against a count from scratch, and
     * rebuilt if anything differs; the triggers keep them exact, this is the net under them.
     */
    @Bean
    RecurringTask<Void> dutiesCountersReconcileTask(DutyCounters counters) {
        return Tasks.recurring("duties-counters-reconcile", Schedules.daily(WorkingCalendar.ZONE, LocalTime.of(3, 30)))
                .execute((instance, context) -> counters.reconcile());
    }

    /** At start-up, after the demo city is seeded: catch up on days the platform was down. */
    @Bean
    @Order(200)
    ApplicationRunner dutiesCatchUpAtStart(DutyGenerator generator) {
        return args -> generator.catchUp();
    }
}
