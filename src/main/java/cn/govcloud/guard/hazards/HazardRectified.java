package cn.govcloud.guard.hazards;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;
import java.util.Map;

/**
 * The unit gave its written feedback (整改报告, A10.2): its clock stops and the department that warned
 * ({@code warnerOrgId}, of kind {@code warnerKind}) verifies on its own clock (A11.3 "跟踪督促整改落实").
 */
public record HazardRectified(long hazardId, long feedbackId, Subject system, Instant at, String warnerKind, Hazards.Severity severity,
                              long warnerOrgId) implements DutyEvent {

    /** The reference of the verification duty this event raises. */
    public String reference() {
        return "hazard:" + hazardId + ":feedback:" + feedbackId;
    }

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("hazard.rectified", system, at, reference(), Map.of("warnerKind", warnerKind, "severity", severity.name()),
                warnerOrgId);
    }
}
