package cn.govcloud.guard.ticketing.web;

import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.ticketing.ServiceDesks;
import cn.govcloud.guard.ticketing.ServiceDesks.DeskChange;
import cn.govcloud.guard.ticketing.ServiceDesks.NewDesk;
import cn.govcloud.guard.ticketing.Tickets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /ticketing/desks}: the security administrator's page of service desks (issue 21 point 5) — each with its owner,
 * URL up to the host, callback path and tickets waiting — and the form that adds one (off until enabled). The hazard
 * page loads {@code /ticketing/tickets?hazard=…}: the hazard's tickets and the 「开工单」 form.
 */
@Controller
class TicketingPages {
    private final ServiceDesks desks;
    private final Tickets tickets;
    private final MessageSource messages;

    TicketingPages(ServiceDesks desks, Tickets tickets, MessageSource messages) {
        this.desks = desks;
        this.tickets = tickets;
        this.messages = messages;
    }

    @GetMapping("/ticketing/desks")
    @Allow(Role.SECURITY_ADMIN)
    String page(Model model) {
        Actor actor = Actor.require();
        model.addAttribute("desks", desks.list(actor));
        Map<Long, String> owners = new LinkedHashMap<>();
        desks.owners(actor).forEach(o -> owners.put(o.id(), o.name()));
        model.addAttribute("owners", owners);
        if (!model.containsAttribute("values")) {
            model.addAttribute("values", Map.of());
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        model.addAttribute("zone", cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE);
        return "ticketing/desks";
    }

    @PostMapping("/ticketing/desks")
    @Allow(Role.SECURITY_ADMIN)
    String create(@RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
        try {
            Long owner = parseLong(form.getFirst("ownerOrgId"));
            var saved = desks.create(Actor.require(), new NewDesk(form.getFirst("name"), owner, form.getFirst("url"), form.getFirst("secret"),
                    "true".equals(form.getFirst("enabled"))));
            redirect.addFlashAttribute("changed", messages.getMessage("ticketing.saved", new Object[] {saved.name()}, LocaleContextHolder.getLocale()));
        } catch (InvalidInput e) {
            Map<String, String> errors = new HashMap<>();
            e.fieldErrors().forEach((field, key) -> errors.put(field, text(key)));
            errors.putIfAbsent("form", text(e.getMessage()));
            Map<String, String> kept = new HashMap<>(form.toSingleValueMap());
            kept.remove("secret"); // never echoed back
            redirect.addFlashAttribute("errors", errors);
            redirect.addFlashAttribute("values", kept);
        }
        return "redirect:/ticketing/desks";
    }

    @PostMapping("/ticketing/desks/{id}")
    @Allow(Role.SECURITY_ADMIN)
    String update(@PathVariable long id, @RequestParam(required = false) String url, @RequestParam(required = false) String secret,
                  RedirectAttributes redirect) {
        try {
            desks.update(Actor.require(), id, new DeskChange(null, url, secret, null));
            redirect.addFlashAttribute("changed", text("ticketing.updatedNow"));
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("problem", e.fieldErrors().values().stream().map(this::text).reduce((a, b) -> a + " " + b)
                    .orElse(text(e.getMessage())));
        }
        return "redirect:/ticketing/desks";
    }

    @PostMapping("/ticketing/desks/{id}/enabled")
    @Allow(Role.SECURITY_ADMIN)
    String enable(@PathVariable long id, @RequestParam(defaultValue = "false") boolean enabled, RedirectAttributes redirect) {
        desks.update(Actor.require(), id, new DeskChange(null, null, null, enabled));
        redirect.addFlashAttribute("changed", text(enabled ? "ticketing.enabledNow" : "ticketing.disabledNow"));
        return "redirect:/ticketing/desks";
    }

    @PostMapping("/ticketing/desks/{id}/delete")
    @Allow(Role.SECURITY_ADMIN)
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        desks.delete(Actor.require(), id);
        redirect.addFlashAttribute("changed", text("ticketing.deletedNow"));
        return "redirect:/ticketing/desks";
    }

    /** The hazard's (or the alert's) page section, loaded by htmx: its tickets and, for who may, the 「开工单」 form. */
    @GetMapping("/ticketing/tickets")
    @AllowParties
    String of(@RequestParam(name = "hazard", required = false) Long hazardId, @RequestParam(name = "alert", required = false) Long alertId,
              Model model) {
        Actor actor = Actor.require();
        if ((hazardId == null) == (alertId == null)) {
            throw new InvalidInput("ticketing.error.invalid", Map.of("hazard", "ticketing.error.hazard"));
        }
        Tickets.Kind kind = hazardId != null ? Tickets.Kind.HAZARD : Tickets.Kind.ALERT;
        long id = hazardId != null ? hazardId : alertId;
        model.addAttribute("tickets", tickets.of(actor, kind, id));
        model.addAttribute("choices", tickets.choices(actor, kind, id));
        model.addAttribute("subjectParam", kind == Tickets.Kind.HAZARD ? "hazard" : "alert");
        model.addAttribute("subjectId", id);
        model.addAttribute("zone", cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE);
        return "ticketing/tickets :: tickets";
    }

    /** 「开工单」: queued in the outbox, never waiting for the desk; back to the hazard's (or alert's) page. */
    @PostMapping("/ticketing/tickets")
    @Allow({Role.SUPERVISOR, Role.PROVIDER_OPERATOR, Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF})
    String open(@RequestParam(name = "hazard", required = false) Long hazardId, @RequestParam(name = "alert", required = false) Long alertId,
                @RequestParam(name = "desk", required = false) Long deskId, RedirectAttributes redirect) {
        if ((hazardId == null) == (alertId == null)) {
            throw new InvalidInput("ticketing.error.invalid", Map.of("hazard", "ticketing.error.hazard"));
        }
        boolean hazard = hazardId != null;
        try {
            if (deskId == null) {
                throw new InvalidInput("ticketing.error.invalid", Map.of("deskId", "ticketing.error.desk"));
            }
            var t = hazard ? tickets.open(Actor.require(), Tickets.Kind.HAZARD, hazardId, deskId)
                    : tickets.open(Actor.require(), Tickets.Kind.ALERT, alertId, deskId);
            redirect.addFlashAttribute("done", messages.getMessage("ticketing.opened", new Object[] {t.deskName()}, LocaleContextHolder.getLocale()));
        } catch (InvalidInput e) {
            // the hazard page shows a refusal as "refusal", the intake pages as "error"
            redirect.addFlashAttribute(hazard ? "refusal" : "error", text("ticketing.error.desk"));
        }
        return hazard ? "redirect:/hazards/" + hazardId : "redirect:/intake/alerts/" + alertId;
    }

    private static Long parseLong(String s) {
        try {
            return s == null || s.isBlank() ? null : Long.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
