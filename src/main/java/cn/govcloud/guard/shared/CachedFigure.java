package cn.govcloud.guard.shared;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A figure read from the database at most once per interval. Prometheus scrapes every few seconds,
 * several servers may scrape, and a count over a million duties is not free: the gauges of the
 * modules read through this, so the database answers at most one such query per interval and figure.
 * A failed read keeps the last value (a gauge must not throw into the scrape).
 */
public final class CachedFigure<T> implements Supplier<T> {
    private final Supplier<T> source;
    private final long intervalNanos;
    private volatile T value;
    private volatile long readAt;
    private volatile boolean read;

    public CachedFigure(Duration interval, T initial, Supplier<T> source) {
        this.source = source;
        this.intervalNanos = interval.toNanos();
        this.value = initial;
    }

    @Override
    public T get() {
        long now = System.nanoTime();
        if (!read || now - readAt >= intervalNanos) {
            synchronized (this) {
                if (!read || now - readAt >= intervalNanos) {
                    try {
                        value = source.get();
                    } catch (RuntimeException e) {
                        // keep the last value: the database may be down, and readiness says so
                    }
                    readAt = now;
                    read = true;
                }
            }
        }
        return value;
    }
}
