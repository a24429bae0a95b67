package cn.govcloud.guard.notify.web;

import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.notify.delivery.DeliveryService;
import cn.govcloud.guard.notify.delivery.GatewayService;
import cn.govcloud.guard.notify.delivery.Gateways.AppGatewayChange;
import cn.govcloud.guard.notify.delivery.Gateways.Kind;
import cn.govcloud.guard.notify.delivery.Gateways.SmsGatewayChange;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import java.util.Map;
import cn.govcloud.guard.shared.FormRefusals;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * 短信与政务消息 ({@code /notify/messaging}, issue 21 point 4): the system administrator configures the city's
 * 政务短信平台 and 政务微信 / 政务钉钉 applications, and sends a test message to a person.
 */
@Controller
@Allow(Role.SYSTEM_ADMIN)
class MessagingPages {
    private final GatewayService gateways;
    private final DeliveryService deliveries;
    private final IdentityManagement identity;
    private final FormRefusals refusals;

    MessagingPages(GatewayService gateways, DeliveryService deliveries, IdentityManagement identity, FormRefusals refusals) {
        this.gateways = gateways;
        this.deliveries = deliveries;
        this.identity = identity;
        this.refusals = refusals;
    }

    @GetMapping("/notify/messaging")
    String page(Model model) {
        return show(model, null, Map.of());
    }

    @PostMapping("/notify/messaging/sms")
    String sms(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return save(Kind.SMS, form, model, redirect, () -> gateways.updateSms(Actor.require(), new SmsGatewayChange("on".equals(form.get("enabled"))
                || "true".equals(form.get("enabled")), form.get("url"), form.get("method"), form.get("contentType"), form.get("headers"),
                form.get("body"), form.get("sign"), form.get("successPath"), form.get("successValue"), form.get("secret"),
                "on".equals(form.get("clearSecret")))));
    }

    @PostMapping("/notify/messaging/gov-wecom")
    String govWecom(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return app(Kind.GOV_WECOM, form, model, redirect);
    }

    @PostMapping("/notify/messaging/gov-dingtalk")
    String govDingtalk(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        return app(Kind.GOV_DINGTALK, form, model, redirect);
    }

    @PostMapping("/notify/messaging/sms/test")
    String testSms(@RequestParam(required = false) Long userId, RedirectAttributes redirect) {
        return sendTest(Kind.SMS, userId, redirect);
    }

    @PostMapping("/notify/messaging/gov-wecom/test")
    String testGovWecom(@RequestParam(required = false) Long userId, RedirectAttributes redirect) {
        return sendTest(Kind.GOV_WECOM, userId, redirect);
    }

    @PostMapping("/notify/messaging/gov-dingtalk/test")
    String testGovDingtalk(@RequestParam(required = false) Long userId, RedirectAttributes redirect) {
        return sendTest(Kind.GOV_DINGTALK, userId, redirect);
    }

    private String app(Kind kind, Map<String, String> form, Model model, RedirectAttributes redirect) {
        return save(kind, form, model, redirect, () -> gateways.updateApp(Actor.require(), kind, new AppGatewayChange("on".equals(form.get("enabled"))
                || "true".equals(form.get("enabled")), form.get("baseUrl"), form.get("appId"), form.get("agentId"), form.get("minSeverity"),
                form.get("appSecret"), "on".equals(form.get("clearSecret")))));
    }

    /**
     * Saves a gateway; a refusal goes back to the page with each error beside its field and what was typed kept — never
     * a secret, which is not sent back to the browser (issue 23 point 9). Nothing is saved then.
     */
    private String save(Kind kind, Map<String, String> form, Model model, RedirectAttributes redirect, Runnable change) {
        Map<String, String> errors = new java.util.HashMap<>();
        if (refusals.submit(errors, () -> {
            change.run();
            return kind;
        }).isPresent()) {
            redirect.addFlashAttribute("saved", text("notify.gateway.kind." + kind));
            return "redirect:/notify/messaging";
        }
        Map<String, String> typed = new java.util.HashMap<>(form);
        typed.keySet().removeAll(java.util.Set.of("secret", "appSecret", "_csrf"));
        model.addAttribute("typed", typed);
        return show(model, kind.name(), errors);
    }

    private String sendTest(Kind kind, Long userId, RedirectAttributes redirect) {
        try {
            String key = deliveries.sendGatewayTest(Actor.require(), kind, userId);
            return "redirect:" + UriComponentsBuilder.fromPath("/notify/deliveries").queryParam("key", key).build().encode().toUriString();
        } catch (RuleViolation e) {
            redirect.addFlashAttribute("problem", refusals.ruleViolation(e));
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("problem", String.join(" ", refusals.fieldErrors(e).values()));
        }
        return "redirect:/notify/messaging";
    }

    private String show(Model model, String failed, Map<String, String> errors) {
        Actor actor = Actor.require();
        model.addAttribute("messaging", gateways.view(actor));
        model.addAttribute("failed", failed);
        model.addAttribute("errors", errors);
        model.addAttribute("noErrors", Map.of());
        if (!model.containsAttribute("typed")) {
            model.addAttribute("typed", Map.of());
        }
        model.addAttribute("severities", Notice.Severity.values());
        model.addAttribute("zone", cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE);
        model.addAttribute("people", identity.users().stream().filter(u -> u.enabled() && u.mobileMasked() != null).toList());
        return "notify/messaging";
    }

    private String text(String key) {
        return refusals.get(key);
    }
}
