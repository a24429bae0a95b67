package cn.govcloud.guard.systems.web;

import jakarta.servlet.http.HttpServletResponse;
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
        Actor actor = Actor.require();
        ListParams.show(model, response, params, "entries", "/system-classification", ListParams::classification,
                (filter, before, limit) -> classification.page(actor, filter, before, limit), Classification.Entry::id);
        model.addAttribute("units", classification.units());
        model.addAttribute("states", SystemState.values());
        model.addAttribute("zone", WorkingCalendar.ZONE);
        return "systems/classification";
    }
}
