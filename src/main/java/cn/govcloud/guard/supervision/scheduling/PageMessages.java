package cn.govcloud.guard.supervision.scheduling;

import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.RuleViolation;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
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
            String next = action.get();
            redirect.addFlashAttribute("done", text(done));
            return "redirect:" + (next == null ? target : next);
        } catch (InvalidInput e) {
            StringBuilder text = new StringBuilder(text(e.getMessage()));
            e.fieldErrors().values().forEach(key -> text.append(" ").append(text(key)));
            redirect.addFlashAttribute("error", text.toString());
        } catch (RuleViolation e) {
            redirect.addFlashAttribute("error", e.rule() + "：" + text(e.getMessage()));
        } catch (cn.govcloud.guard.shared.Unprocessable e) {
            redirect.addFlashAttribute("error", text(e.getMessage()));
        }
        return "redirect:" + target;
    }

    public String text(String key, Object... args) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage(key, args, key, locale);
    }
}
