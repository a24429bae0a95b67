package cn.govcloud.guard.systems.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.calendar.Cadence;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.Rule.Condition;
import cn.govcloud.guard.rules.Rule.Condition.Operator;
import cn.govcloud.guard.rules.RuleCatalog;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A7.2 (issue 17 point 9): the ledger's cadence is the catalog's rule conditions, so a district overlay (A13) changes it. */
class CadencesUnitTests {

    static Rule rule(String id, Condition... when) {
        return new Rule(id, "A7.2", "t", "t", "s", Rule.Party.UNIT, Rule.SubjectKind.SYSTEM, List.of(when), Rule.Trigger.every(Cadence.YEARLY),
                new Rule.DueRule(Rule.DueRule.Kind.END_OF_PERIOD, 0), Rule.Evidence.none(), List.of(),
                new Rule.Escalation(Duration.ZERO, Set.of()), Set.of());
    }

    static Cadences of(Rule... rules) {
        return new Cadences(new RuleCatalog() {
            @Override
            public Version version() {
                return new Version("x", "x", "1", LocalDate.parse("2025-12-16"), LocalDate.parse("2030-12-15"), null);
            }

            @Override
            public List<Rule> rules() {
                return List.of(rules);
            }

            @Override
            public Optional<Rule> rule(String id) {
                return rules().stream().filter(r -> r.id().equals(id)).findFirst();
            }

            @Override
            public List<Rule> triggeredBy(String event) {
                return List.of();
            }
        });
    }

    static final Rule LEVEL3 = rule("A7.2-mlps-assessment", new Condition("mlpsLevel", Operator.GE, "3"));

    @Test
    void A7_2_level2EveryTwoYearsLevel3Yearly_asTheProductCatalogSays() {
        Cadences cadences = of(LEVEL3, rule("A7.2-mlps-assessment-level2", new Condition("mlpsLevel", Operator.EQ, "2"),
                new Condition("yearsSinceMlpsAssessment", Operator.GE, "2")));
        assertThat(cadences.of(AssessmentKind.MLPS, 2)).contains(Period.ofYears(2));
        assertThat(cadences.of(AssessmentKind.MLPS, 4)).contains(Period.ofYears(1));
        assertThat(cadences.of(AssessmentKind.MLPS, 1)).isEmpty();
        assertThat(cadences.of(AssessmentKind.CRYPTO, 3)).isEmpty(); // no rule in this catalog: not owed
    }

    @Test
    void A7_2_anOverlayChangingTheConditionChangesTheCadence_A13() {
        Cadences yearly = of(LEVEL3, rule("A7.2-mlps-assessment-level2", new Condition("mlpsLevel", Operator.EQ, "2"),
                new Condition("yearsSinceMlpsAssessment", Operator.GE, "1")));
        assertThat(yearly.of(AssessmentKind.MLPS, 2)).contains(Period.ofYears(1));
        Cadences threeYears = of(LEVEL3, rule("A7.2-mlps-assessment-level2", new Condition("mlpsLevel", Operator.EQ, "2"),
                new Condition("yearsSinceMlpsAssessment", Operator.GT, "2")));
        assertThat(threeYears.of(AssessmentKind.MLPS, 2)).contains(Period.ofYears(3));
    }
}
