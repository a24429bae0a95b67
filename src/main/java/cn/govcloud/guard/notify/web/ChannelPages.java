package cn.govcloud.guard.notify.web;

import cn.govcloud.guard.notify.DeliveryStatus;
import cn.govcloud.guard.notify.delivery.ChannelService;
import cn.govcloud.guard.notify.delivery.ChannelService.ChannelChange;
import cn.govcloud.guard.notify.delivery.ChannelService.NewChannel;
import cn.govcloud.guard.notify.delivery.DeliveryService;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import cn.govcloud.guard.shared.FormRefusals;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The delivery pages (A10.1): {@code /notify/channels} — where an organisation's notices go besides
 * the inbox, with a test button per channel — and {@code /notify/deliveries}, every delivery's state.
 */
@Controller
@Allow({Role.SYSTEM_ADMIN, Role.SUPERVISOR, Role.PROVIDER_OPERATOR, Role.UNIT_SECURITY_OFFICER})
class ChannelPages {
    private final ChannelService channels;
    private final DeliveryService deliveries;
    private final FormRefusals refusals;
    private final ZoneId zone;

    ChannelPages(ChannelService channels, DeliveryService deliveries, FormRefusals refusals) {
        this.channels = channels;
        this.deliveries = deliveries;
        this.refusals = refusals;
        this.zone = cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE;
    }

    @GetMapping("/notify/channels")
    String page(Model model) {
        show(model, Map.of(), Map.of());
        return "notify/channels";
    }

    @PostMapping("/notify/channels")
    String create(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Actor actor = Actor.require();
        Long orgId = null;
        String org = form.get("orgId");
        if (org != null && !org.isBlank()) {
            try {
                orgId = Long.parseLong(org.strip());
            } catch (NumberFormatException e) {
                show(model, form, Map.of("orgId", text("notify.channel.error.org")));
                return "notify/channels";
            }
        }
        Map<String, String> errors = new HashMap<>();
        Long owner = orgId;
        var saved = refusals.submit(errors, () -> channels.create(actor, new NewChannel(owner, form.get("kind"), form.get("name"),
                form.get("target"), form.get("secret"), !"false".equals(form.get("enabled")))));
        if (saved.isPresent()) {
            redirect.addFlashAttribute("saved", saved.get().name());
            return "redirect:/notify/channels";
        }
        Map<String, String> kept = new HashMap<>(form);
        kept.remove("secret"); // never echoed back
        show(model, kept, errors);
        return "notify/channels";
    }

    @PostMapping("/notify/channels/{id}/enabled")
    String enable(@PathVariable long id, @RequestParam(defaultValue = "false") boolean enabled, RedirectAttributes redirect) {
        try {
            channels.update(Actor.require(), id, new ChannelChange(null, null, null, null, enabled));
            redirect.addFlashAttribute("changed", text(enabled ? "notify.channel.enabledNow" : "notify.channel.disabledNow"));
        } catch (RuleViolation e) {
            redirect.addFlashAttribute("problem", refusals.ruleViolation(e));
        }
        return "redirect:/notify/channels";
    }

    @PostMapping("/notify/channels/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        channels.delete(Actor.require(), id);
        redirect.addFlashAttribute("changed", text("notify.channel.deletedNow"));
        return "redirect:/notify/channels";
    }

    /** Sends a test message and opens the deliveries page on it, where its state shows. */
    @PostMapping("/notify/channels/{id}/test")
    String test(@PathVariable long id, RedirectAttributes redirect) {
        try {
            String key = deliveries.sendTest(Actor.require(), id);
            return "redirect:" + UriComponentsBuilder.fromPath("/notify/deliveries").queryParam("key", key).build().encode().toUriString();
        } catch (RuleViolation e) {
            redirect.addFlashAttribute("problem", refusals.ruleViolation(e));
            return "redirect:/notify/channels";
        }
    }

    @GetMapping("/notify/deliveries")
    String deliveries(@RequestParam(required = false) String key, Model model) {
        Actor actor = Actor.require();
        model.addAttribute("key", key == null || key.isBlank() ? null : key.strip());
        model.addAttribute("deliveries", deliveries.recent(actor, key, 200));
        model.addAttribute("zone", zone);
        model.addAttribute("states", DeliveryStatus.State.values());
        return "notify/deliveries";
    }

    private void show(Model model, Map<String, String> values, Map<String, String> errors) {
        Actor actor = Actor.require();
        model.addAttribute("channels", channels.list(actor, null));
        Map<Long, String> organisations = new java.util.LinkedHashMap<>();
        channels.manageable(actor).forEach(o -> organisations.put(o.id(), o.name()));
        model.addAttribute("organisationIds", organisations.keySet());
        model.addAttribute("organisationNames", organisations);
        model.addAttribute("chooseOrg", actor.has(Role.SYSTEM_ADMIN));
        model.addAttribute("kinds", java.util.Arrays.stream(DeliveryStatus.Channel.values()).filter(DeliveryStatus.Channel::organisationChannel).toList());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("zone", zone);
    }

    private String text(String key) {
        return refusals.get(key);
    }
}
