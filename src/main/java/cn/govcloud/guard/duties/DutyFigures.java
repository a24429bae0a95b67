package cn.govcloud.guard.duties;

import cn.govcloud.guard.shared.Actor;
import java.util.List;

/**
 * Duties due and overdue by rule for the dashboards (A11.3, A12), grouped in SQL and scoped
 * exactly as the duty list is: "due" is the list's state OPEN, "overdue" its state OVERDUE.
 */
public interface DutyFigures {

    /** One rule's open (due, not yet late) and overdue duties. */
    record RuleLoad(String ruleId, long due, long overdue) {
    }

    /** The rules with the most overdue (then due) duties, at most {@code limit} of them. */
    List<RuleLoad> byRule(Actor actor, int limit);
}
