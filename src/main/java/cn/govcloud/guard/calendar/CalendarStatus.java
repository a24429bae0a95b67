package cn.govcloud.guard.calendar;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;

/**
 * What the home pages and the calendar page say about the calendar's horizon: which years around today
 * have no holiday notice yet, and how many open deadlines are provisional because of it.
 */
@Component
public class CalendarStatus {
    private final WorkingCalendar calendar;
    private final List<ProvisionalDeadlines> provisional;

    CalendarStatus(WorkingCalendar calendar, List<ProvisionalDeadlines> provisional) {
        this.calendar = calendar;
        this.provisional = provisional;
    }

    /** The open deadlines of every module that are provisional now. */
    public long provisionalDeadlines() {
        return provisional.stream().mapToLong(ProvisionalDeadlines::countOpen).sum();
    }

    /**
     * This year and next year, those not loaded: next year's notice is due from 1 November
     * (A14-holiday-schedule-load), but a long deadline can reach it earlier, so it is named whenever it is missing.
     */
    public List<Integer> missingYears(LocalDate today) {
        return IntStream.rangeClosed(today.getYear(), today.getYear() + 1).filter(y -> !calendar.isLoaded(y)).boxed().toList();
    }
}
