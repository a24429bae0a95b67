package cn.govcloud.guard.hazards;

import java.time.Instant;
import java.util.List;

/**
 * The hazards notified in a period and where their rectification stands now, for the annual report to the municipal
 * government (A10.2, A12, A14). One grouped query; the on-time rule is the rectification figures' own ({@link
 * HazardOutcomes}): fed back (or closed, or risk accepted) without ever having been overdue while the unit's clock ran.
 * Unscoped: the caller checks who may see them.
 */
public interface HazardYearFigures {

    /**
     * The hazards of one owning unit, source (MANUAL, ALERT, FINDING, INSPECTION, DRILL, RED_TEAM …) and severity (CRITICAL …
     * LOW): {@code notified} in the period, of them {@code onTime} rectified on time, {@code late} rectified after being
     * overdue, {@code open} not yet rectified (of which {@code openOverdue} past their due time).
     */
    record Group(long orgId, String source, String severity, long notified, long onTime, long late, long open, long openOverdue) {
    }

    /** Hazards notified in {@code [from, to)}, per unit, source and severity; only groups that occur. */
    List<Group> notified(Instant from, Instant to);
}
