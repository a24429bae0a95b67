package cn.govcloud.guard.platform;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;
import java.util.Map;

/** A6.1: an external line was connected to the platform ({@code lineType} INTERNET, GOV_EXTRANET or DEPARTMENT_PRIVATE). */
public record NetworkLineConnected(long lineId, Subject platform, Instant at, String lineType) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("network-line.connected", platform, at, "network-line:" + lineId, Map.of("lineType", lineType));
    }
}
