package cn.govcloud.guard.data.web;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.RuleViolation;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** How the data pages read their forms and turn a refusal into the errors shown beside the fields (message keys {@code data.error.*}). */
@Component
class DataForms {
    private final MessageSource messages;

    DataForms(MessageSource messages) {
        this.messages = messages;
    }

    <T> Optional<T> attempt(Map<String, String> errors, Supplier<T> action) {
        try {
            return Optional.of(action.get());
        } catch (InvalidInput e) {
            e.fieldErrors().forEach((field, key) -> errors.put(field, text(key)));
            errors.putIfAbsent("form", text(e.getMessage()));
            return Optional.empty();
        } catch (RuleViolation e) {
            errors.put("form", e.rule() + ": " + text(e.getMessage()));
            return Optional.empty();
        }
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

    String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
