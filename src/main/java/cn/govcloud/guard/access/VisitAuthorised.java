package cn.govcloud.guard.access;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;

/** The supervisor authorised an on-site visit with its letter (A9.1); the catalog's {@code visit.requested} duties hang on it. */
public record VisitAuthorised(long visitId, Subject system, Instant at) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("visit.requested", system, at, "visit:" + visitId);
    }
}
