package cn.govcloud.guard.demo;

import cn.govcloud.guard.identity.IdentityBootstrap;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;

/**
 * Demo mode: seeds the demo city on the first start only — its {@link DemoStep}s in order — sets every demo account's
 * password to GOVGUARD_DEMO_PASSWORD (or to one generated once and kept in the data directory) and prints how to log in.
 */
@DemoComponent
@Order(100)
class DemoSeeder implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

    private final IdentityBootstrap bootstrap;
    private final List<DemoStep> steps;
    private final DemoPassword password;
    private final int port;

    /** {@code steps} arrive sorted by their {@link Order}. */
    DemoSeeder(IdentityBootstrap bootstrap, List<DemoStep> steps, DemoPassword password,
               @Value("${local.server.port:${server.port:8080}}") int port) {
        this.bootstrap = bootstrap;
        this.steps = steps;
        this.password = password;
        this.port = port;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean seeded = false;
        if (!bootstrap.hasUsers()) {
            steps.forEach(DemoStep::seed);
            seeded = true;
        }
        DemoCity.ALL_USERNAMES.forEach(u -> bootstrap.setDemoPassword(u, password.value()));
        String banner = """

                ==================== 政务云安全管理平台 · DEMO MODE ====================
                  %s the demo city of 包头市. Open http://localhost:%d/ and sign in as
                  sysadmin, secadmin, auditor, supervisor, regulator, provider, unit1 … unit8 (unit1staff: a unit's staff)
                  with the password:  %s
                  (set GOVGUARD_DEMO_PASSWORD to choose it; the second factor is off in demo mode)
                =========================================================================
                """.formatted(seeded ? "Seeded" : "Using", port, password.value());
        log.info(banner);
    }
}
