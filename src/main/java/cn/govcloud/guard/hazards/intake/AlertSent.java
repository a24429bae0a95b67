package cn.govcloud.guard.hazards.intake;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;

/**
 * The notice of a serious alert or vulnerability reached the system's unit (A10.1); the catalog's
 * {@code alert.sent} duty (the unit's acknowledgement, {@code A10.1-alert-acknowledgement}) hangs on it.
 *
 * @param ref what was told, as in {@link AlertRaised}; it is the duty's reference
 */
public record AlertSent(String ref, Subject system, Instant at) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("alert.sent", system, at, ref);
    }
}
