package cn.govcloud.guard.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.ModuleTest;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The calendar module on audit and crypto alone (issue 18 point 2). It publishes no event; what the others rely on is
 * that the bundled State Council schedules are loaded at start, so National Day is no working day and a Saturday may be.
 */
@ModuleTest
class CalendarModuleTests {
    private final WorkingCalendar calendar;

    CalendarModuleTests(WorkingCalendar calendar) {
        this.calendar = calendar;
    }

    @Test
    void theBundledYearsAreLoadedAtStartAndCountTheStatutoryHolidays() {
        assertThat(calendar.loadedYears()).contains(2026);
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 1))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 11, 26))).isTrue();
    }
}
