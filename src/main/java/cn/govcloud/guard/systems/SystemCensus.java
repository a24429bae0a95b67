package cn.govcloud.guard.systems;

import java.time.Instant;
import java.util.List;

/**
 * How many hosted systems were on the platform at a moment of the past, by protection level, for the annual report to
 * the municipal government (A12, A14): read from the systems' timelines (their admission and exit transitions), not
 * from their state today, so a year's figure stays what it was. Unscoped: the caller checks who may see it.
 */
public interface SystemCensus {

    /**
     * One protection level (等保级别 1 … 5, the level recorded on the system now): systems on the platform at the end
     * of the period (admitted by then and not exited by then), admitted during it and exited during it.
     */
    record LevelCount(int mlpsLevel, long onPlatform, long admitted, long exited) {
    }

    /** Per level that has any system ever admitted, for the period {@code [from, to)}, lowest level first. */
    List<LevelCount> byLevel(Instant from, Instant to);
}
