package cn.govcloud.guard;

import cn.govcloud.guard.SchedulerConfiguration.SchedulerLifecycle;
import com.github.kagkarlsson.scheduler.Scheduler;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code scheduler} health contributor, part of readiness (issue 21 point 6): a node whose
 * scheduler of recurring duties, reminders and senders has stopped is not ready. A node started with
 * {@code db-scheduler.enabled=false} (a web-only node) is ready by design, and says so.
 */
@Component("schedulerHealthIndicator") // contributes as "scheduler": the suffix is dropped
class SchedulerHealth implements HealthIndicator {
    private final Scheduler scheduler;
    private final SchedulerLifecycle lifecycle;

    SchedulerHealth(Scheduler scheduler, SchedulerLifecycle lifecycle) {
        this.scheduler = scheduler;
        this.lifecycle = lifecycle;
    }

    @Override
    public Health health() {
        if (!lifecycle.enabled()) {
            return Health.up().withDetail("scheduler", "disabled on this node").build();
        }
        var state = scheduler.getSchedulerState();
        if (lifecycle.isRunning() && state.isStarted() && !state.isShuttingDown() && !state.isPaused()) {
            return Health.up().build();
        }
        return Health.down().withDetail("scheduler", state.isShuttingDown() ? "shutting down" : "not running").build();
    }
}
