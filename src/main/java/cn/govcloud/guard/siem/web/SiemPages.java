package cn.govcloud.guard.siem.web;

import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.siem.Category;
import cn.govcloud.guard.siem.Kind;
import cn.govcloud.guard.siem.SiemDestinations;
import cn.govcloud.guard.siem.SiemDestinations.DestinationChange;
import cn.govcloud.guard.siem.SiemDestinations.NewDestination;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
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
 * {@code /siem}: the security administrator's page of SIEM destinations — each with its state, cursor, lag and
 * last error, a 「发送测试消息」 button — and the form that adds one.
 */
@Controller
@Allow(Role.SECURITY_ADMIN)
class SiemPages {
    private final SiemDestinations destinations;
    private final MessageSource messages;

    SiemPages(SiemDestinations destinations, MessageSource messages) {
        this.destinations = destinations;
        this.messages = messages;
    }

    @GetMapping("/siem")
    String page(Model model) {
        show(model, Map.of(), List.of(), Map.of());
        return "siem/destinations";
    }

    @PostMapping("/siem/destinations")
    String create(@RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect) {
        List<String> categories = form.getOrDefault("categories", List.of());
        try {
            var saved = destinations.create(Actor.require(), new NewDestination(form.getFirst("name"), form.getFirst("kind"),
                    form.getFirst("target"), categories, form.getFirst("format"), form.getFirst("secret"), form.getFirst("caCertificate"),
                    true, "BEGINNING".equals(form.getFirst("start")) ? 0L : null));
            redirect.addFlashAttribute("saved", saved.name());
            return "redirect:/siem";
        } catch (InvalidInput e) {
            Map<String, String> errors = new HashMap<>();
            e.fieldErrors().forEach((field, key) -> errors.put(field, text(key)));
            errors.putIfAbsent("form", text(e.getMessage()));
            Map<String, String> kept = new HashMap<>(form.toSingleValueMap());
            kept.remove("secret"); // never echoed back
            show(model, kept, categories, errors);
            return "siem/destinations";
        }
    }

    @PostMapping("/siem/destinations/{id}/enabled")
    String enable(@PathVariable long id, @RequestParam(defaultValue = "false") boolean enabled, RedirectAttributes redirect) {
        destinations.update(Actor.require(), id, new DestinationChange(null, null, null, null, null, null, null, null, enabled, null));
        redirect.addFlashAttribute("changed", text(enabled ? "siem.enabledNow" : "siem.disabledNow"));
        return "redirect:/siem";
    }

    @PostMapping("/siem/destinations/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        destinations.delete(Actor.require(), id);
        redirect.addFlashAttribute("changed", text("siem.deletedNow"));
        return "redirect:/siem";
    }

    @PostMapping("/siem/destinations/{id}/test")
    String test(@PathVariable long id, RedirectAttributes redirect) {
        var result = destinations.test(Actor.require(), id);
        if (result.sent()) {
            redirect.addFlashAttribute("changed", text("siem.testSent"));
        } else {
            redirect.addFlashAttribute("problem", messages.getMessage("siem.testFailed", new Object[] {result.error()},
                    LocaleContextHolder.getLocale()));
        }
        return "redirect:/siem";
    }

    private void show(Model model, Map<String, String> values, List<String> categories, Map<String, String> errors) {
        model.addAttribute("destinations", destinations.list(Actor.require()));
        model.addAttribute("kinds", Kind.values());
        model.addAttribute("allCategories", Category.values());
        model.addAttribute("formats", List.of("NDJSON", "JSON"));
        model.addAttribute("starts", List.of("NOW", "BEGINNING"));
        model.addAttribute("chosen", categories.isEmpty() ? Arrays.stream(Category.values()).map(Enum::name).toList() : categories);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("zone", cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE);
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
