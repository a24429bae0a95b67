package cn.govcloud.guard.calendar.internal;

import cn.govcloud.guard.calendar.Deadline;
import cn.govcloud.guard.calendar.WorkingCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The platform's {@link WorkingCalendar}: the loaded years held in memory as an immutable
 * {@link ChineseCalendar}, swapped whole when a year is loaded. This node swaps at once; other nodes
 * notice within {@code govguard.calendar.check-interval} (5 s) through a one-row query on
 * {@code calendar_year}, made at most once per interval and by one thread, never per computation.
 */
@Component("workingCalendar")
@EnableConfigurationProperties(CalendarSettings.class)
public class LoadedWorkingCalendar implements WorkingCalendar {
    private static final Logger log = LoggerFactory.getLogger(LoadedWorkingCalendar.class);

    private record Snapshot(String fingerprint, ChineseCalendar calendar) {
    }

    private final CalendarYears years;
    private final long intervalNanos;
    private final AtomicLong nextCheck;
    private volatile Snapshot snapshot;

    /** {@code bundled} is here so the product's years are in the database before the first read. */
    LoadedWorkingCalendar(CalendarYears years, BundledSchedules bundled, CalendarSettings settings) {
        this.years = years;
        this.intervalNanos = settings.checkInterval().toNanos();
        this.snapshot = read();
        this.nextCheck = new AtomicLong(System.nanoTime() + intervalNanos);
    }

    /** Reads the years again now: after a load on this node, or when a test changed the tables. */
    public synchronized void refresh() {
        snapshot = read();
        nextCheck.set(System.nanoTime() + intervalNanos);
    }

    private Snapshot read() {
        String fingerprint = years.fingerprint(); // first: a load between the two reads shows at the next check
        ChineseCalendar calendar = ChineseCalendar.of(years.all());
        log.debug("Working calendar read: years {} ({})", calendar.loadedYears(), fingerprint);
        return new Snapshot(fingerprint, calendar);
    }

    private ChineseCalendar current() {
        long due = nextCheck.get();
        long now = System.nanoTime();
        if (now - due >= 0 && nextCheck.compareAndSet(due, now + intervalNanos)) {
            try {
                if (!years.fingerprint().equals(snapshot.fingerprint())) {
                    refresh();
                }
            } catch (DataAccessException e) { // keep computing on what we have; the next check tries again
                log.warn("Could not check the holiday schedules for changes: {}", e.getMessage());
            }
        }
        return snapshot.calendar();
    }

    @Override
    public boolean isWorkingDay(LocalDate day) {
        return current().isWorkingDay(day);
    }

    @Override
    public Deadline afterWorkingDays(Instant start, int workingDays) {
        return current().afterWorkingDays(start, workingDays);
    }

    @Override
    public SortedSet<Integer> loadedYears() {
        return current().loadedYears();
    }
}
