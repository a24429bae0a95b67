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

/**
 * Issue 17 point 10: a rule that cannot be evaluated for a subject shows 无法评估 with the reason, never COMPLIANT. The
 * conditions' part of a cell ({@link ComplianceCells#cell}); what the duties make of the rest is computed in SQL and
 * compared with the in-memory evaluation in ComplianceMatrixSqlTests.
 */
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
        ComplianceCells.Cell cell = ComplianceCells.cell(r, system(Map.of("mlpsLevel", 3)), "教育局", 3);
        assertThat(cell.fixedStatus()).isEqualTo(Status.NOT_EVALUABLE);
        assertThat(cell.reason()).isEqualTo("duties.matrix.reason.unknownFact");
        assertThat(cell.reasonArg()).isEqualTo("criticalInfrastructure");
    }

    @Test
    void A13_anEventRuleNothingTriggeredOwesNothing_NotCompliant() {
        Rule r = rule(Rule.Trigger.on("hazard.rectified"), new Condition("warnerKind", Operator.EQ, "supervisor"));
        ComplianceCells.Cell cell = ComplianceCells.cell(r, system(Map.of("mlpsLevel", 3)), "教育局", 3);
        // the condition is on the event (the subject has no warnerKind): decided per event, not "not applicable" for the system;
        // with no duty the SQL status makes it NOT_APPLICABLE "no event yet" (ComplianceMatrixSqlTests), never COMPLIANT
        assertThat(cell.fixedStatus()).isNull();
        assertThat(cell.rule().recurring()).isFalse();
        assertThat(ComplianceMatrix.status("c")).contains("when c.recurring then 'DUE' else 'NOT_APPLICABLE' end");
    }

    @Test
    void A13_aConditionOnAKnownFactThatFailsIsNotApplicable() {
        Rule r = rule(Rule.Trigger.every(Cadence.YEARLY), new Condition("mlpsLevel", Operator.GE, "3"));
        assertThat(ComplianceCells.cell(r, system(Map.of("mlpsLevel", 2)), "教育局", 3).fixedStatus()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(ComplianceCells.cell(r, system(Map.of("mlpsLevel", 2)), "教育局", 3).reasonArg()).isEqualTo("mlpsLevel >= 3");
        // applies: the duties decide (DUE while this year's is not generated, in SQL)
        assertThat(ComplianceCells.cell(r, system(Map.of("mlpsLevel", 3)), "教育局", 3).fixedStatus()).isNull();
    }
}
