package cn.govcloud.guard.demo;

import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyEngine;
import cn.govcloud.guard.shared.Actor;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo city's duty history, made through the same services the provider uses: the duties of
 * the last three days, the day before yesterday's daily inspection (a zero report) and backup
 * record filed, yesterday's left missing, so the supervisor finds it overdue on the first morning.
 */
@DemoComponent
@org.springframework.core.annotation.Order(30)
record DemoDuties(DutyEngine engine, Duties duties, DemoSeeding city) implements DemoStep {

    @Override
    public void seed() {
        LocalDate today = city.today();
        LocalDate dayBefore = today.minusDays(2);
        engine.generate(dayBefore, today);
        city.as("provider", () -> {
            Duties.Agenda agenda = duties.agendaOf(Actor.require(), 200);
            List<Duty> mine = new ArrayList<>(agenda.next());
            mine.addAll(agenda.overdue());
            for (Duty duty : mine) {
                if (!dayBefore.equals(duty.periodStart())) {
                    continue;
                }
                if (duty.ruleId().equals("A5.4-daily-inspection")) {
                    duties.submit(duty.id(), Map.of("devicesStatus", "正常", "systemsStatus", "正常", "cryptoPoolChecked", "true",
                            "cryptoPoolResult", "有效", "securityEventCount", "0", "noSecurityEvents", "true", "declarant", "王建国"));
                } else if (duty.ruleId().equals("A5.3-daily-backup-record")) {
                    duties.submit(duty.id(), Map.of("backupScope", "政务云管理平台数据库、密钥管理系统、云主机快照", "completed", "true",
                            "sizeGb", "412.6", "location", "同城灾备中心对象存储（二号机房）", "verified", "true", "operator", "王建国"));
                }
            }
        });
        engine.sweep();
    }
}
