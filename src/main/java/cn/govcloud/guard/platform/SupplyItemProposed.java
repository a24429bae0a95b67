package cn.govcloud.guard.platform;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;
import java.util.Map;

/** A5.5: the provider proposed a subcontract, supplier or component, to be risk-assessed before use. */
public record SupplyItemProposed(long itemId, Subject platform, Instant at, String itemType) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("supply-chain.item-proposed", platform, at, "supply-item:" + itemId, Map.of("itemType", itemType));
    }
}
