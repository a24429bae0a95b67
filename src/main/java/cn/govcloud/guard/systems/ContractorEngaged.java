package cn.govcloud.guard.systems;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;

/** A unit engaged a builder or operator for its system (A7.2); the catalog's {@code system.contractor-engaged} duties hang on it. */
public record ContractorEngaged(long contractorId, Subject system, Instant at) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("system.contractor-engaged", system, at, "contractor:" + contractorId);
    }
}
