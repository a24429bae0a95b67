package cn.govcloud.guard.platform;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;

/** A5.6: an exit's end date came, the service ended; the data-clearance report is owed from then. */
public record ExitServiceEnded(long exitId, Subject platform, Instant endedAt) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("exit.service-ended", platform, endedAt, "exit:" + exitId + ":ended");
    }
}
