package cn.govcloud.guard.demo;

import cn.govcloud.guard.documents.OfficialPapers;
import cn.govcloud.guard.documents.OfficialPapers.Kind;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.identity.IdentityBootstrap;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.systems.Systems;

/**
 * Issue 22 point 7: the demo city's official documents, issued as 教育局 (unit1) would: the security-responsibility
 * agreement of its first system, and the rectification feedback letter of its first open hazard.
 */
final class DemoOfficial {
    private DemoOfficial() {
    }

    static void seed(OfficialPapers papers, Systems systems, Hazards hazards, OrganisationDirectory organisations, IdentityBootstrap bootstrap) {
        bootstrap.runAs("unit1", () -> {
            Actor unit = Actor.require();
            systems.ofOrganisation(unit.orgId()).stream().findFirst().ifPresent(s -> papers.issue(Kind.AGREEMENT, s.id()));
            hazards.openOf(unit, 1).stream().findFirst().ifPresent(h -> papers.issue(Kind.RECTIFICATION_FEEDBACK, h.id()));
        });
    }
}
