package cn.govcloud.guard.platform.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The platform module's settings and its one recurring job: every five minutes a provider exit whose end date has
 * come ends the service (A5.6), raising the data-clearance report.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SupplyChainSettings.class)
class PlatformConfiguration {

    @Bean
    RecurringTask<Void> providerExitEndedTask(ProviderExit exits) {
        return Tasks.recurring("platform-exit-ended", FixedDelay.ofMinutes(5)).execute((instance, context) -> exits.endServices());
    }
}
