package cn.govcloud.guard.duties;

import java.time.LocalDate;
import java.util.Set;

/**
 * Published inside the generating transaction when the engine raised new recurring duties for the periods overlapping
 * [{@code from}, {@code to}], naming the rules it raised them for. A module holding evidence filed before its duty
 * existed closes the new duty with it at once, in the same transaction (e.g. a year's signed 网络安全责任书 uploaded in
 * December for the next year, issue 22 point 2), so the compliance matrix never shows it open. The engine counts
 * conservatively: a rule may be named when nothing new was raised for it, so listeners are idempotent.
 */
public record RecurringDutiesRaised(LocalDate from, LocalDate to, Set<String> ruleIds) {
    public RecurringDutiesRaised {
        ruleIds = Set.copyOf(ruleIds);
    }
}
