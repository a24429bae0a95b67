package cn.govcloud.guard.supervision;

import java.time.LocalDateTime;
import java.util.List;

/**
 * 实网攻防 and 重保 periods (A4, 第四条（二）) as other modules (the demo city) may use them, as the signed-in supervisor:
 * the same checks as the pages and {@code /api/v1/periods}.
 */
public interface SupervisionPeriods {

    /** Declares a period ({@code EXERCISE} or {@code PROTECTION}); times are Beijing local times. Returns its id. Audited. */
    long declarePeriod(String kind, String name, LocalDateTime startsAt, LocalDateTime endsAt, List<Long> participantIds, String redTeam,
                       String note);

    /** Records a finding of an exercise on a participating unit's system: a hazard notice (source RED_TEAM). Returns the hazard's id. */
    long recordPeriodFinding(long periodId, long systemId, String title, String severity, String description);

    /** Whether any period was ever declared. */
    boolean anyPeriodDeclared();
}
