package cn.govcloud.guard.calendar.web;

import cn.govcloud.guard.calendar.CalendarStatus;
import cn.govcloud.guard.calendar.Deadline;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.calendar.internal.CalendarManagement;
import cn.govcloud.guard.calendar.internal.CalendarYears;
import cn.govcloud.guard.calendar.internal.DeadlineKind;
import cn.govcloud.guard.calendar.internal.InvalidSchedule;
import cn.govcloud.guard.calendar.internal.NoticeText;
import cn.govcloud.guard.calendar.internal.ScheduleFile;
import cn.govcloud.guard.calendar.internal.ScheduleValidation;
import cn.govcloud.guard.calendar.internal.Violation;
import cn.govcloud.guard.calendar.internal.YearEntry;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The page {@code /calendar}: a loaded year as twelve month grids with its holidays and make-up
 * working days, a deadline calculator (the same rules as the API), and for the security
 * administrator the upload of a year's notice. Times are entered and shown in Beijing time.
 */
@Controller
class CalendarPage {
    static final int MAX_UPLOAD_BYTES = 256 * 1024;
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private final WorkingCalendar calendar;
    private final CalendarYears years;
    private final CalendarManagement management;
    private final CalendarStatus status;
    private final MessageSource messages;
    private final Clock clock;

    CalendarPage(WorkingCalendar calendar, CalendarYears years, CalendarManagement management, CalendarStatus status,
                 MessageSource messages, Clock clock) {
        this.calendar = calendar;
        this.status = status;
        this.years = years;
        this.management = management;
        this.messages = messages;
        this.clock = clock;
    }

    /** The calculator's result, every part already in Beijing time. */
    record Result(String kind, long n, String dueDate, String dueWeekday, String dueAtLocal, String dueAtUtc, boolean endOfDay,
                  boolean provisional, String missingYears) {
    }

    /** A loaded year as the page lists it, the time already in Beijing time. */
    record YearRow(int year, String paper, boolean paperIsLink, String loadedBy, String loadedAt, int holidays, int workdays) {
        static YearRow of(CalendarYears.Summary s) {
            String paper = s.paper();
            return new YearRow(s.year(), paper, paper.startsWith("https://") || paper.startsWith("http://"), s.loadedBy(),
                    SHOWN.format(s.loadedAt().atZone(WorkingCalendar.ZONE)), s.holidays(), s.workdays());
        }
    }

    @GetMapping("/calendar")
    @Allow(anyUser = true)
    String page(@RequestParam(required = false) Integer year, @RequestParam(required = false) String start,
                @RequestParam(required = false) String kind, @RequestParam(required = false) String n,
                Model model, HttpServletResponse response) {
        if (start != null) {
            List<String> errors = new ArrayList<>();
            Result result = calculate(start, kind, n, errors);
            model.addAttribute("result", result);
            model.addAttribute("calcErrors", errors);
            if (!errors.isEmpty()) {
                response.setStatus(422);
            }
        }
        model.addAttribute("calcStart", start != null ? start : LocalDateTime.now(clock.withZone(WorkingCalendar.ZONE))
                .truncatedTo(ChronoUnit.MINUTES).toString());
        model.addAttribute("calcKind", DeadlineKind.ofParameter(kind) != null ? kind : DeadlineKind.WORKING_DAYS.parameter());
        model.addAttribute("calcN", n != null ? n : "5");
        return render(model, year, null);
    }

