package cn.govcloud.guard.systems;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;

/** A unit registered a system as a draft (A7); the catalog's {@code system.registered} duties hang on it. */
public record SystemRegistered(long systemId, Subject system, Instant at) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("system.registered", system, at, "system:" + systemId);
    }
}
