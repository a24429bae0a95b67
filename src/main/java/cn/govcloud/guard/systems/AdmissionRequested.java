package cn.govcloud.guard.systems;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;

/** A unit asked for its system's admission with the signed agreement (A11.1); the catalog's {@code system.admission-requested} duties hang on it. */
public record AdmissionRequested(long systemId, Subject system, Instant at) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("system.admission-requested", system, at, "system:" + systemId);
    }
}
