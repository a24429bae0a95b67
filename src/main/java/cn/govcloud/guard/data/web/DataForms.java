package cn.govcloud.guard.data.web;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.shared.InvalidInput;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.function.Function;

/**
 * How the data pages read their forms (message keys {@code data.error.*}); a refusal becomes the errors beside the fields through
 * {@link cn.govcloud.guard.shared.FormRefusals}, the one adapter (issue 18 point 5).
 */
final class DataForms {

    private DataForms() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        if (blank(value)) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("data.error.invalid", Map.of(field, "data.error.value"));
        }
    }

    static Integer integer(Map<String, String> form, String field) {
        return field(form, field, Integer::parseInt, "data.error.range");
    }

    static Long longValue(Map<String, String> form, String field) {
        return field(form, field, Long::parseLong, "data.error.range");
    }

    static LocalDate date(Map<String, String> form, String field) {
        return field(form, field, LocalDate::parse, "data.error.date");
    }

    /** A datetime-local field, read in the platform's zone (Asia/Shanghai). */
    static Instant instant(Map<String, String> form, String field) {
        return field(form, field, v -> LocalDateTime.parse(v).atZone(WorkingCalendar.ZONE).toInstant(), "data.error.time");
    }

    /** A form field parsed, null when blank; a value that does not parse is refused naming the field. */
    static <T> T field(Map<String, String> form, String field, Function<String, T> parser, String errorKey) {
        String v = form.get(field);
        if (blank(v)) {
            return null;
        }
        try {
            return parser.apply(v.strip());
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new InvalidInput("data.error.invalid", Map.of(field, errorKey));
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
