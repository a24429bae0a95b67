package cn.govcloud.guard.duties;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Published in the transaction that loads a year's holiday notice, once for each open duty whose
 * provisional due date was recomputed ("Working days" in REQUIREMENTS.md). A module that keeps a copy
 * of a duty's due date (a hazard's rectification date, a scheduling action's date) updates its copy
 * and flag from it. {@code dueDate} is the later of the exact date and the one announced before; it
 * stays {@code dueProvisional} while a year it counted through is still not loaded.
 */
public record DutyDueRecomputed(long dutyId, String ruleId, String reference, LocalDate previousDueDate, Instant previousDueAt,
                                LocalDate dueDate, Instant dueAt, boolean dueProvisional) {

    /** Whether the date moved (later: never earlier than announced). */
    public boolean moved() {
        return !dueAt.equals(previousDueAt);
    }
}