    /**
     * A year's schedule from a JSON file. A refusal (issue 23 point 10) comes back on the page with the year and the file's
     * reasons beside their fields and the schedule's own reasons at the top of the form, the year typed kept; nothing loaded.
     */
    @PostMapping("/calendar/years")
    @Allow(Role.SECURITY_ADMIN)
    String upload(@RequestParam(required = false) String year, @RequestParam(required = false) MultipartFile file,
                  Model model, RedirectAttributes redirect, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        Integer number = year(year, errors);
        if (file == null || file.isEmpty()) {
            errors.put("file", text(new Violation("file", "file-missing")));
        } else if (file.getSize() > MAX_UPLOAD_BYTES) {
            errors.put("file", text(new Violation("file", "file-too-large", String.valueOf(MAX_UPLOAD_BYTES / 1024))));
        } else if (number != null) {
            try {
                JsonNode root = ScheduleFile.parse(file.getBytes());
                YearEntry entry = root.isObject() ? ScheduleFile.yearOf(root, number) : null;
                if (!root.isObject()) {
                    errors.put("file", text(new Violation("file", "file-unreadable")));
                } else if (entry == null) {
                    errors.put("file", text(new Violation("file", "file-no-year", String.valueOf(number))));
                } else {
                    CalendarManagement.Loaded loaded = management.load(number, entry, "upload " + filename(file));
                    redirect.addFlashAttribute("loaded", loaded);
                    return "redirect:/calendar?year=" + number;
                }
            } catch (InvalidSchedule e) {
                refusedSchedule(e, false, errors);
            } catch (JacksonException | IOException e) {
                errors.put("file", text(new Violation("file", "file-unreadable")));
            }
        }
        return refused(model, response, "upload", errors, Map.of("year", year == null ? "" : year), year);
    }

    /** One row of the notice's preview: a day, whether it is off or a make-up working day, and its festival. */
    record PreviewRow(String date, String kind, String name) implements java.io.Serializable {
    }

    /**
     * The State Council's notice pasted as text (issue 23 point 10): read into rows the security
     * administrator checks and corrects before loading, instead of writing JSON by hand.
     */
    @PostMapping("/calendar/notice")
    @Allow(Role.SECURITY_ADMIN)
    String readNotice(@RequestParam(required = false) String year, @RequestParam(required = false) String paper,
                      @RequestParam(required = false) String notice, Model model, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        Integer number = year(year, errors);
        if (notice == null || notice.isBlank()) {
            errors.put("notice", messages.getMessage("calendar.notice.empty", null, LocaleContextHolder.getLocale()));
        }
        if (!errors.isEmpty()) {
            Map<String, String> typed = new HashMap<>();
            typed.put("year", year);
            typed.put("paper", paper);
            typed.put("notice", notice);
            return refused(model, response, "notice", errors, typed, year);
        }
        NoticeText.Reading reading = NoticeText.read(number, notice);
        List<PreviewRow> rows = new ArrayList<>();
        reading.entry().holidays().forEach(d -> rows.add(new PreviewRow(d.date(), "HOLIDAY", d.name())));
        reading.entry().workdays().forEach(d -> rows.add(new PreviewRow(d.date(), "WORKDAY", d.name())));
        rows.sort(java.util.Comparator.comparing(PreviewRow::date));
        return preview(model, number, paper, rows, reading.notes(), Map.of());
    }

    /** Loads the checked rows; a refusal shows the preview again with every reason, nothing loaded. */
    @PostMapping("/calendar/notice/load")
    @Allow(Role.SECURITY_ADMIN)
    String loadNotice(@RequestParam String year, @RequestParam(required = false) String paper,
                      @RequestParam(name = "date", required = false) List<String> dates,
                      @RequestParam(name = "kind", required = false) List<String> kinds,
                      @RequestParam(name = "name", required = false) List<String> names,
                      Model model, RedirectAttributes redirect, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        Integer number = year(year, errors);
        List<PreviewRow> rows = new ArrayList<>();
        int n = dates == null ? 0 : dates.size();
        for (int i = 0; i < n; i++) {
            String date = dates.get(i) == null ? "" : dates.get(i).strip();
            if (!date.isEmpty()) {
                rows.add(new PreviewRow(date, kinds != null && i < kinds.size() ? kinds.get(i) : "HOLIDAY",
                        names != null && i < names.size() ? names.get(i) : null));
            }
        }
        if (number != null) {
            List<YearEntry.Day> holidays = rows.stream().filter(r -> !"WORKDAY".equals(r.kind()))
                    .map(r -> new YearEntry.Day(r.date(), r.name())).toList();
            List<YearEntry.Day> workdays = rows.stream().filter(r -> "WORKDAY".equals(r.kind()))
                    .map(r -> new YearEntry.Day(r.date(), r.name())).toList();
            try {
                CalendarManagement.Loaded loaded = management.load(number, new YearEntry(paper, holidays, workdays), "notice text");
                redirect.addFlashAttribute("loaded", loaded);
                return "redirect:/calendar?year=" + number;
            } catch (InvalidSchedule e) {
                refusedSchedule(e, true, errors);
            }
        }
        response.setStatus(422);
        errors.putIfAbsent("form", messages.getMessage("calendar.refused.fields", null, LocaleContextHolder.getLocale()));
        return preview(model, number == null ? 0 : number, paper, rows, List.of(), errors);
    }

