package cn.govcloud.guard.supervision.followups;

import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.FormRefusals;
import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.supervision.followups.InspectionFollowUps.FollowUp;
import cn.govcloud.guard.supervision.scheduling.ListPages;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.function.Supplier;
import cn.govcloud.guard.systems.Systems;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Issue 17 point 11: 巡检异常跟进 — the supervisor's list of the daily inspection's drafts, with its three answers. */
@Controller
class FollowUpPages {
    /** The follow-ups' list: keyword and state, no unit or due filter (issue 23 point 11). */
    static final ListPages.Offers OFFERS = new ListPages.Offers(false, false);
    private final InspectionFollowUps followUps;
    private final Systems systems;
    private final MessageSource messages;
    private final ListPages lists;
    private final FormRefusals refusals;

    FollowUpPages(InspectionFollowUps followUps, Systems systems, MessageSource messages, ListPages lists, FormRefusals refusals) {
        this.lists = lists;
        this.refusals = refusals;
        this.followUps = followUps;
        this.systems = systems;
        this.messages = messages;
    }

    /** Issue 23 point 11: keyword, state and page size in the URL; a bad value is refused beside its filter (400). */
    @GetMapping("/supervision/inspection-follow-ups")
    @AllowOversightAndProvider
    String list(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        Actor actor = Actor.require();
        Page<FollowUp> page = lists.show(model, response, params, InspectionFollowUps.STATES, "followups.state.", OFFERS,
                "/supervision/inspection-follow-ups", f -> followUps.search(actor, f));
        model.addAttribute("followUps", page.rows());
        model.addAttribute("maySupervise", actor.has(Role.SUPERVISOR));
        Map<Long, String> systemLabels = new LinkedHashMap<>();
        if (actor.has(Role.SUPERVISOR)) {
            systems.onPlatform().forEach(sys -> systemLabels.put(sys.id(), sys.name()));
        }
        model.addAttribute("systemLabels", systemLabels);
        model.addAttribute("severities", java.util.Arrays.stream(Hazards.Severity.values()).map(Enum::name).toList());
        return "supervision/followups";
    }

    @PostMapping("/supervision/inspection-follow-ups/{id}/hazard")
    @AllowSupervisor
    String hazard(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        String system = form.get("systemId");
        return step(id, form, redirect, "followups.done.hazard", () -> followUps.raiseHazard(id,
                system != null && system.matches("\\d{1,18}") ? Long.valueOf(system) : null, form.get("severity"), form.get("title")));
    }

    @PostMapping("/supervision/inspection-follow-ups/{id}/incident-request")
    @AllowSupervisor
    String incident(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        return step(id, form, redirect, "followups.done.incident", () -> followUps.requestIncident(id, form.get("note")));
    }

    @PostMapping("/supervision/inspection-follow-ups/{id}/dismissal")
    @AllowSupervisor
    String dismiss(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        return step(id, form, redirect, "followups.done.dismissed", () -> followUps.dismiss(id, form.get("reason")));
    }

    /**
     * Issue 23 point 9: post/redirect/get; a refusal comes back beside the field of the row's form (only that row's, with
     * what was typed), nothing changed; success says what happens next.
     */
    private String step(long id, Map<String, String> form, RedirectAttributes redirect, String done, Supplier<FollowUp> action) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (refusals.submit(errors, action).isPresent()) {
            redirect.addFlashAttribute("flash", text(done));
        } else {
            Map<String, String> typed = new LinkedHashMap<>(form);
            typed.remove("_csrf");
            redirect.addFlashAttribute("refusedId", id);
            redirect.addFlashAttribute("rowErrors", errors);
            redirect.addFlashAttribute("rowValues", typed);
        }
        return "redirect:/supervision/inspection-follow-ups#followup-" + id;
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
