package cn.govcloud.guard.shared;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one clock every module injects, so tests move time instead of sleeping. */
@Configuration(proxyBeanMethods = false)
public class TimeConfiguration {
    /** Working days and "today" are counted in the city's zone; instants are stored in UTC. */
    public static final ZoneId CITY_ZONE = ZoneId.of("Asia/Shanghai");

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
