package cn.govcloud.guard.access;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;

/** The provider's remote operation of the platform was closed (A5.3); its record is owed from here. */
public record PlatformRemoteOperationEnded(long channelId, Subject subject, Instant at) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("platform.remote-operation.ended", subject, at, "channel:" + channelId + ":ended");
    }
}
