package cn.govcloud.guard.supervision.assessment;

import java.time.Instant;
import java.util.List;

/**
 * A year's annual assessment (A12): the units ranked, the provider's record, and what it was
 * computed with.
 *
 * @param finalisedAt null while the year is live (computed on read from the recorded data)
 * @param weights     the items and weights used, e.g. {@code duties=40;hazards=30;…}
 */
public record Ranking(int year, String catalogVersion, String weights, List<UnitScore> units, List<ProviderRecord> providers,
                      Instant computedAt, Instant finalisedAt, String finalisedBy) {

    public Ranking {
        units = List.copyOf(units);
        providers = List.copyOf(providers);
    }

    public boolean finalised() {
        return finalisedAt != null;
    }

    public java.util.Optional<UnitScore> unit(long orgId) {
        return units.stream().filter(u -> u.orgId() == orgId).findFirst();
    }

    /** The same ranking as one reader may see it (e.g. a unit: only its own line; the provider: none). */
    public Ranking only(List<UnitScore> visibleUnits, List<ProviderRecord> visibleProviders) {
        return new Ranking(year, catalogVersion, weights, visibleUnits, visibleProviders, computedAt, finalisedAt, finalisedBy);
    }
}
