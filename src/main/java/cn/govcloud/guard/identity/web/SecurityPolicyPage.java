package cn.govcloud.guard.identity.web;

import cn.govcloud.guard.shared.FormRefusals;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.identity.SecurityPolicy;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The security administrator's password, lockout and session rules, each field with its bounds. */
@Controller
@RequestMapping("/admin/security-policy")
class SecurityPolicyPage {
    private final IdentityManagement identity;
    private final FormRefusals messages;

    SecurityPolicyPage(IdentityManagement identity, FormRefusals messages) {
        this.identity = identity;
        this.messages = messages;
    }

    @GetMapping
    @Allow({Role.SECURITY_ADMIN, Role.SYSTEM_ADMIN})
    String show(Model model) {
        SecurityPolicy p = identity.policy();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("minLength", String.valueOf(p.minLength()));
        values.put("minCharacterClasses", String.valueOf(p.minCharacterClasses()));
        values.put("historyCount", String.valueOf(p.historyCount()));
        values.put("expiryDays", String.valueOf(p.expiryDays()));
        values.put("maxFailures", String.valueOf(p.maxFailures()));
        values.put("lockoutMinutes", String.valueOf(p.lockoutMinutes()));
        values.put("sessionTimeoutMinutes", String.valueOf(p.sessionTimeoutMinutes()));
        return page(model, values, Map.of());
    }

    @PostMapping
    @Allow(Role.SECURITY_ADMIN)
    String update(@RequestParam Map<String, String> params, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> numbers = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (String field : SecurityPolicy.BOUNDS.keySet()) {
            String value = params.getOrDefault(field, "").strip();
            values.put(field, value);
            try {
                numbers.put(field, Integer.parseInt(value));
            } catch (NumberFormatException e) {
                errors.put(field, messages.get("identity.invalid.whole-number"));
            }
        }
        if (!errors.isEmpty()) { // the service is not asked, so name the other fields out of bounds here too
            numbers.forEach((field, n) -> {
                SecurityPolicy.Bound b = SecurityPolicy.BOUNDS.get(field);
                if (n < b.min() || n > b.max()) {
                    errors.put(field, messages.get("identity.invalid.must-be-between-n-and-n", String.valueOf(b.min()),
                            String.valueOf(b.max())));
                }
            });
        }
        if (errors.isEmpty()) {
            try {
                identity.updatePolicy(new SecurityPolicy(numbers.get("minLength"), numbers.get("minCharacterClasses"),
                        numbers.get("historyCount"), numbers.get("expiryDays"), numbers.get("maxFailures"),
                        numbers.get("lockoutMinutes"), numbers.get("sessionTimeoutMinutes")));
                redirect.addFlashAttribute("saved", true);
                return "redirect:/admin/security-policy";
            } catch (InvalidInput e) {
                errors.putAll(messages.fieldErrors(e));
            }
        }
        response.setStatus(422);
        return page(model, values, errors);
    }

    private String page(Model model, Map<String, String> values, Map<String, String> errors) {
        model.addAttribute("values", values);
        model.addAttribute("bounds", SecurityPolicy.BOUNDS);
        model.addAttribute("errors", errors);
        model.addAttribute("editable", Actor.require().has(Role.SECURITY_ADMIN));
        return "identity/security-policy";
    }
}
