package cn.govcloud.guard.calendar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Time remaining beside a due time (issue 23 point 5), the one helper every list and home page uses:
 * "剩余 2 个工作日", "剩余 5 小时", "已逾期 3 天", always on the <em>server's</em> clock and the working-day
 * calendar ("Working days" in REQUIREMENTS.md), never on the browser's. Templates call it as
 * {@code @timeRemaining.of(due)} through the {@code fragments/due :: left(due, stopped)} badge.
 *
 * <p>Counting: from the due time's last day back to today. A due time within 24 hours shows hours (or
 * minutes); further off it shows the working days after today up to and including the due day (a
 * deadline on a weekend with no working day before it shows calendar days). Overdue shows the calendar
 * days since the due day ended (hours, minutes on the same day: the 30-minute incident clock).
 * A clock that has stopped (A10.2: the unit fed back and waits for verification) says so and counts nothing.
 */
@Component("timeRemaining")
public class TimeRemaining {
    /** Beyond this the working days are not walked one by one: calendar days are shown instead. */
    private static final int WALK_LIMIT = 400;
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final WorkingCalendar calendar;
    private final Clock clock;
    private final MessageSource messages;

    TimeRemaining(WorkingCalendar calendar, Clock clock, MessageSource messages) {
        this.calendar = calendar;
        this.clock = clock;
        this.messages = messages;
    }

    /**
     * What is left until {@code due} now.
     *
     * @param text    the words shown, e.g. "剩余 2 个工作日"
     * @param tone    the Bootstrap colour: danger (overdue), warning (within a working day), secondary, info (stopped)
     * @param dueText the due time as shown in the tooltip ("2026-12-01 24:00")
     * @param seconds seconds left on the server's clock (negative when overdue), for a live countdown
     */
    public record Left(String text, String tone, boolean overdue, boolean stopped, String dueText, long seconds) {
    }

    /** {@code due}: an {@link Instant}, {@link OffsetDateTime}, {@link ZonedDateTime} or a {@link LocalDate} (due at its 24:00); null → null. */
    public Left of(Object due) {
        return of(due, false);
    }

    /** As {@link #of(Object)}; {@code stopped}: the clock no longer runs against whoever owes it (e.g. feedback given). */
    public Left of(Object due, boolean stopped) {
        Instant at = instant(due);
        if (at == null) {
            return null;
        }
        String dueText = shown(at);
        if (stopped) {
            return new Left(text("due.left.stopped"), "info", false, true, dueText, 0);
        }
        Instant now = clock.instant();
        Duration left = Duration.between(now, at);
        LocalDate today = now.atZone(WorkingCalendar.ZONE).toLocalDate();
        LocalDate lastDay = at.minusNanos(1).atZone(WorkingCalendar.ZONE).toLocalDate();
        if (!left.isNegative() && !left.isZero()) {
            String text;
            String tone = "secondary";
            if (left.compareTo(Duration.ofHours(24)) < 0) {
                text = left.toHours() >= 1 ? text("due.left.hours", left.toHours()) : text("due.left.minutes", Math.max(1, left.toMinutes()));
                tone = "warning";
            } else {
                long days = ChronoUnit.DAYS.between(today, lastDay);
                long working = days > WALK_LIMIT ? 0 : workingDaysAfter(today, lastDay);
                text = working > 0 ? text("due.left.workingDays", working) : text("due.left.days", days);
                if (working <= 1 && days <= 1) {
                    tone = "warning";
                }
            }
            return new Left(text, tone, false, false, dueText, left.getSeconds());
        }
        Duration late = left.negated();
        long days = ChronoUnit.DAYS.between(lastDay, today);
        String text = days >= 1 ? text("due.overdue.days", days)
                : late.toHours() >= 1 ? text("due.overdue.hours", late.toHours()) : text("due.overdue.minutes", Math.max(1, late.toMinutes()));
        return new Left(text, "danger", true, false, dueText, -late.getSeconds());
    }

    /** Working days in (from, to]. */
    private long workingDaysAfter(LocalDate from, LocalDate to) {
        long n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (calendar.isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }

    private static Instant instant(Object due) {
        if (due instanceof Instant i) {
            return i;
        }
        if (due instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (due instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (due instanceof LocalDate d) {
            return d.plusDays(1).atStartOfDay(WorkingCalendar.ZONE).toInstant();
        }
        if (due == null) {
            return null;
        }
        throw new IllegalArgumentException("not a due time: " + due.getClass().getName());
    }

    /** A due time at midnight is shown as 24:00 of the day before, as the duty pages do. */
    private static String shown(Instant at) {
        ZonedDateTime z = at.atZone(WorkingCalendar.ZONE);
        if (z.getHour() == 0 && z.getMinute() == 0 && z.getSecond() == 0) {
            return z.minusDays(1).toLocalDate() + " 24:00";
        }
        return SHOWN.format(z);
    }

    private String text(String key, Object... args) {
        Object[] shown = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            shown[i] = String.valueOf(args[i]); // no thousands separator, no locale digits
        }
        return messages.getMessage(key, shown, LocaleContextHolder.getLocale());
    }
}
