package cn.govcloud.guard.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.calendar.internal.ChineseCalendar;
import cn.govcloud.guard.calendar.internal.ScheduleDay;
import cn.govcloud.guard.calendar.internal.YearSchedule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Issue 23 point 5: the time remaining beside a due time, on the server's clock (pinned here) and the
 * working-day calendar ("Working days", A10.2): weekends and holidays are not counted, 调休 days are.
 */
class TimeRemainingUnitTests {

    static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource m = new ResourceBundleMessageSource();
        m.setBasenames("messages/calendar");
        m.setDefaultEncoding("UTF-8");
        m.setFallbackToSystemLocale(false);
        return m;
    }

    /** 2026-12-07 is a Monday; in this test calendar 2026-12-10 (Thursday) is a holiday. */
    static TimeRemaining at(String instant) {
        WorkingCalendar calendar = ChineseCalendar.of(List.of(new YearSchedule(2026, "test",
                List.of(new ScheduleDay(LocalDate.of(2026, 12, 10), "测试假日")), List.of())));
        return new TimeRemaining(calendar, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), messages());
    }

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void A10_2_workingDaysLeftSkipTheWeekendAndHolidays() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        TimeRemaining r = at("2026-12-07T02:00:00Z"); // Monday 10:00 in Beijing
        // due at 24:00 on Monday 14 December: Tue, Wed, Fri, Mon (Thu 10 is a holiday, the weekend is not counted)
        TimeRemaining.Left left = r.of(LocalDate.of(2026, 12, 14));
        assertThat(left.text()).isEqualTo("剩余 4 个工作日");
        assertThat(left.overdue()).isFalse();
        assertThat(left.dueText()).isEqualTo("2026-12-14 24:00");
        assertThat(r.of(LocalDate.of(2026, 12, 8)).text()).isEqualTo("剩余 1 个工作日");
    }

    @Test
    void withinADayItCountsHoursAndMinutes() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        TimeRemaining r = at("2026-12-07T02:00:00Z");
        assertThat(r.of(LocalDate.of(2026, 12, 7)).text()).isEqualTo("剩余 14 小时");
        TimeRemaining.Left incident = r.of(Instant.parse("2026-12-07T02:25:00Z"));
        assertThat(incident.text()).isEqualTo("剩余 25 分钟");
        assertThat(incident.seconds()).isEqualTo(1500);
        assertThat(incident.tone()).isEqualTo("warning");
    }

    @Test
    void overdueCountsCalendarDaysSinceTheDueDayEnded() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        TimeRemaining r = at("2026-12-07T02:00:00Z");
        TimeRemaining.Left late = r.of(LocalDate.of(2026, 12, 4)); // Friday
        assertThat(late.text()).isEqualTo("已逾期 3 天");
        assertThat(late.overdue()).isTrue();
        assertThat(late.tone()).isEqualTo("danger");
        assertThat(r.of(Instant.parse("2026-12-07T01:20:00Z")).text()).isEqualTo("已逾期 40 分钟");
    }

    @Test
    void A10_2_aStoppedClockCountsNothing() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        TimeRemaining.Left stopped = at("2026-12-09T02:00:00Z").of(LocalDate.of(2026, 12, 4), true);
        assertThat(stopped.text()).isEqualTo("已反馈，计时停止");
        assertThat(stopped.overdue()).isFalse();
        assertThat(stopped.stopped()).isTrue();
    }

    @Test
    void aWeekendDeadlineWithNoWorkingDayBeforeItCountsCalendarDays() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        TimeRemaining r = at("2026-12-11T02:00:00Z"); // Friday
        assertThat(r.of(LocalDate.of(2026, 12, 13)).text()).isEqualTo("剩余 2 天");
        assertThat(r.of((Object) null)).isNull();
    }
}
