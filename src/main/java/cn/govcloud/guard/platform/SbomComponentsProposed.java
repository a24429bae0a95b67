package cn.govcloud.guard.platform;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;
import java.util.Map;

/** A5.5: an SBOM import brought new open-source components, assessed as one batch before use. */
public record SbomComponentsProposed(long importId, Subject platform, Instant at) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("supply-chain.item-proposed", platform, at, "sbom-import:" + importId, Map.of("itemType", "open-source"));
    }
}
