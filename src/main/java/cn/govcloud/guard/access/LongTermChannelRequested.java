package cn.govcloud.guard.access;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;

/** The unit approved a long-term channel (A9.3); the network-security regulator's decision is owed from here. */
public record LongTermChannelRequested(long channelId, Subject subject, Instant at) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("long-term-channel.requested", subject, at, "channel:" + channelId + ":regulator");
    }
}
