package cn.govcloud.guard.supervision.dashboard;

import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * 态势总览 (A11.3, A12): the city's security posture at a glance for the supervisor and the regulators,
 * the same page limited to its own records for a unit, and the provider's duties and monitoring.
 */
@Controller
@AllowParties
class DashboardPage {
    private final DashboardCharts charts;

    DashboardPage(DashboardCharts charts) {
        this.charts = charts;
    }

    @GetMapping("/supervision/dashboard")
    String dashboard(Model model) {
        Actor actor = Actor.require();
        model.addAttribute("charts", charts.charts(actor, LocaleContextHolder.getLocale()));
        model.addAttribute("scope", actor.orgKind() == OrgKind.SUPERVISOR || actor.orgKind() == OrgKind.REGULATOR ? "city"
                : actor.orgKind() == OrgKind.PROVIDER ? "provider" : "unit");
        model.addAttribute("orgName", actor.orgName());
        return "supervision/dashboard";
    }
}
