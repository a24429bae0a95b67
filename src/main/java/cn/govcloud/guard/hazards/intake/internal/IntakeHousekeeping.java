package cn.govcloud.guard.hazards.intake.internal;

import cn.govcloud.guard.calendar.WorkingCalendar;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The intake's scheduled work (db-scheduler: each run on one node of the cluster):
 * <ul>
 * <li>every ten minutes, {@code intake-digest}: today's digest of the alerts and findings below the
 *     immediate-notice severity once it is 08:30 in Beijing (issue 17 point 5; idempotent on the
 *     day, {@link AlertDigest}), and the triage clock's entries emptied since are settled;</li>
 * <li>daily at 03:40 Beijing time, {@code intake-housekeeping}: the EVE event identities (replay
 *     detection, issue 24 point 6) of imports older than {@code govguard.intake.replay-retention}
 *     (90 days by default) are pruned. A sensor or shipper resends within hours, a restored sensor its
 *     rotated logs within days; a quarter is far beyond both and keeps the table at a quarter's events.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeSettings.class)
class IntakeHousekeeping {
    private static final Logger log = LoggerFactory.getLogger(IntakeHousekeeping.class);

    @Bean
    RecurringTask<Void> intakeDigestTask(AlertDigest digest, TriageClock triage, PlatformTransactionManager transactions, Clock clock) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        return Tasks.recurring("intake-digest", FixedDelay.ofMinutes(10)).execute((instance, context) -> {
            digest.sendIfDue(clock.instant());
            tx.executeWithoutResult(s -> triage.settle(clock.instant()));
        });
    }

    @Bean
    RecurringTask<Void> intakeHousekeepingTask(ReplayPruning pruning) {
        return Tasks.recurring("intake-housekeeping", Schedules.daily(WorkingCalendar.ZONE, LocalTime.of(3, 40)))
                .execute((instance, context) -> pruning.prune());
    }

    @Bean
    ReplayPruning replayPruning(JdbcClient jdbc, Clock clock, IntakeSettings settings) {
        return new ReplayPruning(jdbc, clock, settings.replayRetention());
    }

    /** Issue 24 point 6: replay identities kept for the retention after their import, then deleted. */
    record ReplayPruning(JdbcClient jdbc, Clock clock, Duration retention) {
        int prune() {
            Instant cutoff = clock.instant().minus(retention);
            int deleted = jdbc.sql("delete from intake_alert_event where import_id in (select id from intake_import where imported_at < :cutoff)")
                    .param("cutoff", cutoff.atOffset(ZoneOffset.UTC)).update();
            log.info("intake housekeeping: {} EVE event identities of imports before {} pruned", deleted, cutoff);
            return deleted;
        }
    }
}
