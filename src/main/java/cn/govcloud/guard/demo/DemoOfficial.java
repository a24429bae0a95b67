package cn.govcloud.guard.demo;

import cn.govcloud.guard.documents.OfficialPapers;
import cn.govcloud.guard.documents.OfficialPapers.Kind;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.identity.IdentityBootstrap;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.systems.Systems;

/**
 * Issue 22 point 7: the demo city's official documents, issued as 教育局 (unit1) would: the security-responsibility
 * agreement of its first system, and the rectification feedback letter of its first open hazard. The other two kinds are
 * issued where their records are made: the 授权函 of a data-access grant in {@link DemoAccess}, the 通报 of a supervision
 * notice (with its signed scan attached) in {@link DemoSupervision}.
 */
@DemoComponent
@org.springframework.core.annotation.Order(150)
class DemoOfficial implements DemoStep {
    private final OfficialPapers papers;
    private final Systems systems;
    private final Hazards hazards;
    private final IdentityBootstrap bootstrap;

    DemoOfficial(OfficialPapers papers, Systems systems, Hazards hazards, IdentityBootstrap bootstrap) {
        this.papers = papers;
        this.systems = systems;
        this.hazards = hazards;
        this.bootstrap = bootstrap;
    }

    @Override
    public void seed() {
        bootstrap.runAs("unit1", () -> {
            Actor unit = Actor.require();
            systems.ofOrganisation(unit.orgId()).stream().findFirst().ifPresent(s -> papers.issue(Kind.AGREEMENT, s.id()));
            hazards.openOf(unit, 1).stream().findFirst().ifPresent(h -> papers.issue(Kind.RECTIFICATION_FEEDBACK, h.id()));
        });
    }
}
