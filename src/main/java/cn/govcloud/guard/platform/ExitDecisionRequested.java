package cn.govcloud.guard.platform;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;

/** A5.6 (issue 17 point 14): the provider's exit application awaits the competent department's decision. */
public record ExitDecisionRequested(long exitId, Subject platform, Instant at) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("exit.decision-requested", platform, at, "exit:" + exitId + ":decision");
    }
}
