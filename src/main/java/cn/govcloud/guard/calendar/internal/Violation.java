package cn.govcloud.guard.calendar.internal;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;

/**
 * One reason a year's schedule is refused: the field it is about ({@code holidays[3].date}), a code
 * whose bundle key is {@code calendar.invalid.<code>} for the pages, and the English text the API
 * answers with. Arguments are strings, so MessageFormat never groups a year as "2,027".
 */
public record Violation(String field, String code, List<String> args) {

    public Violation(String field, String code, String... args) {
        this(field, code, List.of(args));
    }

    public String messageKey() {
        return "calendar.invalid." + code;
    }

    public String english() {
        return new MessageFormat(ENGLISH.getOrDefault(code, code), Locale.ROOT).format(args.toArray());
    }

    /** The API's language; the pages take the same codes from messages/calendar*.properties. */
    private static final java.util.Map<String, String> ENGLISH = java.util.Map.ofEntries(
            java.util.Map.entry("year-range", "the year must be between {0} and {1}"),
            java.util.Map.entry("paper-required", "name the official notice (paper): its gov.cn address or document number"),
            java.util.Map.entry("paper-too-long", "the paper is longer than {0} characters"),
            java.util.Map.entry("holidays-empty", "the list of holidays is empty"),
            java.util.Map.entry("too-many", "at most {0} entries"),
            java.util.Map.entry("entry-required", "each entry needs a date and a name"),
            java.util.Map.entry("date-required", "the date is missing"),
            java.util.Map.entry("date-format", "{0} is not a date of the form YYYY-MM-DD"),
            java.util.Map.entry("date-other-year", "{0} is not in {1}"),
            java.util.Map.entry("date-twice", "{0} is listed twice (also as {1})"),
            java.util.Map.entry("workday-weekday", "{0} is a {1}: a make-up working day (调休) must be a Saturday or a Sunday"),
            java.util.Map.entry("name-required", "the name is missing"),
            java.util.Map.entry("name-too-long", "the name is longer than {0} characters"),
            java.util.Map.entry("festival-missing", "the year is incomplete: no holiday is named {0}"),
            java.util.Map.entry("file-unreadable", "the file is not JSON of the expected shape (a year: paper, holidays, workdays)"),
            java.util.Map.entry("file-missing", "choose a JSON file"),
            java.util.Map.entry("file-too-large", "the file is larger than {0} KB"),
            java.util.Map.entry("file-no-year", "the file has no entry for {0}"));
}
