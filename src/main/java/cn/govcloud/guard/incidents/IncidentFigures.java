package cn.govcloud.guard.incidents;

import cn.govcloud.guard.shared.Actor;
import java.time.LocalDate;
import java.util.List;

/**
 * Incident and drill figures for the dashboards (A10.3–A10.5, A12), grouped in SQL and scoped
 * exactly as the incident and drill lists are, so each figure equals the rows of its list.
 */
public interface IncidentFigures {

    /** Incidents of one grade (I … IV) confirmed in one month (1–12, Asia/Shanghai). */
    record GradeMonth(String grade, int month, long count) {
    }

    /** Incidents confirmed in the year, by grade and month; only pairs that occur. */
    List<GradeMonth> byGradeAndMonth(Actor actor, int year);

    /**
     * The drills held between two days (inclusive) and the A10.3 scenarios they covered: how many
     * drills covered network attack, data leak, system failure and DR switch-over, and how many covered all four.
     */
    record DrillCoverage(long drills, long comprehensive, long networkAttack, long dataLeak, long systemFailure, long drSwitchover) {
    }

    DrillCoverage drills(Actor actor, LocalDate from, LocalDate to);
}
