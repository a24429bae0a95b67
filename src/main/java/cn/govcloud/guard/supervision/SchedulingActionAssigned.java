package cn.govcloud.guard.supervision;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;

/**
 * The monthly scheduling assigned an action to a unit or the provider (A11.3 "跟踪督促整改落实"); the catalog's
 * {@code A11.3-scheduling-action(-provider)} duty hangs on {@code scheduling.action-assigned}.
 */
public record SchedulingActionAssigned(long actionId, Subject organisation, Instant at) implements DutyEvent {

    public String reference() {
        return "scheduling-action:" + actionId;
    }

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("scheduling.action-assigned", organisation, at, reference());
    }
}
