package cn.govcloud.guard.supervision;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A day (Beijing time) of a 实网攻防 or 重保 period began for one participating unit (A4, 第四条（二）): the catalog's
 * {@code A4-period-zero-report} hangs on {@code period.day}, due at the end of that day. {@code kind}: EXERCISE or
 * PROTECTION, for the catalog's conditions.
 */
public record PeriodDayStarted(long periodId, LocalDate day, Subject unit, Instant at, String kind) implements DutyEvent {

    /** The duty's reference, one per period and day: {@code supervision-period:PERIOD:DAY}. */
    public static String reference(long periodId, LocalDate day) {
        return "supervision-period:" + periodId + ":" + day;
    }

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("period.day", unit, at, reference(periodId, day), Map.of("kind", kind));
    }
}
