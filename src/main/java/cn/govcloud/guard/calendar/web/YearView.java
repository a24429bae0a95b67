package cn.govcloud.guard.calendar.web;

import cn.govcloud.guard.calendar.internal.ScheduleDay;
import cn.govcloud.guard.calendar.internal.YearSchedule;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A loaded year as twelve month grids (weeks Monday to Sunday) for the page: each day marked as a
 * holiday, a make-up working day (调休上班), a weekend day or a plain working day, with the festival's
 * name. Colours are Bootstrap classes (no inline styles under the CSP), and each mark is also spoken
 * text, so the colour is never the only carrier.
 */
record YearView(int year, List<String> weekdays, List<Month> months) {

    enum Kind {
        HOLIDAY("bg-danger-subtle text-danger-emphasis fw-semibold"),
        WORKDAY("bg-success-subtle text-success-emphasis fw-semibold"),
        WEEKEND("bg-body-secondary text-body-secondary"),
        WORKING("");

        private final String css;

        Kind(String css) {
            this.css = css;
        }

        String css() {
            return css;
        }
    }

    /** One cell; {@code day} 0 for the blanks before the 1st and after the last day. */
    record Cell(int day, String date, Kind kind, String label, boolean today) {
        public String css() {
            return kind == null ? "" : kind.css() + (today ? " border border-2 border-primary" : "");
        }
    }

    record Month(String title, List<List<Cell>> weeks) {
    }

    /** {@code label(kind, name)} gives the spoken mark of a day, e.g. "春节 休" or "国庆节 调休上班". */
    static YearView of(YearSchedule schedule, Locale locale, LocalDate today, BiFunction<Kind, String, String> label) {
        Map<LocalDate, ScheduleDay> holidays = new HashMap<>();
        Map<LocalDate, ScheduleDay> workdays = new HashMap<>();
        schedule.holidays().forEach(d -> holidays.put(d.date(), d));
        schedule.workdays().forEach(d -> workdays.put(d.date(), d));
        List<String> weekdays = new ArrayList<>();
        for (DayOfWeek dow : DayOfWeek.values()) {
            weekdays.add(dow.getDisplayName(TextStyle.SHORT, locale));
        }
        List<Month> months = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            YearMonth month = YearMonth.of(schedule.year(), m);
            List<List<Cell>> weeks = new ArrayList<>();
            List<Cell> week = new ArrayList<>();
            for (int blank = 1; blank < month.atDay(1).getDayOfWeek().getValue(); blank++) {
                week.add(new Cell(0, null, null, null, false));
            }
            for (int d = 1; d <= month.lengthOfMonth(); d++) {
                LocalDate date = month.atDay(d);
                Kind kind;
                String name = null;
                if (holidays.containsKey(date)) {
                    kind = Kind.HOLIDAY;
                    name = holidays.get(date).name();
                } else if (workdays.containsKey(date)) {
                    kind = Kind.WORKDAY;
                    name = workdays.get(date).name();
                } else if (date.getDayOfWeek().getValue() >= 6) {
                    kind = Kind.WEEKEND;
                } else {
                    kind = Kind.WORKING;
                }
                week.add(new Cell(d, date.toString(), kind, name == null ? null : label.apply(kind, name), date.equals(today)));
                if (week.size() == 7) {
                    weeks.add(week);
                    week = new ArrayList<>();
                }
            }
            if (!week.isEmpty()) {
                while (week.size() < 7) {
                    week.add(new Cell(0, null, null, null, false));
                }
                weeks.add(week);
            }
            months.add(new Month(month.getMonth().getDisplayName(TextStyle.FULL, locale), weeks));
        }
        return new YearView(schedule.year(), weekdays, months);
    }
}
