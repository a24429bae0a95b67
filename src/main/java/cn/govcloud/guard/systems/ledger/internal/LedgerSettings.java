package cn.govcloud.guard.systems.ledger.internal;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The register's settings ({@code govguard.systems.*}): {@code assessmentReminders}, the days before an assessment's next
 * due date at which the unit is reminded, each once (A7.2; 90, 60 and 30 unless set).
 */
@ConfigurationProperties("govguard.systems")
public record LedgerSettings(List<Integer> assessmentReminders) {
    public LedgerSettings {
        assessmentReminders = assessmentReminders == null ? List.of(90, 60, 30) : assessmentReminders.stream().sorted().toList();
    }
}