    /** The year of a form, or null with its reason beside the field. */
    private Integer year(String year, Map<String, String> errors) {
        Integer number = parseYear(year);
        if (number == null) {
            errors.put("year", text(new Violation("year", "year-range", String.valueOf(ScheduleValidation.MIN_YEAR),
                    String.valueOf(ScheduleValidation.MAX_YEAR))));
        }
        return number;
    }

    /**
     * A refused schedule: the notice's document beside its field when the form has one ({@code paperField}), every other
     * reason at the top of the form, in the order found.
     */
    private void refusedSchedule(InvalidSchedule e, boolean paperField, Map<String, String> errors) {
        List<String> reasons = new ArrayList<>();
        for (Violation v : e.violations()) {
            if (paperField && v.field().equals("paper")) {
                errors.putIfAbsent(v.field(), text(v));
            } else {
                reasons.add(v.field() + "：" + text(v));
            }
        }
        if (!reasons.isEmpty()) {
            errors.put("form", messages.getMessage("calendar.upload.refused", null, LocaleContextHolder.getLocale()) + " "
                    + String.join("；", reasons));
        }
    }

    /**
     * A refused form ({@code upload} or {@code notice}) on the page again (422): {@code errors} beside the fields (and the
     * whole form's at its top), {@code typed} kept, nothing loaded.
     */
    private String refused(Model model, HttpServletResponse response, String form, Map<String, String> errors, Map<String, String> typed,
            String year) {
        response.setStatus(422);
        errors.putIfAbsent("form", messages.getMessage("calendar.refused.fields", null, LocaleContextHolder.getLocale()));
        model.addAttribute(form + "Errors", errors);
        model.addAttribute(form + "Values", typed);
        return page(model, null, year == null ? "" : year);
    }

    private String preview(Model model, int year, String paper, List<PreviewRow> rows, List<String> notes, Map<String, String> errors) {
        List<PreviewRow> editable = new ArrayList<>(rows);
        for (int i = 0; i < 5; i++) {
            editable.add(new PreviewRow("", "HOLIDAY", "")); // room for a day the reading missed
        }
        model.addAttribute("noticeYear", year);
        model.addAttribute("noticeRows", editable);
        model.addAttribute("noticeNotes", notes);
        model.addAttribute("noticeErrors", errors);
        model.addAttribute("noticeValues", Map.of("paper", paper == null ? "" : paper));
        return page(model, null, String.valueOf(year));
    }

    /** The page around a form that failed or a preview: the calculator as it would be on first opening. */
    private String page(Model model, Integer requested, String uploadYear) {
        model.addAttribute("calcStart", LocalDateTime.now(clock.withZone(WorkingCalendar.ZONE)).truncatedTo(ChronoUnit.MINUTES).toString());
        model.addAttribute("calcKind", DeadlineKind.WORKING_DAYS.parameter());
        model.addAttribute("calcN", "5");
        return render(model, requested, uploadYear);
    }

