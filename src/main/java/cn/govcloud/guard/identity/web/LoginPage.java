package cn.govcloud.guard.identity.web;

import cn.govcloud.guard.shared.PublicEndpoint;
import cn.govcloud.guard.shared.TimeConfiguration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in form; Spring Security handles its POST ({@code FormLogin}) and sends the outcome back as a query flag. */
@Controller
class LoginPage {
    private static final DateTimeFormatter UNLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(TimeConfiguration.CITY_ZONE);

    @GetMapping("/login")
    @PublicEndpoint("nobody is signed in yet on the sign-in page")
    String login(@RequestParam(required = false) String locked, Model model) {
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
