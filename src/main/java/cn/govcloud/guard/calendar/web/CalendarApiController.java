package cn.govcloud.guard.calendar.web;

import cn.govcloud.guard.calendar.Deadline;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.calendar.internal.CalendarManagement;
import cn.govcloud.guard.calendar.internal.CalendarYears;
import cn.govcloud.guard.calendar.internal.DeadlineKind;
import cn.govcloud.guard.calendar.internal.ScheduleDay;
import cn.govcloud.guard.calendar.internal.YearEntry;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The calendar API: the deadline endpoint API.md fixes, and the loaded years. Everybody signed in
 * reads; only the security administrator loads a year (a wrong schedule shifts every deadline).
 */
@RestController
@RequestMapping("/api/v1/calendar")
class CalendarApiController {
    private final WorkingCalendar calendar;
    private final CalendarYears years;
    private final CalendarManagement management;

    CalendarApiController(WorkingCalendar calendar, CalendarYears years, CalendarManagement management) {
        this.calendar = calendar;
        this.years = years;
        this.management = management;
    }

    /**
     * {@code {"start", "workingDays"|"calendarDays"|"minutes", "dueDate", "dueAt", "provisional", "missingYears"}} as
     * API.md fixes it: a count through a year whose notice is not loaded is still 200, provisional.
     */
    @GetMapping("/deadline")
    @Allow(anyUser = true)
    DeadlineAnswer deadline(@RequestParam(required = false) String start, @RequestParam(required = false) String workingDays,
                                 @RequestParam(required = false) String calendarDays, @RequestParam(required = false) String minutes) {
        Map<String, String> errors = new LinkedHashMap<>();
        Instant from = parseInstant(start, errors);
        Map<DeadlineKind, String> given = new LinkedHashMap<>();
        put(given, DeadlineKind.WORKING_DAYS, workingDays);
        put(given, DeadlineKind.CALENDAR_DAYS, calendarDays);
        put(given, DeadlineKind.MINUTES, minutes);
        DeadlineKind kind = null;
        long n = 0;
        if (given.size() != 1) {
            errors.put("workingDays|calendarDays|minutes", "give exactly one of workingDays, calendarDays, minutes");
        } else {
            var only = given.entrySet().iterator().next();
            kind = only.getKey();
            try {
                n = Long.parseLong(only.getValue().strip());
                if (n < 0 || n > kind.max()) {
                    errors.put(kind.parameter(), "must be a whole number between 0 and " + kind.max());
                }
            } catch (NumberFormatException e) {
                errors.put(kind.parameter(), "must be a whole number between 0 and " + kind.max());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("The deadline cannot be computed from these parameters.", errors);
        }
        Deadline due = kind.compute(calendar, from, n);
        return new DeadlineAnswer(from, kind == DeadlineKind.WORKING_DAYS ? n : null, kind == DeadlineKind.CALENDAR_DAYS ? n : null,
                kind == DeadlineKind.MINUTES ? n : null, due.dueDate().toString(), due.dueAt(), due.provisional(),
                List.copyOf(due.missingYears()));
    }

    /** The deadline API.md fixes: exactly one of the three counts is present, the one asked for. */
    @JsonPropertyOrder({"start", "workingDays", "calendarDays", "minutes", "dueDate", "dueAt", "provisional", "missingYears"})
    record DeadlineAnswer(Instant start, @JsonInclude(JsonInclude.Include.NON_NULL) Long workingDays,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long calendarDays,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long minutes, String dueDate, Instant dueAt, boolean provisional,
                          List<Integer> missingYears) {
    }

    /** A loaded year as the list shows it. */
    record YearSummary(int year, String paper, String source, Instant loadedAt, String loadedBy, int holidayCount, int workdayCount) {
        static YearSummary of(CalendarYears.Summary s) {
            return new YearSummary(s.year(), s.paper(), s.source(), s.loadedAt(), s.loadedBy(), s.holidays(), s.workdays());
        }
    }

    /** A loaded year in the shape PUT takes, plus who loaded it when. */
    record YearDetail(int year, String paper, String source, Instant loadedAt, String loadedBy, int holidayCount, int workdayCount,
                      List<Day> holidays, List<Day> workdays) {
    }

    /** One day of a schedule: an ISO date and its name, e.g. 春节. */
    record Day(String date, String name) {
        static List<Day> of(List<ScheduleDay> days) {
            return days.stream().map(d -> new Day(d.date().toString(), d.name())).toList();
        }
    }

    /** What loading a year did, and the provisional deadlines it recomputed. */
    record Loaded(int year, String result, int holidays, int workdays, Recomputed provisionalDeadlines) {
    }

    record Recomputed(int recomputed, int movedLater, int kept) {
    }

    /** A notice read into the shape PUT takes ({@code paper} left for the person to add), with what could not be read. */
    record NoticeReading(int year, String paper, List<Day> holidays, List<Day> workdays, List<String> notes) {
    }

    @GetMapping("/years")
    @Allow(anyUser = true)
    List<YearSummary> years() {
        return years.list().stream().map(YearSummary::of).toList();
    }

    /** The year in the shape PUT takes, plus who loaded it when: GET, edit, PUT back. */
    @GetMapping("/years/{year}")
    @Allow(anyUser = true)
    YearDetail year(@PathVariable int year) {
        CalendarYears.Stored stored = years.find(year)
                .orElseThrow(() -> new NotFound("The holiday schedule for " + year + " is not loaded."));
        YearSummary s = YearSummary.of(stored.summary());
        return new YearDetail(s.year(), s.paper(), s.source(), s.loadedAt(), s.loadedBy(), s.holidayCount(), s.workdayCount(),
                Day.of(stored.schedule().holidays()), Day.of(stored.schedule().workdays()));
    }

    /**
     * Adds the year (201) or replaces it whole (200), recomputing the provisional deadlines that reach it;
     * any problem → 400 naming each field, nothing changed.
     */
    @PutMapping("/years/{year}")
    @Allow(Role.SECURITY_ADMIN)
    ResponseEntity<Loaded> load(@PathVariable int year, @RequestBody YearEntry entry) {
        CalendarManagement.Loaded loaded = management.load(year, entry, "API");
        var r = loaded.recomputed();
        return ResponseEntity.status(loaded.replaced() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(new Loaded(loaded.year(), loaded.replaced() ? "replaced" : "added", loaded.holidays(), loaded.workdays(),
                        new Recomputed(r.recomputed(), r.movedLater(), r.kept())));
    }

    /**
     * The State Council's notice as text (the body, {@code text/plain}) read into the shape PUT takes, with
     * notes on what could not be read; nothing is loaded. Check it, add {@code paper}, then PUT the year.
     * Any content type is read as text (a pasted notice comes as whatever the client sends), which also
     * lets the role check answer 403 before any talk of media types.
     */
    @org.springframework.web.bind.annotation.PostMapping("/notice-reading")
    @Allow(Role.SECURITY_ADMIN)
    NoticeReading readNotice(@RequestParam int year, @RequestBody(required = false) String notice) {
        if (year < cn.govcloud.guard.calendar.internal.ScheduleValidation.MIN_YEAR || year > cn.govcloud.guard.calendar.internal.ScheduleValidation.MAX_YEAR) {
            throw new InvalidInput("The year is out of range.", Map.of("year", "must be between 2000 and 2100"));
        }
        cn.govcloud.guard.calendar.internal.NoticeText.Reading reading = cn.govcloud.guard.calendar.internal.NoticeText.read(year, notice);
        return new NoticeReading(year, null, reading.entry().holidays().stream().map(d -> new Day(String.valueOf(d.date()), d.name())).toList(),
                reading.entry().workdays().stream().map(d -> new Day(String.valueOf(d.date()), d.name())).toList(), reading.notes());
    }

    private static void put(Map<DeadlineKind, String> given, DeadlineKind kind, String value) {
        if (value != null) {
            given.put(kind, value);
        }
    }

    /** ISO-8601 with offset; a "+08:00" whose plus became a space in an unencoded query string is taken as meant. */
    static Instant parseInstant(String text, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            errors.put("start", "required: an ISO-8601 instant with offset, e.g. 2026-09-30T17:30:00Z");
            return null;
        }
        String s = text.strip();
        for (String candidate : List.of(s, s.replace(' ', '+'))) {
            try {
                return OffsetDateTime.parse(candidate).toInstant();
            } catch (DateTimeParseException e) {
                // try the next reading
            }
        }
        errors.put("start", "not an ISO-8601 instant with offset, e.g. 2026-09-30T17:30:00Z");
        return null;
    }
}
