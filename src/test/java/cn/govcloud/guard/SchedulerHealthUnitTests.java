package cn.govcloud.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import cn.govcloud.guard.SchedulerConfiguration.SchedulerLifecycle;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerState;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/** Issue 21 point 6: readiness is DOWN while the scheduler of recurring duties does not run. */
class SchedulerHealthUnitTests {

    private static Scheduler scheduler(boolean started, boolean shuttingDown) {
        Scheduler scheduler = mock(Scheduler.class);
        SchedulerState state = mock(SchedulerState.class);
        when(state.isStarted()).thenReturn(started);
        when(state.isShuttingDown()).thenReturn(shuttingDown);
        when(scheduler.getSchedulerState()).thenReturn(state);
        return scheduler;
    }

    @Test
    void a_running_scheduler_is_up_a_stopped_or_stopping_one_is_down() {
        Scheduler running = scheduler(true, false);
        SchedulerLifecycle lifecycle = new SchedulerLifecycle(running, true);
        lifecycle.onApplicationEvent(null);
        assertThat(new SchedulerHealth(running, lifecycle).health().getStatus()).isEqualTo(Status.UP);

        Scheduler notStarted = scheduler(false, false);
        assertThat(new SchedulerHealth(notStarted, new SchedulerLifecycle(notStarted, true)).health().getStatus())
                .isEqualTo(Status.DOWN);

        Scheduler stopping = scheduler(true, true);
        SchedulerLifecycle stoppingLifecycle = new SchedulerLifecycle(stopping, true);
        stoppingLifecycle.onApplicationEvent(null);
        assertThat(new SchedulerHealth(stopping, stoppingLifecycle).health().getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void a_node_configured_without_scheduler_is_ready_and_says_why() {
        Scheduler off = scheduler(false, false);
        var health = new SchedulerHealth(off, new SchedulerLifecycle(off, false)).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("scheduler", "disabled on this node");
    }
}
