package cn.govcloud.guard.systems.ledger.internal;

import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.Rule.Condition;
import cn.govcloud.guard.rules.RuleCatalog;
import java.time.Period;
import java.util.Map;
import java.util.Optional;

/**
 * How often a system of a protection level owes each assessment (A7.2), read from the catalog in force, never from
 * code: the kind's rule whose {@code mlpsLevel} conditions the level meets gives its period (a yearly trigger: a year),
 * times the N of a {@code yearsSince… >= N} condition when it has one — so level 2's 等保测评 ({@code
 * A7.2-mlps-assessment-level2}, {@code yearsSinceMlpsAssessment >= 2}) comes every two years, level ≥ 3 every year, and
 * a district overlay that changes those conditions (A13) changes the ledger's next due dates with the duties.
 * No rule for the level (e.g. 密评 below level 3, 等保测评 at level 1): the assessment is not owed.
 */
@org.springframework.stereotype.Component
public class Cadences {
    static final String LEVEL = "mlpsLevel";
    private final RuleCatalog catalog;

    Cadences(RuleCatalog catalog) {
        this.catalog = catalog;
    }

    public Optional<Period> of(AssessmentKind kind, int mlpsLevel) {
        Optional<Period> shortest = Optional.empty();
        for (String id : kind.ruleIds()) {
            Optional<Rule> rule = catalog.rule(id);
            if (rule.isEmpty() || !rule.get().recurring() || !levelMatches(rule.get(), mlpsLevel)) {
                continue;
            }
            int months = months(rule.get()) * multiplier(rule.get());
            if (shortest.isEmpty() || months < shortest.get().toTotalMonths()) {
                shortest = Optional.of(Period.ofMonths(months).normalized());
            }
        }
        return shortest;
    }

    /**
     * The conclusions a filing of the kind may state: the options of the {@code conclusion} field of its rules' forms
     * (等保测评 优 / 良 / 中 / 差, 密评 符合 / 基本符合 / 不符合); a penetration test 通过 / 不通过 (the rule's allFixed); empty: free text.
     */
    public java.util.List<String> conclusions(AssessmentKind kind) {
        if (kind == AssessmentKind.PENETRATION_TEST) {
            return AssessmentKind.PENETRATION_CONCLUSIONS;
        }
        for (String id : kind.ruleIds()) {
            var options = catalog.rule(id).stream().flatMap(r -> r.evidence().fields().stream())
                    .filter(f -> f.name().equals("conclusion") && !f.options().isEmpty()).findFirst();
            if (options.isPresent()) {
                return options.get().options();
            }
        }
        return java.util.List.of();
    }

    static boolean levelMatches(Rule rule, int level) {
        return rule.conditions().stream().filter(c -> c.attribute().equals(LEVEL)).allMatch(c -> c.test(Map.of(LEVEL, level)));
    }

    /** N of {@code yearsSince… >= N} (N + 1 of {@code > N}); 1 without such a condition. */
    static int multiplier(Rule rule) {
        for (Condition c : rule.conditions()) {
            if (c.attribute().startsWith("yearsSince")) {
                try {
                    int n = Integer.parseInt(c.value().strip());
                    if (c.operator() == Condition.Operator.GE) {
                        return Math.max(1, n);
                    }
                    if (c.operator() == Condition.Operator.GT) {
                        return Math.max(1, n + 1);
                    }
                } catch (NumberFormatException notAWholeNumber) {
                    return 1;
                }
            }
        }
        return 1;
    }

    private static int months(Rule rule) {
        return switch (rule.trigger().cadence()) {
            case YEARLY -> 12;
            case HALF_YEARLY -> 6;
            case QUARTERLY -> 3;
            case MONTHLY, WEEKLY, DAILY -> 1;
        };
    }
}
