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
    RecurringTask<Void> dutiesCountersReconcileTask(DutyCounters counters, ComplianceTally tally) {
        return Tasks.recurring("duties-counters-reconcile", Schedules.daily(WorkingCalendar.ZONE, LocalTime.of(3, 30)))
                .execute((instance, context) -> {
                    counters.reconcile();
                    tally.reconcile(); // the compliance matrix's tally, kept by triggers the same way
                });
    }

    /**
     * Every 30 seconds: the compliance matrix's cells brought up to date with the subjects, organisations and catalog
     * (issue 19 point 3; A13). A view of the matrix writes nothing, so this is where a system's new level, a new unit or
     * a district overlay reaches the matrix; when nothing changed it costs one fingerprint of the subjects.
     */
    @Bean
    RecurringTask<Void> dutiesMatrixCellsTask(ComplianceMatrix matrix) {
        return Tasks.recurring("duties-matrix-cells", FixedDelay.ofSeconds(30))
                .execute((instance, context) -> matrix.refreshCells());
    }

    /** At start-up, after the demo city is seeded: catch up on days the platform was down. */
    @Bean
    @Order(200)
    ApplicationRunner dutiesCatchUpAtStart(DutyGenerator generator) {
        return args -> generator.catchUp();
    }

    /** At start-up, after the catch-up: the compliance matrix's cells for the subjects and catalog in force. */
    @Bean
    @Order(210)
    ApplicationRunner dutiesMatrixCellsAtStart(ComplianceMatrix matrix) {
        return args -> matrix.refreshCells();
    }
}
