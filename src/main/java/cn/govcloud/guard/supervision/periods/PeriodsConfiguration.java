package cn.govcloud.guard.supervision.periods;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every five minutes: the zero reports (A4-period-zero-report) of each day that began inside a 实网攻防 or 重保 period, for
 * each participating unit (A4, 第四条（二）). Idempotent: a day already raised is left alone, so several nodes may run it.
 */
@Configuration(proxyBeanMethods = false)
class PeriodsConfiguration {

    @Bean
    RecurringTask<Void> periodDaysTask(Periods periods) {
        return Tasks.recurring("supervision-period-days", FixedDelay.ofMinutes(5)).execute((instance, context) -> periods.raiseDays());
    }
}
