package cn.govcloud.guard.calendar.internal;

import java.util.List;

/**
 * One year of the holiday notice, already validated ({@link ScheduleValidation}): the days off
 * (weekend days inside a holiday block included) and the adjusted working days, each named.
 *
 * @param paper the official notice this year follows (a gov.cn URL or the document number)
 */
public record YearSchedule(int year, String paper, List<ScheduleDay> holidays, List<ScheduleDay> workdays) {
    public YearSchedule {
        holidays = List.copyOf(holidays);
        workdays = List.copyOf(workdays);
    }
}
