package cn.govcloud.guard.shared;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The one adapter from a service's refusal to a page (issue 18 point 5, issue 23 point 9): an {@link InvalidInput} becomes
 * the page's {@code errors} map (field name → message, {@code form} for the whole form) that
 * {@code templates/fragments/fields.html} shows beside each field; a {@link RuleViolation} becomes its rule and reason in
 * words. Nothing was saved when a service refuses, and the page re-renders with what was typed ({@code values}).
 *
 * <p>Services refuse with bundle keys ({@code access.channel.error.purpose}) or — the identity services — with English text
 * carrying the policy's numbers ("password must be at least 12 characters"), whose key is that text with each number
 * replaced by {@code n} under {@code identity.invalid.} ({@code identity.invalid.password-must-be-at-least-n-characters})
 * and the numbers as the message's arguments. A text with neither is shown as the service wrote it.
 */
@Component
public class FormRefusals {
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private final MessageSource messages;

    public FormRefusals(MessageSource messages) {
        this.messages = messages;
    }

    /** Field name to message, with the service's field names renamed to the form's where they differ; {@code form} when none. */
    public Map<String, String> fieldErrors(InvalidInput e, Map<String, String> renamed) {
        return fieldErrors(e, (UnaryOperator<String>) field -> renamed.getOrDefault(field, field));
    }

    public Map<String, String> fieldErrors(InvalidInput e) {
        return fieldErrors(e, Map.of());
    }

    /** The same with the form's name of a field computed (e.g. {@code visitors[0].realName} → {@code realName0}). */
    public Map<String, String> fieldErrors(InvalidInput e, UnaryOperator<String> pageField) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.fieldErrors().forEach((field, text) -> errors.put(pageField.apply(field), text(text)));
        if (errors.isEmpty()) {
            errors.put("form", text(e.getMessage()));
        }
        return errors;
    }

    /** The rule first (e.g. A9.1, 三权分立), then why. */
    public String ruleViolation(RuleViolation e) {
        return e.rule() + "：" + text(e.getMessage());
    }

    /**
     * Runs an action offered as a button (no form fields of its own); null when it went through, else the refusal in one
     * line — the field messages joined, or the rule and its reason — for the page it redirects to (nothing was changed).
     */
    public String attempt(Runnable action) {
        try {
            action.run();
            return null;
        } catch (InvalidInput e) {
            List<String> fields = new ArrayList<>();
            e.fieldErrors().values().forEach(key -> fields.add(text(key)));
            return fields.isEmpty() ? text(e.getMessage()) : String.join("；", fields);
        } catch (RuleViolation e) {
            return ruleViolation(e);
        }
    }

    /**
     * For a form whose own checks (numbers, dates) may have found errors already: runs the action only when there are
     * none; a refusal adds each field's error under the page's name for that field and its reason under {@code form}.
     *
     * @return the action's result, or empty when the form goes back with its errors (nothing was changed)
     */
    public <T> Optional<T> submit(Map<String, String> errors, String invalidKey, UnaryOperator<String> pageField, Supplier<T> action) {
        if (!errors.isEmpty()) {
            errors.putIfAbsent("form", text(invalidKey));
            return Optional.empty();
        }
        return run(errors, pageField, action);
    }

    /** {@link #submit(Map, String, UnaryOperator, Supplier)} for a form without checks of its own: the field names are the service's. */
    public <T> Optional<T> submit(Map<String, String> errors, Supplier<T> action) {
        return run(errors, UnaryOperator.identity(), action);
    }

    private <T> Optional<T> run(Map<String, String> errors, UnaryOperator<String> pageField, Supplier<T> action) {
        try {
            return Optional.of(action.get());
        } catch (InvalidInput e) {
            e.fieldErrors().forEach((field, key) -> errors.put(pageField.apply(field), text(key)));
            errors.putIfAbsent("form", text(e.getMessage()));
        } catch (RuleViolation e) {
            errors.put("form", ruleViolation(e));
        }
        return Optional.empty();
    }

    /** A service's refusal text or key in the page's language (see the class comment). */
    public String text(String serviceText) {
        Locale locale = LocaleContextHolder.getLocale();
        String direct = messages.getMessage(serviceText, null, null, locale);
        if (direct != null) {
            return direct;
        }
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
        return messages.getMessage(key, args.toArray(), serviceText, locale);
    }

    /** A message of the bundles in the page's language (the key itself when there is none). */
    public String get(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
