package cn.govcloud.guard.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one clock every module injects, so tests move time instead of sleeping. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DemoSettings.class)
public class TimeConfiguration {
    /**
     * Working days and "today" are counted in the city's zone; instants are stored in UTC. The one time-zone setting, a
     * constant on purpose: working days, the 08:30 digest and "today" in SQL all count in the zone of the holiday
     * schedule the State Council publishes, China's one legal time.
     */
    public static final ZoneId CITY_ZONE = ZoneId.of("Asia/Shanghai");


    /**
     * The real time, except in demo mode with {@code GOVGUARD_DEMO_CLOCK_START} set (an ISO-8601 instant):
     * then the platform's clock starts at that instant and runs from there, so a trainer can show the demo
     * city on 28 December or after the catalog's validity without touching the machine's clock (the
     * {@code prod} profile refuses the setting).
     */
    @Bean
    Clock clock(DemoSettings demo) {
        String start = demo.clockStart();
        if (start.isBlank()) {
            return Clock.systemUTC();
        }
        if (!demo.enabled()) {
            LoggerFactory.getLogger(TimeConfiguration.class).warn("GOVGUARD_DEMO_CLOCK_START is ignored outside demo mode");
            return Clock.systemUTC();
        }
        Instant from = Instant.parse(start.strip());
        LoggerFactory.getLogger(TimeConfiguration.class).warn("Demo clock: the platform's time starts at {} and runs from there", from);
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), from));
    }
}
