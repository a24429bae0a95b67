package cn.govcloud.guard.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A year's notice is loaded whole or not at all, with every reason named on its field. */
class ScheduleValidationUnitTests {

    /** A plausible 2027 (not the real notice, which is not published yet): every festival, two make-up days. */
    static YearEntry year2027() {
        List<YearEntry.Day> holidays = new ArrayList<>(List.of(day("2027-01-01", "元旦"), day("2027-02-06", "春节"),
                day("2027-02-07", "春节"), day("2027-02-08", "春节"), day("2027-04-05", "清明节"), day("2027-05-01", "劳动节"),
                day("2027-06-09", "端午节"), day("2027-09-15", "中秋节"), day("2027-10-01", "国庆节")));
        return new YearEntry("test data, not a real notice", holidays, List.of(day("2027-02-20", "春节"), day("2027-09-26", "国庆节")));
    }

    static YearEntry.Day day(String date, String name) {
        return new YearEntry.Day(date, name);
    }

    @Test
    void aCompleteYearPasses() {
        YearSchedule s = ScheduleValidation.validate(2027, year2027());
        assertThat(s.holidays()).hasSize(9);
        assertThat(s.workdays()).hasSize(2);
    }

    @Test
    void theNamesMayCombineFestivalsAsThe2025NoticeDoes() {
        assertThat(ScheduleFile.bundled().years()).extracting(YearSchedule::year).containsExactly(2024, 2025, 2026);
    }

    @Test
    void aMakeUpDayOnAWeekdayIsRefused() {
        YearEntry e = year2027();
        List<YearEntry.Day> workdays = new ArrayList<>(e.workdays());
        workdays.add(day("2027-03-03", "春节"));
        assertThatThrownBy(() -> ScheduleValidation.validate(2027, new YearEntry(e.paper(), e.holidays(), workdays)))
                .isInstanceOfSatisfying(InvalidSchedule.class, ex -> assertThat(ex.fieldErrors())
                        .containsEntry("workdays[2].date", "2027-03-03 is a Wednesday: a make-up working day (调休) must be a Saturday or a Sunday"));
    }

    @Test
    void aDateTwiceAcrossBothListsIsRefused() {
        YearEntry e = year2027();
        List<YearEntry.Day> workdays = new ArrayList<>(e.workdays());
        workdays.add(day("2027-02-06", "春节"));
        assertThatThrownBy(() -> ScheduleValidation.validate(2027, new YearEntry(e.paper(), e.holidays(), workdays)))
                .isInstanceOfSatisfying(InvalidSchedule.class, ex -> assertThat(ex.fieldErrors())
                        .containsEntry("workdays[2].date", "2027-02-06 is listed twice (also as holidays[1])"));
    }

    @Test
    void aDateOfAnotherYearAMissingFestivalAndABadDateAreAllNamedAtOnce() {
        YearEntry e = year2027();
        List<YearEntry.Day> holidays = new ArrayList<>(e.holidays());
        holidays.removeIf(d -> d.name().equals("端午节"));
        holidays.add(day("2026-12-31", "元旦"));
        holidays.add(day("2027-13-01", "春节"));
        holidays.add(day("2027-03-01", " "));
        assertThatThrownBy(() -> ScheduleValidation.validate(2027, new YearEntry(" ", holidays, e.workdays())))
                .isInstanceOfSatisfying(InvalidSchedule.class, ex -> {
                    assertThat(ex.fieldErrors()).containsEntry("paper",
                                    "name the official notice (paper): its gov.cn address or document number")
                            .containsEntry("holidays[8].date", "2026-12-31 is not in 2027")
                            .containsEntry("holidays[9].date", "2027-13-01 is not a date of the form YYYY-MM-DD")
                            .containsEntry("holidays[10].name", "the name is missing")
                            .containsEntry("holidays", "the year is incomplete: no holiday is named 端午节");
                    assertThat(ex.violations()).hasSize(5);
                    assertThat(ex.getMessage()).contains("2027").contains("nothing was changed");
                });
    }

    @Test
    void anEmptyYearAndAYearOutOfRangeAreRefused() {
        assertThatThrownBy(() -> ScheduleValidation.validate(2027, new YearEntry("paper", List.of(), null)))
                .isInstanceOfSatisfying(InvalidSchedule.class, ex -> assertThat(ex.fieldErrors())
                        .containsEntry("holidays", "the list of holidays is empty"));
        assertThatThrownBy(() -> ScheduleValidation.validate(999999, year2027()))
                .isInstanceOfSatisfying(InvalidSchedule.class, ex -> assertThat(ex.fieldErrors())
                        .containsEntry("year", "the year must be between 2000 and 2100"));
        assertThatThrownBy(() -> ScheduleValidation.validate(2027, null)).isInstanceOf(InvalidSchedule.class);
    }

    @Test
    void festivalsAreFoundInsideCombinedNames() {
        YearEntry e = year2027();
        List<YearEntry.Day> holidays = new ArrayList<>(e.holidays());
        holidays.removeIf(d -> d.name().equals("中秋节") || d.name().equals("国庆节"));
        holidays.add(day("2027-10-01", "国庆节、中秋节"));
        assertThat(ScheduleValidation.validate(2027, new YearEntry(e.paper(), holidays, e.workdays())).holidays()).hasSize(8);
    }
}
