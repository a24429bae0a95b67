package cn.govcloud.guard.ticketing.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ticket outbox's db-scheduler task: one recurring execution for the cluster (each ticket is claimed besides). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TicketingSettings.class)
class TicketingConfiguration {

    @Bean
    RecurringTask<Void> ticketingSendTask(TicketSender sender, TicketingSettings settings) {
        return Tasks.recurring("ticketing-send", FixedDelay.of(settings.pollInterval()))
                .execute((instance, context) -> sender.sendDue());
    }
}
