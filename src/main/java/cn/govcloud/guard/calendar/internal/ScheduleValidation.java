package cn.govcloud.guard.calendar.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether a year's schedule may be loaded, all or nothing: every date in that year and
 * given once across both lists, every make-up working day on a Saturday or Sunday, and the year
 * complete, i.e. each statutory festival of the 全国年节及纪念日放假办法 named by at least one holiday.
 * A wrong schedule would silently shift every deadline of the year, so it is refused with every
 * reason at once rather than half loaded.
 */
public final class ScheduleValidation {
    public static final int MIN_YEAR = 2000;
    public static final int MAX_YEAR = 2100;
    public static final int MAX_PAPER = 1000;
    public static final int MAX_NAME = 100;
    public static final int MAX_ENTRIES = 366;
    /**
     * The festivals every year's notice covers, as the word a holiday's name must contain: "清明" matches
     * 清明节, "国庆" matches "国庆节、中秋节". Shown to people by the full name next to it.
     */
    static final Map<String, String> FESTIVALS = festivals();

    private ScheduleValidation() {
    }

    /** The validated schedule, or {@link InvalidSchedule} naming every problem. */
    public static YearSchedule validate(int year, YearEntry entry) {
        List<Violation> problems = new ArrayList<>();
        if (year < MIN_YEAR || year > MAX_YEAR) {
            problems.add(new Violation("year", "year-range", String.valueOf(MIN_YEAR), String.valueOf(MAX_YEAR)));
            throw new InvalidSchedule(year, problems); // every date check below would only repeat it
        }
        String paper = entry == null || entry.paper() == null ? "" : entry.paper().strip();
        if (paper.isEmpty()) {
            problems.add(new Violation("paper", "paper-required"));
        } else if (paper.length() > MAX_PAPER) {
            problems.add(new Violation("paper", "paper-too-long", String.valueOf(MAX_PAPER)));
        }
        List<YearEntry.Day> holidayEntries = entry == null || entry.holidays() == null ? List.of() : entry.holidays();
        List<YearEntry.Day> workdayEntries = entry == null || entry.workdays() == null ? List.of() : entry.workdays();
        if (holidayEntries.isEmpty()) {
            problems.add(new Violation("holidays", "holidays-empty"));
        }
        Map<LocalDate, String> seen = new HashMap<>();
        List<ScheduleDay> holidays = days("holidays", year, holidayEntries, seen, problems, false);
        List<ScheduleDay> workdays = days("workdays", year, workdayEntries, seen, problems, true);
        if (!holidayEntries.isEmpty()) {
            List<String> missing = new ArrayList<>();
            FESTIVALS.forEach((word, fullName) -> {
                if (holidays.stream().noneMatch(h -> h.name().contains(word))) {
                    missing.add(fullName);
                }
            });
            if (!missing.isEmpty()) {
                problems.add(new Violation("holidays", "festival-missing", String.join("、", missing)));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSchedule(year, problems);
        }
        return new YearSchedule(year, paper, holidays, workdays);
    }

    private static List<ScheduleDay> days(String list, int year, List<YearEntry.Day> entries, Map<LocalDate, String> seen,
                                          List<Violation> problems, boolean makeUp) {
        List<ScheduleDay> days = new ArrayList<>();
        if (entries.size() > MAX_ENTRIES) {
            problems.add(new Violation(list, "too-many", String.valueOf(MAX_ENTRIES)));
            return days;
        }
        for (int i = 0; i < entries.size(); i++) {
            String at = list + "[" + i + "]";
            YearEntry.Day entry = entries.get(i);
            if (entry == null) {
                problems.add(new Violation(at, "entry-required"));
                continue;
            }
            String name = entry.name() == null ? "" : entry.name().strip();
            if (name.isEmpty()) {
                problems.add(new Violation(at + ".name", "name-required"));
            } else if (name.length() > MAX_NAME) {
                problems.add(new Violation(at + ".name", "name-too-long", String.valueOf(MAX_NAME)));
            }
            LocalDate date = date(at + ".date", entry.date(), problems);
            if (date == null) {
                continue;
            }
            if (date.getYear() != year) {
                problems.add(new Violation(at + ".date", "date-other-year", date.toString(), String.valueOf(year)));
                continue;
            }
            String earlier = seen.putIfAbsent(date, at);
            if (earlier != null) {
                problems.add(new Violation(at + ".date", "date-twice", date.toString(), earlier));
                continue;
            }
            DayOfWeek dow = date.getDayOfWeek();
            if (makeUp && dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY) {
                problems.add(new Violation(at + ".date", "workday-weekday", date.toString(),
                        dow.getDisplayName(TextStyle.FULL, Locale.ENGLISH)));
                continue;
            }
            days.add(new ScheduleDay(date, name));
        }
        return days;
    }

    private static LocalDate date(String field, String text, List<Violation> problems) {
        if (text == null || text.isBlank()) {
            problems.add(new Violation(field, "date-required"));
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
            problems.add(new Violation(field, "date-format", shown));
            return null;
        }
    }

    private static Map<String, String> festivals() {
        Map<String, String> festivals = new java.util.LinkedHashMap<>();
        festivals.put("元旦", "元旦");
        festivals.put("春节", "春节");
        festivals.put("清明", "清明节");
        festivals.put("劳动", "劳动节");
        festivals.put("端午", "端午节");
        festivals.put("中秋", "中秋节");
        festivals.put("国庆", "国庆节");
        return java.util.Collections.unmodifiableMap(festivals);
    }
}
