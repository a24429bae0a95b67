package cn.govcloud.guard.platform;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;

/**
 * A5.6: the provider applied to end its service; published once for the platform ({@code systemId} null) and once
 * for each hosted system that must migrate.
 */
public record ExitRequested(long exitId, Subject subject, Instant at, Long systemId) implements DutyEvent {

    /** The reference of a system's migration under an exit. */
    public static String systemReference(long exitId, long systemId) {
        return "exit:" + exitId + ":system:" + systemId;
    }

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("exit.requested", subject, at, systemId == null ? "exit:" + exitId : systemReference(exitId, systemId));
    }
}
