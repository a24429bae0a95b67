package cn.govcloud.guard.platform.web;

import cn.govcloud.guard.platform.internal.ExitDecisions;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.RuleViolation;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A5.6 (issue 17 point 14): the decision form on the exit page; a refusal comes back on the page with its reason. */
@Controller
class ExitDecisionPages {
    private final ExitDecisions decisions;
    private final PageForms forms;

    ExitDecisionPages(ExitDecisions decisions, PageForms forms) {
        this.decisions = decisions;
        this.forms = forms;
    }

    @PostMapping("/platform/exits/{id}/decision")
    @AllowSupervisor
    String decide(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        boolean accept = "true".equals(form.get("accept"));
        try {
            decisions.decide(Actor.require(), id, accept, form.get("reason"));
            redirect.addFlashAttribute("flash", forms.text(accept ? "platform.exit.decision.accepted" : "platform.exit.decision.objected"));
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("decisionError", forms.text(e.fieldErrors().getOrDefault("reason", e.getMessage())));
        } catch (RuleViolation e) {
            redirect.addFlashAttribute("decisionError", forms.refusal(e));
        }
        return "redirect:/platform/exits/" + id;
    }
}
