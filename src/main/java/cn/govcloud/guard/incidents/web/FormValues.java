package cn.govcloud.guard.incidents.web;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.shared.InvalidInput;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * How the module's forms (pages and multipart API calls) read an optional field: blank is absent (null); a value that
 * cannot be read is refused beside its field ({@code errors}: field → message key) and read as null, so every bad field
 * of a form is named at once (issue 23 point 9).
 */
final class FormValues {
    private FormValues() {
    }

    /** The stripped value read by {@code parse}; {@code key} refuses it when {@code parse} throws. */
    static <T> T read(Map<String, String> form, String field, Map<String, String> errors, Function<String, T> parse, String key) {
        String v = form.get(field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return parse.apply(v.strip());
        } catch (RuntimeException e) { // NumberFormatException, DateTimeParseException
            errors.put(field, key);
            return null;
        }
    }

    /** A whole number (a record's id, a count). */
    static Long number(Map<String, String> form, String field, Map<String, String> errors) {
        return read(form, field, errors, Long::valueOf, "incidents.error.number");
    }

    static BigDecimal decimal(Map<String, String> form, String field, Map<String, String> errors) {
        return read(form, field, errors, BigDecimal::new, "incidents.error.number");
    }

    /** A day, {@code yyyy-MM-dd}. */
    static LocalDate date(Map<String, String> form, String field, Map<String, String> errors) {
        return read(form, field, errors, LocalDate::parse, "incidents.error.date");
    }

    /** A {@code datetime-local} value, in Beijing time. */
    static Instant localTime(Map<String, String> form, String field, Map<String, String> errors) {
        return read(form, field, errors, v -> LocalDateTime.parse(v).atZone(WorkingCalendar.ZONE).toInstant(), "incidents.error.instant");
    }

    /**
     * The refusals of a page form's step, for the page shown again: each field's beside it (an {@link InvalidInput}), the
     * whole form's under {@code form}, as messages in the reader's language by {@code text}; nothing was saved.
     */
    static Map<String, String> refusals(RuntimeException refused, Function<String, String> text) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (refused instanceof InvalidInput e) {
            e.fieldErrors().forEach((field, key) -> errors.put(field, text.apply(key)));
        }
        errors.putIfAbsent("form", text.apply(refused.getMessage()));
        return errors;
    }
}
