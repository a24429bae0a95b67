package cn.govcloud.guard.access;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;

/** A unit's user asked for a remote channel to one of its systems (A9.2); the unit's approval is owed from here. */
public record RemoteAccessRequested(long channelId, Subject subject, Instant at) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("remote-access.requested", subject, at, "channel:" + channelId + "");
    }
}
