package cn.govcloud.guard.hazards.internal;

import java.util.EnumSet;
import java.util.Set;

/**
 * The closed loop of a hazard notice (A10.2): NOTIFIED → ACKNOWLEDGED (a named person of the unit,
 * A10.1 "准确送达") → IN_PROGRESS (optional) → FEEDBACK_SUBMITTED (整改报告) → CLOSED by the warner, or
 * RETURNED with a reason and fed back again. RISK_ACCEPTED ends it when the supervisor approves a
 * risk acceptance. The transitions are the only place the loop is decided; anything else is refused.
 */
public enum HazardState {
    NOTIFIED, ACKNOWLEDGED, IN_PROGRESS, FEEDBACK_SUBMITTED, RETURNED, CLOSED, RISK_ACCEPTED;

    /** What someone may do to a hazard. */
    public enum Action {
        ACKNOWLEDGE, START, FEEDBACK, CLOSE, RETURN, REQUEST_EXTENSION, REQUEST_RISK_ACCEPTANCE, APPROVE_RISK_ACCEPTANCE
    }

    public boolean closed() {
        return this == CLOSED || this == RISK_ACCEPTED;
    }

    /** The states an action may start from. */
    static Set<HazardState> from(Action action) {
        return switch (action) {
            case ACKNOWLEDGE -> EnumSet.of(NOTIFIED);
            case START -> EnumSet.of(ACKNOWLEDGED, RETURNED);
            case FEEDBACK -> EnumSet.of(ACKNOWLEDGED, IN_PROGRESS, RETURNED);
            case CLOSE, RETURN -> EnumSet.of(FEEDBACK_SUBMITTED);
            case REQUEST_EXTENSION, REQUEST_RISK_ACCEPTANCE -> EnumSet.of(ACKNOWLEDGED, IN_PROGRESS, RETURNED);
            case APPROVE_RISK_ACCEPTANCE -> EnumSet.of(ACKNOWLEDGED, IN_PROGRESS, RETURNED, FEEDBACK_SUBMITTED);
        };
    }

    /** Where an action leads; a request leaves the state as it is until the supervisor decides. */
    static HazardState to(Action action, HazardState current) {
        return switch (action) {
            case ACKNOWLEDGE -> ACKNOWLEDGED;
            case START -> IN_PROGRESS;
            case FEEDBACK -> FEEDBACK_SUBMITTED;
            case CLOSE -> CLOSED;
            case RETURN -> RETURNED;
            case REQUEST_EXTENSION, REQUEST_RISK_ACCEPTANCE -> current;
            case APPROVE_RISK_ACCEPTANCE -> RISK_ACCEPTED;
        };
    }

    public boolean allows(Action action) {
        return from(action).contains(this);
    }
}
