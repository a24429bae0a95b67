package cn.govcloud.guard.access.web;

import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.RuleViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * How the access pages put a refused action into words on the page it came from: the field errors,
 * or the rule and its reason (the same refusal the API answers with 400 or 409, e.g. A9.1).
 */
@Component
class Refusals {
    private final MessageSource messages;

    Refusals(MessageSource messages) {
        this.messages = messages;
    }

    /** Runs the action; null when it went through, else the refusal in words (nothing was changed). */
    String attempt(Runnable action) {
        try {
            action.run();
            return null;
        } catch (InvalidInput e) {
            List<String> fields = new ArrayList<>();
            e.fieldErrors().values().forEach(key -> fields.add(text(key)));
            return fields.isEmpty() ? text(e.getMessage()) : String.join("；", fields);
        } catch (RuleViolation e) {
            return e.rule() + "：" + text(e.getMessage());
        }
    }

    /**
     * For a form whose own checks may have found errors already: runs the action only when there are
     * none; a refusal adds each field's error (under the page's name for that field) and its reason
     * under {@code form}, and nothing was changed.
     *
     * @return the action's result, or empty when the form goes back with its errors
     */
    <T> Optional<T> submit(Map<String, String> errors, String invalidKey, UnaryOperator<String> pageField, Supplier<T> action) {
        try {
            if (!errors.isEmpty()) {
                throw new InvalidInput(invalidKey, Map.of());
            }
            return Optional.of(action.get());
        } catch (InvalidInput e) {
            e.fieldErrors().forEach((field, key) -> errors.put(pageField.apply(field), text(key)));
            errors.putIfAbsent("form", text(e.getMessage()));
        } catch (RuleViolation e) {
            errors.put("form", e.rule() + "：" + text(e.getMessage()));
        }
        return Optional.empty();
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
