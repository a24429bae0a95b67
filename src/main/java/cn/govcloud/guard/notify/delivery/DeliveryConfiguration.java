package cn.govcloud.guard.notify.delivery;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Outbound delivery's settings and its db-scheduler task (A10.1): every poll interval one node
 * sends what is due (the sender's claims make a concurrent run on another node, or the sender
 * started right after a dispatch, harmless).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliverySettings.class)
class DeliveryConfiguration {

    @Bean
    RecurringTask<Void> notifyDeliveryTask(DeliverySender sender, DeliverySettings settings) {
        return Tasks.recurring("notify-delivery", FixedDelay.of(settings.pollInterval()))
                .execute((instance, context) -> sender.sendDue());
    }

    /** Issue 21 point 4: unread critical notices escalate from the inbox to SMS (does nothing while SMS is off). */
    @Bean
    RecurringTask<Void> notifyEscalationTask(SmsEscalation escalation, DeliverySettings settings) {
        return Tasks.recurring("notify-escalation", FixedDelay.of(settings.pollInterval()))
                .execute((instance, context) -> escalation.escalateDue());
    }
}
