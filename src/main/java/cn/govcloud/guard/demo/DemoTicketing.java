package cn.govcloud.guard.demo;

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
record DemoTicketing(ServiceDesks desks, DemoSeeding city) implements DemoStep {

    @Override
    public void seed() {
        city.organisation("包头市教育局").ifPresent(unit -> {
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            city.as("secadmin", () -> desks.create(Actor.require(), new ServiceDesks.NewDesk("教育局运维服务台（示例）", unit,
                    "https://itsm.example.gov.cn/api/govguard/tickets", HexFormat.of().formatHex(secret), false)));
        });
    }
}
