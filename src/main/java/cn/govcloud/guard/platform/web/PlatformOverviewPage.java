package cn.govcloud.guard.platform.web;

import cn.govcloud.guard.platform.internal.BusinessContinuity;
import cn.govcloud.guard.platform.internal.Hardware;
import cn.govcloud.guard.platform.internal.Interfaces;
import cn.govcloud.guard.platform.internal.NetworkLines;
import cn.govcloud.guard.platform.internal.ProviderExit;
import cn.govcloud.guard.platform.internal.SupplyChainQueries;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowOversightAndProvider;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The supervisor's overview of the provider's registers (A5, A6): findings first, then each register's state. */
@Controller
@AllowOversightAndProvider
class PlatformOverviewPage {
    private final SupplyChainQueries supplyChain;
    private final Hardware hardware;
    private final NetworkLines lines;
    private final Interfaces interfaces;
    private final BusinessContinuity continuity;
    private final ProviderExit exits;

    PlatformOverviewPage(SupplyChainQueries supplyChain, Hardware hardware, NetworkLines lines, Interfaces interfaces,
                         BusinessContinuity continuity, ProviderExit exits) {
        this.supplyChain = supplyChain;
        this.hardware = hardware;
        this.lines = lines;
        this.interfaces = interfaces;
        this.continuity = continuity;
        this.exits = exits;
    }

    @GetMapping("/platform/overview")
    String overview(Model model) {
        Actor actor = Actor.require();
        model.addAttribute("supply", supplyChain.summary(actor));
        model.addAttribute("findings", supplyChain.findings(actor, 10));
        model.addAttribute("shares", hardware.shares(actor));
        model.addAttribute("lines", lines.lines(actor));
        model.addAttribute("interfaces", interfaces.interfaces(actor));
        List<BusinessContinuity.Continuity> bc = continuity.continuity(actor);
        model.addAttribute("plan", bc.stream().filter(c -> c.kind().equals("PLAN")).findFirst().orElse(null));
        model.addAttribute("drTest", bc.stream().filter(c -> c.kind().equals("DR_TEST")).findFirst().orElse(null));
        model.addAttribute("exits", exits.list(actor));
        return "platform/overview";
    }
}
