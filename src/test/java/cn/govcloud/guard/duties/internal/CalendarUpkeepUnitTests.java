package cn.govcloud.guard.duties.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.calendar.internal.ChineseCalendar;
import cn.govcloud.guard.calendar.internal.YearSchedule;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A14-holiday-schedule-load, the calendar's own horizon: from 1 November, while next year's notice is
 * not loaded, the security administrator owes it; a year that has begun without its notice is owed too.
 */
class CalendarUpkeepUnitTests {
    static ChineseCalendar loaded(int... years) {
        return ChineseCalendar.of(java.util.Arrays.stream(years)
                .mapToObj(y -> new YearSchedule(y, "test", List.of(), List.of())).toList());
    }

    @Test
    void nextYearIsOwedFromTheFirstOfNovemberWhileItIsNotLoaded() {
        CalendarUpkeep upkeep = new CalendarUpkeep(loaded(2025, 2026), null, null);
        assertThat(upkeep.owed(LocalDate.of(2026, 10, 31))).isEmpty();
        assertThat(upkeep.owed(LocalDate.of(2026, 11, 1))).containsExactly(2027);
        assertThat(upkeep.owed(LocalDate.of(2026, 12, 28))).containsExactly(2027);
        assertThat(new CalendarUpkeep(loaded(2026, 2027), null, null).owed(LocalDate.of(2026, 12, 28))).isEmpty();
    }

    @Test
    void aYearThatBeganWithoutItsNoticeIsOwedToo() {
        CalendarUpkeep upkeep = new CalendarUpkeep(loaded(2025, 2026), null, null);
        assertThat(upkeep.owed(LocalDate.of(2027, 7, 15))).containsExactly(2027);
        assertThat(upkeep.owed(LocalDate.of(2027, 11, 2))).containsExactly(2027, 2028);
    }
}
