package cn.govcloud.guard.supervision.scheduling;

import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.RuleViolation;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Runs a page's form action and turns a refusal into the message the page shows after the redirect. */
@Component
public class PageMessages {
    private final MessageSource messages;

    PageMessages(MessageSource messages) {
        this.messages = messages;
    }

    /** Runs {@code action}; on success flashes {@code done}, on bad input or a rule's refusal flashes {@code error}. Returns the redirect. */
    public String run(RedirectAttributes redirect, String target, String done, Supplier<String> action) {
        try {
            return succeed(redirect, target, done, action);
        } catch (InvalidInput e) {
            StringBuilder text = new StringBuilder(text(e.getMessage()));
            e.fieldErrors().values().forEach(key -> text.append(" ").append(text(key)));
            redirect.addFlashAttribute("error", text.toString());
        } catch (RuleViolation e) {
            redirect.addFlashAttribute("error", refusal(e));
        } catch (cn.govcloud.guard.shared.Unprocessable e) {
            redirect.addFlashAttribute("error", text(e.getMessage()));
        }
        return "redirect:" + target;
    }

    /**
     * Runs a form's {@code action} the fields way (issue 23 point 9, templates/fragments/fields.html): a refusal comes back
     * as the page's {@code errors} map (each message beside its field, the whole refusal under {@code form}) and what was
     * typed as its {@code values} map, so nothing typed is lost; success flashes {@code done}, which says what happens next.
     */
    public String runForm(RedirectAttributes redirect, String target, String done, Map<String, String> typed, Supplier<String> action) {
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            return succeed(redirect, target, done, action);
        } catch (InvalidInput e) {
            errors.putAll(e.fieldErrors());
            errors.put("form", text(e.getMessage()));
        } catch (RuleViolation e) {
            errors.put("form", refusal(e));
        } catch (cn.govcloud.guard.shared.Unprocessable e) {
            errors.put("form", text(e.getMessage()));
        }
        redirect.addFlashAttribute("errors", errors);
        redirect.addFlashAttribute("values", new LinkedHashMap<>(typed));
        return "redirect:" + target;
    }

    /** The first value of each field, as the fields fragments read it back. */
    public static Map<String, String> typed(MultiValueMap<String, String> form) {
        Map<String, String> typed = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            if (!values.isEmpty() && values.get(0) != null && !"_csrf".equals(name)) {
                typed.put(name, values.get(0));
            }
        });
        return typed;
    }

    private String succeed(RedirectAttributes redirect, String target, String done, Supplier<String> action) {
        String next = action.get();
        redirect.addFlashAttribute("done", text(done));
        return "redirect:" + (next == null ? target : next);
    }

    private String refusal(RuleViolation e) {
        return e.rule() + "：" + text(e.getMessage());
    }

    public String text(String key, Object... args) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage(key, args, key, locale);
    }
}
