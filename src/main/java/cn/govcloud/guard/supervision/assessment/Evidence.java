package cn.govcloud.guard.supervision.assessment;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One record behind an item's score (A12): a duty, a hazard, an incident or a system, with its
 * page. {@code onTime} is null where lateness does not apply (incidents).
 *
 * @param what  the rule id (duty), severity (hazard), grade (incident) or lifecycle state (system)
 * @param state the record's state now
 */
public record Evidence(String kind, long id, String name, String what, LocalDate dueDate, Instant doneAt, Boolean onTime, String state,
                       String link) {
}
