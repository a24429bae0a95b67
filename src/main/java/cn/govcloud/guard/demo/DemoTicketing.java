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
final class DemoTicketing {
    private DemoTicketing() {
    }

    static void seed(ServiceDesks desks, OrganisationDirectory organisations, IdentityBootstrap bootstrap) {
        organisations.all().stream().filter(o -> o.name().equals("包头市教育局")).findFirst().ifPresent(unit -> {
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            bootstrap.runAs("secadmin", () -> desks.create(Actor.require(), new ServiceDesks.NewDesk("教育局运维服务台（示例）", unit.id(),
                    "https://itsm.example.gov.cn/api/govguard/tickets", HexFormat.of().formatHex(secret), false)));
        });
    }
}
