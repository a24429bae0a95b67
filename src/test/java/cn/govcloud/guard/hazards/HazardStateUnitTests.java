package cn.govcloud.guard.hazards;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.hazards.internal.HazardState;
import cn.govcloud.guard.hazards.internal.HazardState.Action;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The A10.2 closed loop as a table: which step each state allows. */
class HazardStateUnitTests {

    private static Set<Action> allowed(HazardState state) {
        return Arrays.stream(Action.values()).filter(state::allows).collect(Collectors.toCollection(() -> EnumSet.noneOf(Action.class)));
    }

    @Test
    void eachStateAllowsExactlyTheStepsOfTheLoop_A10_2() {
        assertThat(allowed(HazardState.NOTIFIED)).containsExactly(Action.ACKNOWLEDGE);
        assertThat(allowed(HazardState.ACKNOWLEDGED)).containsExactlyInAnyOrder(Action.START, Action.FEEDBACK, Action.REQUEST_EXTENSION,
                Action.REQUEST_RISK_ACCEPTANCE, Action.APPROVE_RISK_ACCEPTANCE);
        assertThat(allowed(HazardState.IN_PROGRESS)).containsExactlyInAnyOrder(Action.FEEDBACK, Action.REQUEST_EXTENSION,
                Action.REQUEST_RISK_ACCEPTANCE, Action.APPROVE_RISK_ACCEPTANCE);
        assertThat(allowed(HazardState.FEEDBACK_SUBMITTED)).containsExactlyInAnyOrder(Action.CLOSE, Action.RETURN, Action.APPROVE_RISK_ACCEPTANCE);
        assertThat(allowed(HazardState.RETURNED)).containsExactlyInAnyOrder(Action.START, Action.FEEDBACK, Action.REQUEST_EXTENSION,
                Action.REQUEST_RISK_ACCEPTANCE, Action.APPROVE_RISK_ACCEPTANCE);
        assertThat(allowed(HazardState.CLOSED)).isEmpty();
        assertThat(allowed(HazardState.RISK_ACCEPTED)).isEmpty();
        assertThat(HazardState.CLOSED.closed()).isTrue();
        assertThat(HazardState.RETURNED.closed()).isFalse();
    }
}
