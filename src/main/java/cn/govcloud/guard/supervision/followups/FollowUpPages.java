package cn.govcloud.guard.supervision.followups;

import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
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
    private final InspectionFollowUps followUps;
    private final Systems systems;
    private final MessageSource messages;

    FollowUpPages(InspectionFollowUps followUps, Systems systems, MessageSource messages) {
        this.followUps = followUps;
        this.systems = systems;
        this.messages = messages;
    }

    @GetMapping("/supervision/inspection-follow-ups")
    @AllowOversightAndProvider
    String list(Model model) {
        Actor actor = Actor.require();
        model.addAttribute("followUps", followUps.list(actor, false));
        model.addAttribute("maySupervise", actor.has(Role.SUPERVISOR));
        model.addAttribute("systems", actor.has(Role.SUPERVISOR) ? systems.onPlatform() : java.util.List.of());
        model.addAttribute("severities", Hazards.Severity.values());
        return "supervision/followups";
    }

    @PostMapping("/supervision/inspection-follow-ups/{id}/hazard")
    @AllowSupervisor
    String hazard(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        return step(redirect, "followups.done.hazard", () -> {
            Long system = null;
            try {
                system = form.get("systemId") == null || form.get("systemId").isBlank() ? null : Long.valueOf(form.get("systemId"));
            } catch (NumberFormatException e) {
                system = null;
            }
            followUps.raiseHazard(id, system, form.get("severity"), form.get("title"));
        });
    }

    @PostMapping("/supervision/inspection-follow-ups/{id}/incident-request")
    @AllowSupervisor
    String incident(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        return step(redirect, "followups.done.incident", () -> followUps.requestIncident(id, form.get("note")));
    }

    @PostMapping("/supervision/inspection-follow-ups/{id}/dismissal")
    @AllowSupervisor
    String dismiss(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        return step(redirect, "followups.done.dismissed", () -> followUps.dismiss(id, form.get("reason")));
    }

    private String step(RedirectAttributes redirect, String done, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("flash", text(done));
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("error", String.join("；", e.fieldErrors().values().stream().map(this::text).toList()));
        } catch (RuleViolation e) {
            redirect.addFlashAttribute("error", e.rule() + ": " + text(e.getMessage()));
        }
        return "redirect:/supervision/inspection-follow-ups";
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
