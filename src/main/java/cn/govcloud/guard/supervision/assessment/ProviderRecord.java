package cn.govcloud.guard.supervision.assessment;

import cn.govcloud.guard.incidents.IncidentOutcomes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The cloud provider's record for the year (A12): its own duties done on time, and the incidents of
 * grade III and above on the platform, which it answers for. Shown beside the units, not ranked with them.
 *
 * @param incidents every incident of grade I–III confirmed in the year on the platform; {@code systemId} null: the platform itself (A10.4)
 */
public record ProviderRecord(long orgId, String orgName, long dutiesDue, long dutiesOnTime, List<IncidentOutcomes.Outcome> incidents) {

    public ProviderRecord {
        incidents = List.copyOf(incidents);
    }

    public BigDecimal dutiesRatePercent() {
        return dutiesDue == 0 ? null : BigDecimal.valueOf(dutiesOnTime * 100L).divide(BigDecimal.valueOf(dutiesDue), 1, RoundingMode.HALF_UP);
    }

    public long platformIncidents() {
        return incidents.stream().filter(i -> i.systemId() == null).count();
    }
}
