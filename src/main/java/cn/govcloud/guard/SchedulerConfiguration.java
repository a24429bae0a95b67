package cn.govcloud.guard;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.OnStartup;
import com.github.kagkarlsson.scheduler.task.Task;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The persistent, cluster-safe scheduler every module's jobs run on (db-scheduler on the
 * {@code scheduled_tasks} table): modules declare {@link Task} beans (recurring tasks are
 * registered at start, once for the whole cluster), this builds one scheduler for all of them,
 * starts it when the application is ready (after the demo city is seeded) and stops it on shutdown.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchedulerSettings.class)
class SchedulerConfiguration {

    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    Scheduler scheduler(DataSource dataSource, List<Task<?>> tasks, SchedulerSettings settings) {
        List<Task<?>> known = new ArrayList<>();
        List atStart = new ArrayList<>();
        for (Task<?> task : tasks) {
            if (task instanceof OnStartup) {
                atStart.add(task); // recurring: scheduled once for the cluster when the scheduler starts
            } else {
                known.add(task);
            }
        }
        return Scheduler.create(dataSource, known)
                .startTasks(atStart)
                .threads(settings.threads())
                .pollingInterval(settings.pollingInterval())
                .build();
    }

    @Bean
    SchedulerLifecycle schedulerLifecycle(Scheduler scheduler, SchedulerSettings settings) {
        return new SchedulerLifecycle(scheduler, settings.enabled());
    }

    /** Starts with the ready application, stops before the data source closes. */
    static final class SchedulerLifecycle implements ApplicationListener<ApplicationReadyEvent>, SmartLifecycle {
        private final Scheduler scheduler;
        private final boolean enabled;
        private volatile boolean running;

        SchedulerLifecycle(Scheduler scheduler, boolean enabled) {
            this.scheduler = scheduler;
            this.enabled = enabled;
        }

        @Override
        public void onApplicationEvent(ApplicationReadyEvent event) {
            if (enabled && !running) {
                scheduler.start();
                running = true;
            }
        }

        @Override
        public void start() {
            // started by ApplicationReadyEvent, not with the other lifecycle beans
        }

        @Override
        public void stop() {
            if (running) {
                scheduler.stop();
                running = false;
            }
        }

        boolean enabled() {
            return enabled;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }
}
