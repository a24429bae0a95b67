package cn.govcloud.guard.duties.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.calendar.Cadence;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.duties.internal.ComplianceMatrix.Status;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.Rule.Condition;
import cn.govcloud.guard.rules.Rule.Condition.Operator;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 17 point 10: a rule that cannot be evaluated for a subject shows 无法评估 with the reason, never COMPLIANT. */
class ComplianceMatrixUnitTests {

    private static Rule rule(Rule.Trigger trigger, Condition... conditions) {
        return new Rule("A8.2-test", "A8.2", "测试", "Test", "源", Rule.Party.UNIT, SubjectKind.SYSTEM, List.of(conditions), trigger,
                new Rule.DueRule(Rule.DueRule.Kind.END_OF_PERIOD, 0), Rule.Evidence.none(), List.of(),
                new Rule.Escalation(Duration.ZERO, Set.of()), Set.of());
    }

    private static Subject system(Map<String, ?> facts) {
        return new Subject(SubjectKind.SYSTEM, 7, "办件系统", 3, facts);
    }

    @Test
    void A13_aRecurringRuleOnAFactTheSubjectLacksCannotBeEvaluated_NamingTheFact() {
        Rule r = rule(Rule.Trigger.every(Cadence.YEARLY), new Condition("criticalInfrastructure", Operator.EQ, "true"));
        ComplianceMatrix.Row row = ComplianceMatrix.row(r, system(Map.of("mlpsLevel", 3)), "教育局", null, "v1");
        assertThat(row.status()).isEqualTo(Status.NOT_EVALUABLE);
        assertThat(row.reason()).isEqualTo("duties.matrix.reason.unknownFact");
        assertThat(row.reasonArgs()).containsExactly("criticalInfrastructure");
    }

    @Test
    void A13_anEventRuleNothingTriggeredOwesNothing_NotCompliant() {
        Rule r = rule(Rule.Trigger.on("hazard.rectified"), new Condition("warnerKind", Operator.EQ, "supervisor"));
        ComplianceMatrix.Row row = ComplianceMatrix.row(r, system(Map.of("mlpsLevel", 3)), "教育局", null, "v1");
        // the condition is on the event (the subject has no warnerKind): decided per event, not "not applicable" for the system
        assertThat(row.status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(row.reason()).isEqualTo("duties.matrix.reason.noEvent");
    }

    @Test
    void A13_aConditionOnAKnownFactThatFailsIsNotApplicable() {
        Rule r = rule(Rule.Trigger.every(Cadence.YEARLY), new Condition("mlpsLevel", Operator.GE, "3"));
        assertThat(ComplianceMatrix.row(r, system(Map.of("mlpsLevel", 2)), "教育局", null, "v1").status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(ComplianceMatrix.row(r, system(Map.of("mlpsLevel", 3)), "教育局", null, "v1").status()).isEqualTo(Status.DUE);
    }
}
