package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.OrgKind;
import java.time.LocalDate;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * The calendar's own horizon (A14-holiday-schedule-load, platform upkeep): from 1 November, while next
 * year's holiday notice is not loaded, the security administrator owes loading it, due by 14 December
 * and escalated to the supervisor from the 15th. A year that has begun without its notice is owed too
 * (overdue since December). Checked by every generation run (at start-up and each night), so a platform
 * installed in December owes it from its first start; loading the year fulfils it
 * ({@link ProvisionalDutyDeadlines}).
 */
@Component
class CalendarUpkeep {
    static final String EVENT = "calendar.next-year-missing";

    private final WorkingCalendar calendar;
    private final Subjects subjects;
    private final DutyService duties;

    CalendarUpkeep(WorkingCalendar calendar, Subjects subjects, DutyService duties) {
        this.calendar = calendar;
        this.subjects = subjects;
        this.duties = duties;
    }

    /** The years whose notice is owed on {@code today}: this year if missing, and next year from 1 November. */
    SortedSet<Integer> owed(LocalDate today) {
        SortedSet<Integer> years = new TreeSet<>();
        if (!calendar.isLoaded(today.getYear())) {
            years.add(today.getYear());
        }
        if (today.getMonthValue() >= 11 && !calendar.isLoaded(today.getYear() + 1)) {
            years.add(today.getYear() + 1);
        }
        return years;
    }

    void check(LocalDate today) {
        for (int year : owed(today)) {
            subjects.snapshot().orgsOf(OrgKind.SUPERVISOR).stream().findFirst().ifPresent(centre -> {
                Subject calendarOfYear = new Subject(SubjectKind.PLATFORM, centre.id(), "工作日历 " + year + " 年", centre.id(), Map.of());
                // the duty arises on 1 November of the year before, whenever the platform notices it
                duties.raise(new DutyTrigger(EVENT, calendarOfYear, LocalDate.of(year - 1, 11, 1).atStartOfDay(WorkingCalendar.ZONE).toInstant(),
                        ProvisionalDutyDeadlines.UPKEEP_REFERENCE + year));
            });
        }
    }
}
