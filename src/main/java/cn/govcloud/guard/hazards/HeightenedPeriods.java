package cn.govcloud.guard.hazards;

import java.time.Instant;

/**
 * Whether a unit takes part in a heightened period at a moment (A4, 第四条（二）: 实网攻防演练 or 重要时期安全保障 重保), which
 * another module declares (the supervision's periods). A hazard notified inside one carries the fact {@code period} (the
 * kind, or {@code NONE}) on {@code hazard.notified}, so the catalog's conditions choose the shorter acknowledgement clock
 * ({@code A4-period-hazard-acknowledgement}) instead of the usual one.
 */
public interface HeightenedPeriods {

    /** No period. */
    String NONE = "NONE";

    /** The kind of the period the organisation takes part in at {@code at} ({@code EXERCISE}, {@code PROTECTION}), or {@link #NONE}. */
    String periodAt(long orgId, Instant at);
}
