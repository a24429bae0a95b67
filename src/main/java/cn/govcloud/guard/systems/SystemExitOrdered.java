package cn.govcloud.guard.systems;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;
import java.time.LocalDate;

/** The supervisor ordered a system to exit by {@code deadline} (A11.4); the catalog's {@code system.exit-ordered} duties hang on it. */
public record SystemExitOrdered(long systemId, Subject system, Instant at, LocalDate deadline) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("system.exit-ordered", system, at, "system:" + systemId);
    }
}
