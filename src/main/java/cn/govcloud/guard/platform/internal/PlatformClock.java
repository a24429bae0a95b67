package cn.govcloud.guard.platform.internal;

import cn.govcloud.guard.calendar.WorkingCalendar;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/** The registers' "now" (stored in UTC) and "today" (the city's date, which deadlines and expiries count in). */
@Component
class PlatformClock {
    private final Clock clock;

    PlatformClock(Clock clock) {
        this.clock = clock;
    }

    Instant instant() {
        return clock.instant();
    }

    OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
    }

    /** The first day of the current quarter: an interface not reviewed since is due (A6.3, quarterly). */
    LocalDate quarterStart() {
        LocalDate t = today();
        return LocalDate.of(t.getYear(), ((t.getMonthValue() - 1) / 3) * 3 + 1, 1);
    }
}
