package cn.govcloud.guard.platform.web;

import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.ListParameters;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.shared.Unprocessable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * How the register pages run a form: the write either succeeds, or its refusal becomes the page's {@code errors} (by
 * field, "form" for the whole, a rule named first) and the form is re-shown with what was typed ({@code values}).
 */
@Component
class PageForms {
    private final MessageSource messages;

    PageForms(MessageSource messages) {
        this.messages = messages;
    }

    interface Write {
        void run() throws IOException;
    }

    /** Runs a write; on a refusal puts the errors and the form's values in the model and returns false. */
    boolean attempt(Model model, Map<String, String> form, Write write) {
        return attempt(model, form, "file", write);
    }

    /**
     * The same for a form whose file part is named {@code filePart}: the stored document's refusal (its type, its size)
     * names the field "file", and it belongs beside that input (issue 23 point 9).
     */
    boolean attempt(Model model, Map<String, String> form, String filePart, Write write) {
        Map<String, String> errors = new HashMap<>();
        try {
            write.run();
            return true;
        } catch (InvalidInput e) {
            e.fieldErrors().forEach((field, key) -> errors.put(field, text(key)));
            errors.putIfAbsent("form", text(e.getMessage()));
        } catch (RuleViolation e) {
            errors.put("form", refusal(e));
        } catch (Unprocessable e) {
            errors.put("form", text(e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!filePart.equals("file") && errors.containsKey("file")) {
            errors.putIfAbsent(filePart, errors.remove("file"));
        }
        model.addAttribute("errors", errors);
        if (form != null) {
            model.addAttribute("values", form);
        }
        return false;
    }

    /**
     * One of several forms on a register page: saved, back to {@code path} with "saved"; refused, the page again with the
     * errors and {@code failedForm} naming the form to open.
     */
    String save(Model model, Map<String, String> form, String formName, Write write, RedirectAttributes redirect, String path,
                Supplier<String> page) {
        if (!attempt(model, form, write)) {
            model.addAttribute("failedForm", formName);
            return page.get();
        }
        redirect.addFlashAttribute("flash", text("platform.saved"));
        return "redirect:" + path;
    }

    /** A refusal as one line, for a flash message: the rule and its reason, or the reason and each field's. */
    String refusal(RuntimeException e) {
        if (e instanceof RuleViolation r) {
            return r.rule() + ": " + text(r.getMessage());
        }
        if (e instanceof InvalidInput i) {
            return text(i.getMessage()) + " " + String.join(" ", i.fieldErrors().values().stream().map(this::text).toList());
        }
        return text(e.getMessage());
    }

    /**
     * A register's list (issue 23 point 11): its query read from {@code raw} by the register's {@code reader}, and the page
     * of the rows {@code rows} yields for the filter, as the model's {@code query}, {@code page} and {@code sizes}. A
     * refused query puts each reason beside its field ({@code listErrors}, kept apart from the forms' {@code errors}),
     * keeps what was typed in the form and shows the whole register.
     */
    <F, T> void list(Model model, Map<String, String> raw, Function<ListParameters, F> reader, F all,
                     Function<F, Consumer<Consumer<T>>> rows) {
        Map<String, String> listErrors = new LinkedHashMap<>();
        RegisterQuery<F> query;
        try {
            query = RegisterQuery.parse(raw, reader);
        } catch (InvalidInput e) {
            e.fieldErrors().forEach((field, key) -> listErrors.put(field, text(key)));
            listErrors.put("form", text(e.getMessage()));
            query = RegisterQuery.refused(all, raw);
        }
        model.addAttribute("query", query);
        model.addAttribute("listErrors", listErrors);
        model.addAttribute("sizes", RegisterQuery.SIZES);
        model.addAttribute("page", query.page(rows.apply(query.filter())));
    }

    /** No values and no errors yet, unless a refused write put them there. */
    static void blankForm(Model model) {
        if (model.getAttribute("values") == null) {
            model.addAttribute("values", Map.of());
        }
        if (model.getAttribute("errors") == null) {
            model.addAttribute("errors", Map.of());
        }
    }

    String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
