package cn.govcloud.guard.audit.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.LocalTime;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The audit module's settings, its two daily db-scheduler tasks and the checkpoint task (persistent and cluster-safe:
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

    /**
     * Every few minutes (PT5M by default) one node signs the head and copies the checkpoint out of the
     * database (issue 20 point 1, A7.4); a start does the same at once (below).
     */
    @Bean
    RecurringTask<Void> auditCheckpointTask(AuditCheckpoints checkpoints, AuditSettings settings) {
        return Tasks.recurring("audit-checkpoint", Schedules.fixedDelay(settings.checkpointInterval()))
                .execute((instance, context) -> checkpoints.checkpoint());
    }

    /** At start: a fresh install has a signed checkpoint at once, not only after the first interval or night. */
    @Bean
    org.springframework.context.ApplicationListener<org.springframework.boot.context.event.ApplicationReadyEvent> auditStartCheckpoint(
            AuditCheckpoints checkpoints) {
        return event -> {
            try {
                checkpoints.checkpoint();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(AuditCheckpoints.class).error("AUDIT CHECKPOINT at start failed: {}", e.toString());
            }
        };
    }

    /** 02:30 Beijing time, after the anchor: removes records past the retention period (A5.3). */
    @Bean
    RecurringTask<Void> auditRetentionTask(AuditRetention retention, AuditSettings settings) {
        return Tasks.recurring("audit-retention", Schedules.daily(settings.zone(), LocalTime.of(2, 30)))
                .execute((instance, context) -> retention.purge());
    }
}
