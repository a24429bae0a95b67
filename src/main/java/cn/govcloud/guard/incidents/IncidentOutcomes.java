package cn.govcloud.guard.incidents;

import java.time.Instant;
import java.util.List;

/**
 * Read-only incident figures for the annual assessment (A12): incidents confirmed in a period, by
 * responsible organisation and grade (I … IV, the grade in force now). Unscoped: the caller checks
 * who may see them.
 */
public interface IncidentOutcomes {

    record Tally(long orgId, String grade, long count) {
    }

    /** {@code systemId} is null for an incident of the platform itself (A10.4). */
    record Outcome(long id, long orgId, Long systemId, String title, String grade, Instant confirmedAt, String status) {
    }

    /** Per organisation and grade, confirmed in {@code [from, to)} (one query). */
    List<Tally> tally(Instant from, Instant to);

    /** One organisation's incidents confirmed in {@code [from, to)}, by confirmation time. */
    List<Outcome> outcomes(long orgId, Instant from, Instant to);

    /** Every incident of one of {@code grades} confirmed in {@code [from, to)} on the platform, whoever is responsible (A12: the provider answers for grade III and above). */
    List<Outcome> ofGrades(List<String> grades, Instant from, Instant to);
}
