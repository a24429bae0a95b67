package cn.govcloud.guard.hazards;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Read-only rectification figures for the annual assessment (A12, after A10.2): a hazard counts in
 * the year its effective due date (after approved extensions) falls, once it has fallen due by
 * {@code now}, is closed or awaits verification; it is on time when the unit's written feedback (or
 * an accepted risk) came without the hazard ever having been overdue while the unit's clock ran — the
 * warner's verification date does not count (A10.2, issue 17). Unscoped: the caller checks who may see them.
 */
public interface HazardOutcomes {

    record Tally(long orgId, long due, long closedOnTime) {
    }

    record Outcome(long id, String title, String systemName, String severity, String status, LocalDate dueDate, Instant closedAt,
                   boolean onTime) {
    }

    /** Per owning unit with at least one hazard counted (one query, grouped by unit). */
    List<Tally> tally(LocalDate from, LocalDate to, Instant now);

    /** The same tally for one unit only (its index range, not the whole city's hazards); empty when nothing counts. */
    java.util.Optional<Tally> tallyOf(long orgId, LocalDate from, LocalDate to, Instant now);

    /** The hazards counted for one unit, by due date. */
    List<Outcome> outcomes(long orgId, LocalDate from, LocalDate to, Instant now);
}
