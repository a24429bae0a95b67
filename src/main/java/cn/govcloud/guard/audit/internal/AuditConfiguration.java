package cn.govcloud.guard.audit.internal;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit module's settings and scheduled tasks, and the platform clock when no one else defines it. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    /** Every module injects {@link Clock} so tests move time instead of sleeping; UTC, as instants are stored. */
    @Bean
    @ConditionalOnMissingBean
    Clock systemClock() {
        return Clock.systemUTC();
    }
}
