package cn.govcloud.guard.systems;

import cn.govcloud.guard.shared.Actor;
import java.util.List;

/**
 * Counts of hosted systems for the dashboards (A11.3, A12), grouped in SQL and scoped exactly as
 * the systems list is, so a figure equals the rows of the list it links to.
 */
public interface SystemFigures {

    /** A group and how many systems are in it. */
    record Count(String key, long count) {
    }

    /** Systems by lifecycle state (the names of the states, e.g. ADMITTED), only states that occur. */
    List<Count> byState(Actor actor);

    /** Systems by protection level (等保级别, "1" … "5"), only levels that occur. */
    List<Count> byLevel(Actor actor);
}
