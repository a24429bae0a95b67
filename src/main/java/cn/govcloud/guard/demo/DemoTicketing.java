package cn.govcloud.guard.demo;

import cn.govcloud.guard.identity.IdentityBootstrap;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.ticketing.ServiceDesks;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Issue 21 point 5: one example service desk of 包头市教育局, left disabled — the security administrator points it at the
 * unit's real desk, sets the shared secret agreed with it, and enables it (docs/ticketing.md).
 */
@DemoComponent
@org.springframework.core.annotation.Order(130)
class DemoTicketing implements DemoStep {
    private final ServiceDesks desks;
    private final OrganisationDirectory organisations;
    private final IdentityBootstrap bootstrap;

    DemoTicketing(ServiceDesks desks, OrganisationDirectory organisations, IdentityBootstrap bootstrap) {
        this.desks = desks;
        this.organisations = organisations;
        this.bootstrap = bootstrap;
    }

    @Override
    public void seed() {
        organisations.all().stream().filter(o -> o.name().equals("包头市教育局")).findFirst().ifPresent(unit -> {
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            bootstrap.runAs("secadmin", () -> desks.create(Actor.require(), new ServiceDesks.NewDesk("教育局运维服务台（示例）", unit.id(),
                    "https://itsm.example.gov.cn/api/govguard/tickets", HexFormat.of().formatHex(secret), false)));
        });
    }
}
