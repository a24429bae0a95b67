package cn.govcloud.guard.demo;

import cn.govcloud.guard.documents.OfficialPapers;
import cn.govcloud.guard.documents.OfficialPapers.Kind;
import cn.govcloud.guard.hazards.Hazards;
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
record DemoOfficial(OfficialPapers papers, Systems systems, Hazards hazards, DemoSeeding city) implements DemoStep {

    @Override
    public void seed() {
        city.as("unit1", () -> {
            Actor unit = Actor.require();
            systems.ofOrganisation(unit.orgId()).stream().findFirst().ifPresent(s -> papers.issue(Kind.AGREEMENT, s.id()));
            hazards.openOf(unit, 1).stream().findFirst().ifPresent(h -> papers.issue(Kind.RECTIFICATION_FEEDBACK, h.id()));
        });
    }
}
