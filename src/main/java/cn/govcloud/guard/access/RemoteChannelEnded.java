package cn.govcloud.guard.access;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;

/** An opened channel to a unit's system was closed (A9.3); the provider's closure confirmation is owed from here. */
public record RemoteChannelEnded(long channelId, Subject subject, Instant at) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("remote-channel.ended", subject, at, "channel:" + channelId + ":ended");
    }
}
