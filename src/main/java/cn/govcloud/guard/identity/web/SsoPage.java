package cn.govcloud.guard.identity.web;

import cn.govcloud.guard.shared.FormRefusals;
import cn.govcloud.guard.identity.SingleSignOn;
import cn.govcloud.guard.identity.SingleSignOn.Change;
import cn.govcloud.guard.identity.SingleSignOn.Configuration;
import cn.govcloud.guard.identity.SingleSignOn.Protocol;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * 统一身份认证 settings (issue 21 point 1): the security administrator switches OpenID Connect and CAS sign-in on
 * and off and says where the city's identity platform is; each save is audited, the client secret is never shown.
 */
@Controller
@RequestMapping("/admin/sso")
class SsoPage {
    private final SingleSignOn sso;
    private final FormRefusals messages;

    SsoPage(SingleSignOn sso, FormRefusals messages) {
        this.sso = sso;
        this.messages = messages;
    }

    @GetMapping
    @Allow(Role.SECURITY_ADMIN)
    String show(Model model) {
        return page(model, null, Map.of(), null);
    }

    @PostMapping("/{protocol}")
    @Allow(Role.SECURITY_ADMIN)
    String update(@PathVariable String protocol, @RequestParam Map<String, String> params, Model model,
                  RedirectAttributes redirect, HttpServletResponse response) {
        Protocol p = switch (protocol) {
            case "oidc" -> Protocol.OIDC;
            case "cas" -> Protocol.CAS;
            default -> throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
        };
        Change change = new Change("on".equals(params.get("enabled")) || "true".equals(params.get("enabled")),
                params.get("displayName"), params.get("serverUrl"), params.get("clientId"), params.get("clientSecret"),
                "on".equals(params.get("clearSecret")), params.get("scopes"), params.get("claim"));
        try {
            sso.update(p, change);
            redirect.addFlashAttribute("saved", p.name());
            return "redirect:/admin/sso";
        } catch (InvalidInput e) {
            response.setStatus(422);
            Map<String, String> errors = messages.fieldErrors(e);
            Configuration c = sso.configuration(p);
            // what was typed stays in the form; the secret never goes back to the browser
            Configuration typed = new Configuration(p, change.enabled(), change.displayName(), change.serverUrl(),
                    change.clientId(), c.secretStored(), change.scopes(), change.claim());
            return page(model, p, errors, typed);
        }
    }

    private String page(Model model, Protocol failed, Map<String, String> errors, Configuration typed) {
        Map<String, Configuration> configurations = new LinkedHashMap<>();
        for (Protocol p : Protocol.values()) {
            configurations.put(p.name().toLowerCase(Locale.ROOT), p == failed ? typed : sso.configuration(p));
        }
        model.addAttribute("configurations", configurations);
        model.addAttribute("failed", failed == null ? null : failed.name().toLowerCase(Locale.ROOT));
        model.addAttribute("errors", Objects.requireNonNull(errors));
        model.addAttribute("noErrors", Map.of());
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        model.addAttribute("oidcRedirectUri", base + "/login/oauth2/code/oidc");
        model.addAttribute("casServiceUrl", base + "/sso/cas/callback");
        return "identity/sso";
    }
}
