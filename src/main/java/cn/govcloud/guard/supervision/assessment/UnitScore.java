package cn.govcloud.guard.supervision.assessment;

import java.math.BigDecimal;
import java.util.List;

/**
 * One unit's annual assessment (A12): its items, total and rank, and last year's for comparison.
 *
 * @param previousTotal null when last year has no data for the unit ("无上年数据")
 * @param previousRank  null likewise
 */
public record UnitScore(long orgId, String orgName, List<ItemScore> items, BigDecimal total, int rank, BigDecimal previousTotal,
                        Integer previousRank) {

    public UnitScore {
        items = List.copyOf(items);
    }

    public BigDecimal delta() {
        return previousTotal == null ? null : total.subtract(previousTotal);
    }

    /**
     * Whether anything of the year was counted for the unit (otherwise it is full marks on nothing).
     * Admission is left out: it is the register as it stands, not a record of that year.
     */
    public boolean hasData() {
        return items.stream().anyMatch(i -> !i.empty() && !"ADMISSION".equals(i.kind()));
    }

    public UnitScore withRank(int rank) {
        return new UnitScore(orgId, orgName, items, total, rank, previousTotal, previousRank);
    }

    public UnitScore withPrevious(BigDecimal total, Integer rank) {
        return new UnitScore(orgId, orgName, items, this.total, this.rank, total, rank);
    }
}
