package cn.govcloud.guard.web.internal;

import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.shared.Unprocessable;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * The HTML side of the domain exceptions: a person who hits a rule of the Measures, bad input or a
 * missing record gets the platform's error page with the reason, not a stack trace. Forms that can
 * show the message next to the field should catch the exception and use {@code shared.FormRefusals} instead.
 * Runs after {@link ApiProblems}, which claims every {@code @RestController}.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrors {

    private final MessageSource messages;

    PageErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(NotFound.class)
    ModelAndView notFound() {
        ModelAndView page = new ModelAndView("error/404", HttpStatus.NOT_FOUND);
        page.addObject("status", 404);
        return page;
    }

    @ExceptionHandler(RuleViolation.class)
    ModelAndView ruleViolation(RuleViolation e, Locale locale) {
        ModelAndView page = errorPage(HttpStatus.CONFLICT, text(e.getMessage(), locale));
        page.addObject("rule", e.rule());
        return page;
    }

    @ExceptionHandler(Unprocessable.class)
    ModelAndView unprocessable(Unprocessable e, Locale locale) {
        return errorPage(HttpStatus.UNPROCESSABLE_CONTENT, text(e.getMessage(), locale));
    }

    @ExceptionHandler(InvalidInput.class)
    ModelAndView invalidInput(InvalidInput e, Locale locale) {
        ModelAndView page = errorPage(HttpStatus.BAD_REQUEST, text(e.getMessage(), locale));
        // the field errors are message keys as often as texts: a page shows the text, never the key (issue 23 point 4)
        Map<String, String> fieldErrors = new java.util.LinkedHashMap<>();
        e.fieldErrors().forEach((field, message) -> fieldErrors.put(field, text(message, locale)));
        page.addObject("fieldErrors", fieldErrors);
        return page;
    }

    private static ModelAndView errorPage(HttpStatus status, String reason) {
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("error", status.getReasonPhrase());
        page.addObject("reason", reason);
        return page;
    }

    private String text(String keyOrText, Locale locale) {
        return keyOrText == null ? null : messages.getMessage(keyOrText, null, keyOrText, locale);
    }
}
