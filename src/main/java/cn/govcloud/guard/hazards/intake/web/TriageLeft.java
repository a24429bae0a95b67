package cn.govcloud.guard.hazards.intake.web;

import cn.govcloud.guard.hazards.intake.internal.IntakeQueries;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * Issue 17 point 5: what the triage page shows of a queued item's clock (catalog rule A10.1-triage) —
 * the due time in Beijing time and the hours and minutes left, or how long it is overdue.
 */
public record TriageLeft(String due, boolean overdue, long hours, long minutes) {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(cn.govcloud.guard.calendar.WorkingCalendar.ZONE);

    static TriageLeft of(Instant due, Instant now) {
        Duration left = Duration.between(now, due);
        Duration span = left.abs();
        return new TriageLeft(AT.format(due), left.isNegative(), span.toHours(), span.toMinutesPart());
    }

    static Map<Long, TriageLeft> of(Map<Long, Instant> due, Instant now) {
        Map<Long, TriageLeft> left = new HashMap<>();
        due.forEach((id, at) -> left.put(id, of(at, now)));
        return left;
    }

    static long overdue(IntakeQueries.TriageDue due, Instant now) {
        return due.findings().values().stream().filter(now::isAfter).count() + due.alerts().values().stream().filter(now::isAfter).count();
    }
}
