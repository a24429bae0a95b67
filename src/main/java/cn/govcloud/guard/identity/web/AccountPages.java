package cn.govcloud.guard.identity.web;

import cn.govcloud.guard.shared.FormRefusals;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.identity.internal.Logins;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A person's own account: profile, password change and second-factor enrolment. These are also the
 * pages a session with a pending step is held on; finishing the step replaces the session's
 * authentication with one carrying the person's roles.
 */
@Controller
@RequestMapping("/account")
class AccountPages {
    static final String PENDING_SECRET = "identity.totp.enrolment";

    private final Logins logins;
    private final IdentityManagement identity;
    private final FormRefusals messages;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    AccountPages(Logins logins, IdentityManagement identity, FormRefusals messages) {
        this.logins = logins;
        this.identity = identity;
        this.messages = messages;
    }

    @GetMapping
    @Allow(anyUser = true)
    String profile(Model model) {
        Actor actor = Actor.require();
        model.addAttribute("actor", actor);
        model.addAttribute("user", identity.user(actor.userId()).orElse(null));
        return "identity/account";
    }

    record PasswordForm(String current, String password, String repeat) {
    }

    @GetMapping("/password")
    @Allow(anyUser = true)
    String passwordForm(Model model) {
        return passwordPage(model, Map.of());
    }

    @PostMapping("/password")
    @Allow(anyUser = true)
    String changePassword(PasswordForm form, Model model, RedirectAttributes redirect, HttpServletRequest request,
                          HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!Objects.equals(form.password(), form.repeat())) {
            errors.put("repeat", messages.get("identity.password.mismatch"));
        } else {
            try {
                logins.changePassword(Actor.require(), form.current(), form.password());
                if (Logins.pending(SecurityContextHolder.getContext().getAuthentication())) {
                    replaceAuthentication(logins.refreshed(Actor.require()), request, response);
                    return "redirect:/";
                }
                redirect.addFlashAttribute("passwordChanged", true);
                return "redirect:/account";
            } catch (InvalidInput e) {
                errors.putAll(messages.fieldErrors(e, Map.of("current", "current")));
                if ("wrong".equals(e.fieldErrors().get("current"))) {
                    errors.put("current", messages.get("identity.password.currentWrong"));
                }
            }
        }
        response.setStatus(422);
        return passwordPage(model, errors);
    }

    private String passwordPage(Model model, Map<String, String> errors) {
        model.addAttribute("policy", identity.policy());
        model.addAttribute("pending", Logins.pending(SecurityContextHolder.getContext().getAuthentication()));
        model.addAttribute("errors", errors);
        return "identity/password";
    }

    @GetMapping("/second-factor")
    @Allow(anyUser = true)
    String secondFactorForm(Model model, HttpSession session) {
        return secondFactorPage(model, session, Map.of());
    }

    @PostMapping("/second-factor")
    @Allow(anyUser = true)
    String confirmSecondFactor(@RequestParam(required = false) String code, Model model, HttpSession session,
                               RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response) {
        String secret = (String) session.getAttribute(PENDING_SECRET);
        if (secret == null) {
            return "redirect:/account/second-factor"; // the session expired in between: start again
        }
        try {
            logins.confirmTotp(Actor.require(), secret, code == null ? "" : code.strip());
        } catch (InvalidInput e) {
            response.setStatus(422);
            return secondFactorPage(model, session, Map.of("code", messages.get("identity.totp.wrongCode")));
        }
        session.removeAttribute(PENDING_SECRET);
        if (Logins.pending(SecurityContextHolder.getContext().getAuthentication())) {
            replaceAuthentication(logins.refreshed(Actor.require()), request, response);
            return "redirect:/";
        }
        redirect.addFlashAttribute("secondFactorEnrolled", true);
        return "redirect:/account";
    }

    private String secondFactorPage(Model model, HttpSession session, Map<String, String> errors) {
        String secret = (String) session.getAttribute(PENDING_SECRET);
        if (secret == null) {
            secret = logins.newTotpSecret();
            session.setAttribute(PENDING_SECRET, secret);
        }
        model.addAttribute("qrSvg", logins.qrSvg(Actor.require(), secret));
        model.addAttribute("secretGroups", String.join(" ", secret.split("(?<=\\G.{4})")));
        model.addAttribute("pending", Logins.pending(SecurityContextHolder.getContext().getAuthentication()));
        model.addAttribute("errors", errors);
        return "identity/second-factor";
    }

    /** The step is done: the new authentication goes into this request and the session, under a new session id. */
    private void replaceAuthentication(Authentication auth, HttpServletRequest request, HttpServletResponse response) {
        SecurityContextHolderStrategy strategy = SecurityContextHolder.getContextHolderStrategy();
        SecurityContext context = strategy.createEmptyContext();
        context.setAuthentication(auth);
        strategy.setContext(context);
        request.changeSessionId();
        contexts.saveContext(context, request, response);
    }
}
