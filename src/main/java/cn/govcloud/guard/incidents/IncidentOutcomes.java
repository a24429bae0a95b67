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

    /**
     * How the incidents confirmed in {@code [from, to)} were reported, per responsible organisation (A10.4, A10.5, A12):
     * {@code late} (迟报) a first report after its 30-minute due time; {@code missing} (漏报) none by now though due;
     * {@code concealed} (瞒报) graded less severe than the grading of its recorded facts suggests, which also escapes
     * the report. A grade IV incident (no report due) or one reported on time counts in none.
     */
    record Reporting(long orgId, long late, long missing, long concealed) {
    }

    List<Reporting> reporting(Instant from, Instant to, Instant now);

    /** Per organisation and grade, confirmed in {@code [from, to)} (one query). */
    List<Tally> tally(Instant from, Instant to);

    /** One organisation's incidents confirmed in {@code [from, to)}, by confirmation time. */
    List<Outcome> outcomes(long orgId, Instant from, Instant to);

    /** Every incident of one of {@code grades} confirmed in {@code [from, to)} on the platform, whoever is responsible (A12: the provider answers for grade III and above). */
    List<Outcome> ofGrades(List<String> grades, Instant from, Instant to);
}
