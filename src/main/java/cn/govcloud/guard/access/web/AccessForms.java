package cn.govcloud.guard.access.web;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.FormRefusals;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.systems.Systems;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What the access pages share when they read a form and answer it (issue 18 point 1, issue 23 points 3 and 9): the
 * typed values (a system's id, a {@code datetime-local} in Beijing time, a date), an action offered as a button, and a
 * small form posted from a list or a detail page — each answered by post/redirect/get, a refusal of a field carried over
 * beside that field, the form's own values kept, and nothing changed.
 */
@Component
class AccessForms {
    private final FormRefusals refusals;
    private final Systems systems;

    AccessForms(FormRefusals refusals, Systems systems) {
        this.refusals = refusals;
        this.systems = systems;
    }

    /** An optional id; a malformed one is refused under {@code field} with {@code errorKey}. */
    Long id(String value, String field, String errorKey, Map<String, String> errors) {
        if (blank(value)) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            errors.put(field, text(errorKey));
            return null;
        }
    }

    /** A {@code datetime-local} value in Beijing time. */
    Instant instant(String value, String field, Map<String, String> errors) {
        if (blank(value)) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(WorkingCalendar.ZONE).toInstant();
        } catch (DateTimeParseException e) {
            errors.put(field, text("access.error.instant"));
            return null;
        }
    }

    LocalDate date(String value, String field, Map<String, String> errors) {
        if (blank(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, text("access.error.date"));
            return null;
        }
    }

    /**
     * Does an action offered as a button; a refusal is flashed as {@code actionError} for the page the handler then redirects
     * to (the handler writes its {@code redirect:} itself, post/redirect/get, issue 23 point 3).
     */
    void attempt(RedirectAttributes redirect, Runnable action) {
        String refused = refusals.attempt(action);
        if (refused != null) {
            redirect.addFlashAttribute("actionError", refused);
        }
    }

    /**
     * Does what a small form asks, for the page the handler then redirects to. A refusal of its fields is flashed as {@code <prefix>Errors} (beside
     * each field, the form's name for it from {@code pageField}) with what was typed as {@code <prefix>Values} — plain
     * {@code errors} and {@code values} when the prefix is empty; a rule's
     * refusal as {@code actionError}. The page's GET shows them with {@link #flashed}. Done, {@code doneKey}'s message says
     * what happens next ({@code notice}).
     */
    void submit(RedirectAttributes redirect, String prefix, Map<String, String> typed, UnaryOperator<String> pageField, String doneKey,
                Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", text(doneKey)); // issue 23 point 9: what happens next
        } catch (InvalidInput e) {
            redirect.addFlashAttribute(prefix.isEmpty() ? "errors" : prefix + "Errors", refusals.fieldErrors(e, pageField));
            redirect.addFlashAttribute(prefix.isEmpty() ? "values" : prefix + "Values", typed);
        } catch (RuleViolation e) {
            redirect.addFlashAttribute("actionError", refusals.ruleViolation(e));
        }
    }

    /** A map a POST flashed for this GET (see {@link #submit}), empty when none. */
    @SuppressWarnings("unchecked")
    static Map<String, String> flashed(Model model, String name) {
        return model.getAttribute(name) instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
    }

    /** The acting unit's own systems for a form's system choice (none for anyone else): {@code mySystemIds}, {@code mySystemNames}. */
    List<Systems.SystemRef> mySystems(Model model, Actor actor) {
        List<Systems.SystemRef> mine = actor.orgKind() == OrgKind.UNIT ? systems.ofOrganisation(actor.orgId()) : List.of();
        Map<Long, String> names = new LinkedHashMap<>();
        mine.forEach(s -> names.put(s.id(), s.name()));
        model.addAttribute("mySystemIds", names.keySet());
        model.addAttribute("mySystemNames", names);
        return mine;
    }

    /** A form with checks of its own (the lists' request forms) goes through the one adapter directly. */
    FormRefusals refusals() {
        return refusals;
    }

    /** What was typed, for {@link #submit}: the named fields, a missing one as empty. */
    static Map<String, String> typed(String... nameValue) {
        Map<String, String> typed = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameValue.length; i += 2) {
            typed.put(nameValue[i], nameValue[i + 1] == null ? "" : nameValue[i + 1]);
        }
        return typed;
    }

    String text(String key) {
        return refusals.get(key);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
