package cn.govcloud.guard.systems;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;

/** The supervisor suspended a system (A11.4); the catalog's {@code system.suspended} duties hang on it, one per suspension. */
public record SystemSuspended(long systemId, Subject system, Instant at) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("system.suspended", system, at, "system:" + systemId + ":suspension:" + at.toEpochMilli());
    }
}
