package cn.govcloud.guard.access;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;

/** The provider asked to operate the platform remotely (A5.3); the supervisor's exception is owed from here. */
public record PlatformRemoteOperationRequested(long channelId, Subject subject, Instant at) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("platform.remote-operation.requested", subject, at, "channel:" + channelId + "");
    }
}
