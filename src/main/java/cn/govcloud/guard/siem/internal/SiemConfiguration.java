package cn.govcloud.guard.siem.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The SIEM stream's db-scheduler task: one recurring execution for the cluster, so one node at a time sends
 * (the per-destination claim keeps a manual or overlapping run harmless as well). Without destinations it reads
 * one table and does nothing.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SiemSettings.class)
class SiemConfiguration {

    @Bean
    RecurringTask<Void> siemSendTask(SiemSender sender, SiemSettings settings) {
        return Tasks.recurring("siem-send", FixedDelay.of(settings.pollInterval()))
                .execute((instance, context) -> sender.sendDue());
    }
}
