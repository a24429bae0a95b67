package cn.govcloud.guard.systems.internal;

import cn.govcloud.guard.shared.RuleViolation;
import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle as data: each action names the states it may start from, the state it leads to
 * and the rule of the Measures that allows it. An action from any other state is refused with
 * the rule and the current state (409). Guards that need more than the state (a signed agreement,
 * all items accepted) are checked by the use cases ({@link Admission}) before {@link #check}.
 */
public enum Lifecycle {
    /** The unit completes the registration; editing ends. */
    SUBMIT("A7", EnumSet.of(SystemState.DRAFT), SystemState.AWAITING_AGREEMENT),
    /** The unit asks for admission; needs the signed agreement (A11.1). */
    REQUEST_ADMISSION("A11.1", EnumSet.of(SystemState.DRAFT, SystemState.AWAITING_AGREEMENT), SystemState.AWAITING_VERIFICATION),
    /** The supervisor admits once every item is accepted (A11.2). */
    ADMIT("A11.2", EnumSet.of(SystemState.AWAITING_VERIFICATION), SystemState.ADMITTED),
    /** Internet access or external data exchange switched on or off: no state change (A11.2). */
    SWITCH("A11.2", EnumSet.of(SystemState.ADMITTED), SystemState.ADMITTED),
    SUSPEND("A11.4", EnumSet.of(SystemState.ADMITTED), SystemState.SUSPENDED),
    RESUME("A11.4", EnumSet.of(SystemState.SUSPENDED), SystemState.ADMITTED),
    ORDER_EXIT("A11.4", EnumSet.of(SystemState.ADMITTED, SystemState.SUSPENDED), SystemState.EXIT_ORDERED),
    COMPLETE_EXIT("A11.4", EnumSet.of(SystemState.EXIT_ORDERED), SystemState.EXITED);

    private final String rule;
    private final Set<SystemState> from;
    private final SystemState to;

    Lifecycle(String rule, Set<SystemState> from, SystemState to) {
        this.rule = rule;
        this.from = from;
        this.to = to;
    }

    public String rule() {
        return rule;
    }

    public Set<SystemState> from() {
        return from;
    }

    public SystemState to() {
        return to;
    }

    public boolean allowedFrom(SystemState state) {
        return from.contains(state);
    }

    /** The state after this action from {@code current}, or a 409 naming the rule and the current state. */
    public SystemState check(SystemState current) {
        if (!allowedFrom(current)) {
            throw new StateRefused(this, current);
        }
        return to;
    }

    /** An illegal transition: the message names the action, the current state and the rule. */
    public static class StateRefused extends RuleViolation {
        private final Lifecycle action;
        private final SystemState current;

        StateRefused(Lifecycle action, SystemState current) {
            super(action.rule, action + " is not allowed in state " + current + " (only from " + action.from + ")");
            this.action = action;
            this.current = current;
        }

        public Lifecycle action() {
            return action;
        }

        public SystemState current() {
            return current;
        }
    }
}
