package cn.govcloud.guard;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code db-scheduler.*}: the one scheduler {@link SchedulerConfiguration} builds (the library's own starter is not
 * used, so these names are read here).
 *
 * @param enabled         whether this node runs jobs at all (the application tests switch it off and run jobs themselves)
 * @param threads         jobs this node runs at once
 * @param pollingInterval how often this node looks for due executions
 */
@ConfigurationProperties("db-scheduler")
record SchedulerSettings(@DefaultValue("true") boolean enabled, @DefaultValue("4") int threads,
                         @DefaultValue("10s") Duration pollingInterval) {
}
