package cn.govcloud.guard.identity.web;

import cn.govcloud.guard.identity.SingleSignOn;
import cn.govcloud.guard.shared.PublicEndpoint;
import cn.govcloud.guard.shared.TimeConfiguration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in form; Spring Security handles its POST ({@code FormLogin}) and sends the outcome back as a query flag. */
@Controller
class LoginPage {
    private static final DateTimeFormatter UNLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(TimeConfiguration.CITY_ZONE);

    /** Why a 统一身份认证 sign-in was refused ({@code ?sso=…}, set by the identity module's SsoSignIn). */
    private static final Set<String> SSO_OUTCOMES = Set.of("unknown", "admin", "disabled", "throttled", "failed", "unavailable");

    private final SingleSignOn sso;

    LoginPage(SingleSignOn sso) {
        this.sso = sso;
    }

    @GetMapping("/login")
    @PublicEndpoint("nobody is signed in yet on the sign-in page")
    String login(@RequestParam(required = false) String locked, @RequestParam(name = "sso", required = false) String ssoOutcome,
                 Model model) {
        // issue 21 point 1: the 统一身份认证 buttons only while a protocol is switched on
        model.addAttribute("ssoButtons", sso.buttons());
        if (ssoOutcome != null && SSO_OUTCOMES.contains(ssoOutcome)) {
            model.addAttribute("ssoOutcome", ssoOutcome);
        }
        if (locked != null) {
            String until = null;
            try {
                until = UNLOCK.format(Instant.ofEpochSecond(Long.parseLong(locked)));
            } catch (RuntimeException ignored) {
                // a hand-edited flag: say it is locked without a time
            }
            model.addAttribute("unlocksAt", until);
        }
        return "identity/login";
    }
}
