package cn.govcloud.guard.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.govcloud.guard.rules.Rule.Condition;
import cn.govcloud.guard.rules.Rule.Condition.Operator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Conditions: one syntax, numbers compared as numbers, text as text, a missing attribute never matches. */
class ConditionsUnitTests {

    @Test
    void theSyntaxIsAttributeOperatorValue() {
        assertThat(Conditions.parse("mlpsLevel >= 3")).isEqualTo(new Condition("mlpsLevel", Operator.GE, "3"));
        assertThat(Conditions.parse("mlpsLevel>=3")).isEqualTo(new Condition("mlpsLevel", Operator.GE, "3"));
        assertThat(Conditions.parse("grade != IV")).isEqualTo(new Condition("grade", Operator.NE, "IV"));
        assertThat(Conditions.parse("dataGrade == \"important\"")).isEqualTo(new Condition("dataGrade", Operator.EQ, "important"));
        assertThat(Conditions.parse("kind == 'cloud-assessment'").value()).isEqualTo("cloud-assessment");
        assertThat(Conditions.parse("system.level < 2").operator()).isEqualTo(Operator.LT);
        assertThat(Conditions.parse("x > 2").operator()).isEqualTo(Operator.GT);
        assertThat(Conditions.parse("x <= 2").operator()).isEqualTo(Operator.LE);
        assertThat(Conditions.parse("mlpsLevel >= 3")).hasToString("mlpsLevel >= 3");
    }

    @Test
    void anythingElseIsRefusedWithTheSyntaxInTheMessage() {
        for (String bad : new String[] {"mlpsLevel => 3", "mlpsLevel", ">= 3", "mlps Level >= 3", "x == ''", "x == 1 2", "", "3 == x"}) {
            assertThatThrownBy(() -> Conditions.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("<attribute> <op> <value>");
        }
    }

    @Test
    void numbersCompareAsNumbers() {
        Condition atLeast3 = Conditions.parse("mlpsLevel >= 3");
        assertThat(atLeast3.test(Map.of("mlpsLevel", 3))).isTrue();
        assertThat(atLeast3.test(Map.of("mlpsLevel", 4))).isTrue();
        assertThat(atLeast3.test(Map.of("mlpsLevel", 2))).isFalse();
        assertThat(atLeast3.test(Map.of("mlpsLevel", "3"))).isTrue();
        assertThat(atLeast3.test(Map.of("mlpsLevel", 10))).as("10 > 3 as numbers, not as text").isTrue();
        assertThat(Conditions.parse("x == 3").test(Map.of("x", 3.0))).isTrue();
    }

    @Test
    void textComparesAsText() {
        Condition notIV = Conditions.parse("grade != IV");
        assertThat(notIV.test(Map.of("grade", "I"))).isTrue();
        assertThat(notIV.test(Map.of("grade", "III"))).isTrue();
        assertThat(notIV.test(Map.of("grade", "IV"))).isFalse();
        assertThat(Conditions.parse("kind == mlps").test(Map.of("kind", "crypto"))).isFalse();
        assertThat(Conditions.parse("dataGrade != general").test(Map.of("dataGrade", "core"))).isTrue();
    }

    @Test
    void aMissingAttributeNeverMatches() {
        assertThat(Conditions.parse("mlpsLevel >= 3").test(Map.of())).isFalse();
        assertThat(Conditions.parse("grade != IV").test(Map.of("kind", "x"))).isFalse();
    }
}
