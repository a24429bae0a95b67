package cn.govcloud.guard.identity.web;

import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.RuleViolation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Puts the services' refusals into the page's language. A service explains in English with the
 * numbers of the policy inside ("password must be at least 12 characters"); the bundle key is that
 * text with each number replaced by {@code n} ({@code identity.invalid.password-must-be-at-least-n-characters})
 * and the numbers become the message arguments. A text without a key is shown as the service wrote it.
 */
@Component
class FormMessages {
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private final MessageSource messages;

    FormMessages(MessageSource messages) {
        this.messages = messages;
    }

    /** Field name to message, with the service's field names renamed to the form's where they differ. */
    Map<String, String> fieldErrors(InvalidInput e, Map<String, String> renamed) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.fieldErrors().forEach((field, text) -> errors.put(renamed.getOrDefault(field, field), text(text)));
        if (errors.isEmpty()) {
            errors.put("form", text(e.getMessage()));
        }
        return errors;
    }

    Map<String, String> fieldErrors(InvalidInput e) {
        return fieldErrors(e, Map.of());
    }

    /** The rule first (e.g. 三权分立, A3), then why. */
    String ruleViolation(RuleViolation e) {
        return e.rule() + ": " + text(e.getMessage());
    }

    String text(String serviceText) {
        List<Object> args = new ArrayList<>();
        Matcher m = NUMBER.matcher(serviceText);
        StringBuilder withoutNumbers = new StringBuilder();
        while (m.find()) {
            args.add(m.group());
            m.appendReplacement(withoutNumbers, "n");
        }
        m.appendTail(withoutNumbers);
        String key = "identity.invalid." + withoutNumbers.toString().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z]+", "-").replaceAll("^-|-$", "");
        return messages.getMessage(key, args.toArray(), serviceText, LocaleContextHolder.getLocale());
    }

    String get(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
