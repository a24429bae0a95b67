package cn.govcloud.guard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application tests' clock. Until a test sets it, it runs from a fixed starting instant
 * ({@link #DEFAULT_START} unless the test context names another), so nothing in the suite depends on
 * the day it runs: it ticks like a real clock (a test that does two things sees two instants), but its
 * date is always the same. Once set, it stands still at the instant set and is moved only by the test;
 * tests that move it put it back in {@code @AfterEach} ({@link #reset()}).
 */
public class MutableClock extends Clock {
    /**
     * Thursday 26 November 2026, 10:00 in Beijing: a working day of a loaded year, inside the catalog's
     * validity, with December (and the next, unloaded year) a few weeks ahead.
     */
    public static final Instant DEFAULT_START = Instant.parse("2026-11-26T02:00:00Z");

    private final Instant start;
    private final long startNanos = System.nanoTime();
    private volatile Instant fixed;

    public MutableClock() {
        this(DEFAULT_START);
    }

    /** Running from {@code start}, as if the machine's clock showed it when this clock was made. */
    public MutableClock(Instant start) {
        this.start = start;
    }

    public void set(Instant instant) {
        this.fixed = instant;
    }

    public void advance(Duration by) {
        this.fixed = instant().plus(by);
    }

    public void reset() {
        this.fixed = null;
    }

    @Override
    public Instant instant() {
        Instant now = fixed;
        return now != null ? now : start.plusNanos(System.nanoTime() - startNanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        MutableClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }
}
