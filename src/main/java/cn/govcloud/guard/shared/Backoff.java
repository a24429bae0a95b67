package cn.govcloud.guard.shared;

import java.time.Duration;

/**
 * The retry mechanics the outbound integrations share (SIEM destinations, service desks; issue 18 point 7): a
 * configured duration that must be positive, and the wait after failures in a row — the first retry, doubled after
 * each further failure, never more than the longest.
 */
public record Backoff(Duration firstRetry, Duration maxRetry) {

    /** The wait after {@code failures} failures in a row: e.g. 15 s, 30 s, 1 min … up to {@code maxRetry}. */
    public Duration after(int failures) {
        Duration d = firstRetry;
        for (int i = 1; i < failures && d.compareTo(maxRetry) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxRetry) > 0 ? maxRetry : d;
    }

    /** The setting, or {@code otherwise} when unset; zero or negative stops the start-up, naming the settings' prefix. */
    public static Duration positive(String prefix, Duration d, Duration otherwise) {
        if (d == null) {
            return otherwise;
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalStateException(prefix + " durations must be positive, got " + d);
        }
        return d;
    }
}
