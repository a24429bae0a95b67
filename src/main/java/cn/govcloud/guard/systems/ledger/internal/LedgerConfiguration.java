package cn.govcloud.guard.systems.ledger.internal;

import cn.govcloud.guard.calendar.WorkingCalendar;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.LocalTime;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ledger's daily db-scheduler task (07:00 Beijing, after the duty generator's 00:05): close this year's new duties, remind. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerSettings.class)
class LedgerConfiguration {

    @Bean
    RecurringTask<Void> systemsAssessmentLedgerTask(LedgerDaily daily) {
        return Tasks.recurring("systems-assessment-ledger", Schedules.daily(WorkingCalendar.ZONE, LocalTime.of(7, 0)))
                .execute((instance, context) -> daily.run());
    }
}
