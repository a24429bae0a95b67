package cn.govcloud.guard.systems.web;

import jakarta.servlet.http.HttpServletResponse;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.ListParameters;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.systems.internal.Classification;
import cn.govcloud.guard.systems.internal.SystemState;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Issue 22 point 3: 系统分类标志 — the register of every system's 关基 flag and 非涉密 declaration (A2), city-wide, for the
 * 保密 reviewer (and the supervisor and regulators); read-only.
 */
@Controller
class ClassificationPages {
    private final Classification classification;

    ClassificationPages(Classification classification) {
        this.classification = classification;
    }

    @GetMapping("/system-classification")
    @Allow({Role.SECRECY_REVIEWER, Role.SUPERVISOR, Role.REGULATOR})
    String register(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        try {
            ListParameters p = ListParameters.of(params);
            Classification.Filter filter = ListParams.classification(p);
            ListParams.Keyset k = ListParams.keyset(p, 0);
            p.check();
            ListParams.page(model, "entries", classification.page(Actor.require(), filter, k.before(), k.size() + 1), k.size(),
                    Classification.Entry::id, "/system-classification", p);
        } catch (InvalidInput e) {
            ListParams.refused(model, response, e, "entries"); // issue 23 point 11: refused beside the filter, no rows claimed
        }
        model.addAttribute("params", params);
        model.addAttribute("units", classification.units());
        model.addAttribute("states", SystemState.values());
        model.addAttribute("zone", WorkingCalendar.ZONE);
        return "systems/classification";
    }
}
