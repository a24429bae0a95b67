package cn.govcloud.guard.audit.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.LocalTime;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The audit module's settings and its two daily db-scheduler tasks (persistent and cluster-safe:
 * each runs once per day however many nodes there are).
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    /** Read once at start: a retention under 180 days stops the platform here (A5.3). */
    @Bean
    AuditSettings auditSettings(Environment env) {
        return AuditSettings.from(env);
    }

    /** 00:10 Beijing time: signs every completed day not yet anchored (A7.4), catching up after downtime. */
    @Bean
    RecurringTask<Void> auditAnchorTask(AuditAnchors anchors, AuditSettings settings) {
        return Tasks.recurring("audit-anchor", Schedules.daily(settings.zone(), LocalTime.of(0, 10)))
                .execute((instance, context) -> anchors.anchorCompletedDays());
    }

    /** 02:30 Beijing time, after the anchor: removes records past the retention period (A5.3). */
    @Bean
    RecurringTask<Void> auditRetentionTask(AuditRetention retention, AuditSettings settings) {
        return Tasks.recurring("audit-retention", Schedules.daily(settings.zone(), LocalTime.of(2, 30)))
                .execute((instance, context) -> retention.purge());
    }
}
