package cn.govcloud.guard.calendar.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code govguard.calendar.*}.
 *
 * @param checkInterval how soon a node notices a year another node loaded (one one-row query per interval at most)
 */
@ConfigurationProperties("govguard.calendar")
record CalendarSettings(@DefaultValue("5s") Duration checkInterval) {
}