    private String render(Model model, Integer requested, String uploadYear) {
        List<CalendarYears.Summary> loaded = years.list();
        LocalDate today = LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
        Integer shown = choose(loaded, requested, today.getYear());
        model.addAttribute("years", loaded.stream().map(YearRow::of).toList());
        model.addAttribute("shownYear", shown);
        Locale locale = LocaleContextHolder.getLocale();
        if (shown != null) {
            years.find(shown).ifPresent(stored -> {
                model.addAttribute("summary", YearRow.of(stored.summary()));
                model.addAttribute("view", YearView.of(stored.schedule(), locale, today,
                        (kind, name) -> messages.getMessage("calendar.mark." + kind.name(), new Object[] {name}, locale)));
            });
        }
        model.addAttribute("kinds", DeadlineKind.values());
        model.addAttribute("canLoad", Actor.current().map(a -> a.has(Role.SECURITY_ADMIN)).orElse(false));
        if (Actor.current().map(a -> a.has(Role.SECURITY_ADMIN) || a.has(Role.SUPERVISOR)).orElse(false)) {
            model.addAttribute("provisionalCount", status.provisionalDeadlines());
        }
        // the year to load next: this year or next year if either is missing, otherwise the year after the last
        int next = !calendar.isLoaded(today.getYear()) ? today.getYear()
                : !calendar.isLoaded(today.getYear() + 1) ? today.getYear() + 1
                : loaded.get(loaded.size() - 1).year() + 1;
        model.addAttribute("missingYears", cn.govcloud.guard.calendar.ProvisionalNotes.years(status.missingYears(today)));
        model.addAttribute("uploadYear", uploadYear != null ? uploadYear : String.valueOf(next));
        return "calendar/calendar";
    }

    private static Integer choose(List<CalendarYears.Summary> loaded, Integer requested, int thisYear) {
        if (loaded.isEmpty()) {
            return null;
        }
        for (Integer wanted : new Integer[] {requested, thisYear}) {
            if (wanted != null && loaded.stream().anyMatch(s -> s.year() == wanted)) {
                return wanted;
            }
        }
        return loaded.get(loaded.size() - 1).year();
    }

    private Result calculate(String start, String kindParameter, String n, List<String> errors) {
        Locale locale = LocaleContextHolder.getLocale();
        DeadlineKind kind = DeadlineKind.ofParameter(kindParameter);
        LocalDateTime local = null;
        try {
            local = LocalDateTime.parse(start.strip());
        } catch (DateTimeParseException e) {
            errors.add(messages.getMessage("calendar.calc.error.start", null, locale));
        }
        if (kind == null) {
            errors.add(messages.getMessage("calendar.calc.error.kind", null, locale));
        }
        long count = -1;
        try {
            count = Long.parseLong(n == null ? "" : n.strip());
        } catch (NumberFormatException e) {
            // reported below
        }
        if (kind != null && (count < 0 || count > kind.max())) {
            errors.add(messages.getMessage("calendar.calc.error.n", new Object[] {String.valueOf(kind.max())}, locale));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        Deadline due = kind.compute(calendar, local.atZone(WorkingCalendar.ZONE).toInstant(), count);
        return new Result(kind.parameter(), count, due.dueDate().toString(),
                due.dueDate().getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, locale),
                SHOWN.format(due.dueAt().atZone(WorkingCalendar.ZONE)), due.dueAt().toString(), kind != DeadlineKind.MINUTES,
                due.provisional(), cn.govcloud.guard.calendar.ProvisionalNotes.years(due.missingYears()));
    }

    private String text(Violation v) {
        return messages.getMessage(v.messageKey(), v.args().toArray(), v.english(), LocaleContextHolder.getLocale());
    }

    private static Integer parseYear(String year) {
        try {
            int y = Integer.parseInt(year == null ? "" : year.strip());
            return y >= ScheduleValidation.MIN_YEAR && y <= ScheduleValidation.MAX_YEAR ? y : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String filename(MultipartFile file) {
        String name = Optional.ofNullable(file.getOriginalFilename()).orElse("file");
        name = name.replaceAll("[\\p{Cntrl}]", "");
        return name.length() > 100 ? name.substring(0, 100) : name;
    }
}
