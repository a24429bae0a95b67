package cn.govcloud.guard.hazards;

import cn.govcloud.guard.shared.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Hazard figures for the dashboards (A10.2, A11.3), grouped in SQL and scoped exactly as the
 * hazard list is, so each figure equals the rows of the list it links to.
 */
public interface HazardFigures {

    /** A group and how many hazards are in it. */
    record Count(String key, long count) {
    }

    /**
     * How long an open hazard has waited since the unit was notified, in calendar days (whole 24-hour
     * days since {@code notified_at}); the list's {@code age} filter uses the same bounds.
     */
    enum Age {
        D0_7("0-7", 0, 7), D8_30("8-30", 8, 30), D31_90("31-90", 31, 90), D91("91-", 91, Integer.MAX_VALUE);

        private final String key;
        private final int minDays;
        private final int maxDays;

        Age(String key, int minDays, int maxDays) {
            this.key = key;
            this.minDays = minDays;
            this.maxDays = maxDays;
        }

        public String key() {
            return key;
        }

        /** Notified at or before this instant (at least {@code minDays} old). */
        public Instant notifiedAtOrBefore(Instant now) {
            return now.minus(Duration.ofDays(minDays));
        }

        /** Notified after this instant (at most {@code maxDays} old); empty for the open-ended bucket. */
        public Optional<Instant> notifiedAfter(Instant now) {
            return maxDays == Integer.MAX_VALUE ? Optional.empty() : Optional.of(now.minus(Duration.ofDays(maxDays + 1L)));
        }

        public static Optional<Age> of(String key) {
            for (Age a : values()) {
                if (a.key.equals(key)) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }
    }

    /** Open hazards (not closed, not risk-accepted) by severity (CRITICAL … LOW), only severities that occur. */
    List<Count> openBySeverity(Actor actor);

    /** Open hazards by {@link Age} bucket key, every bucket present (zero when empty). */
    List<Count> openByAge(Actor actor, Instant now);

}
