package cn.govcloud.guard.demo;

import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.DutyEngine;
import cn.govcloud.guard.hazards.intake.Intake;
import cn.govcloud.guard.identity.IdentityBootstrap;
import cn.govcloud.guard.systems.Systems;
import java.time.Clock;
import cn.govcloud.guard.identity.IdentityManagement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo mode: seeds the demo city on the first start only, sets every demo account's password to
 * GOVGUARD_DEMO_PASSWORD (or to one generated once and kept in the data directory) and prints
 * how to log in.
 */
@Component
@Order(100)
@ConditionalOnProperty(name = "govguard.demo.enabled", havingValue = "true")
class DemoSeeder implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

    private final IdentityBootstrap bootstrap;
    private final IdentityManagement identity;
    private final DutyEngine engine;
    private final Duties duties;
    private final Systems systems;
    private final cn.govcloud.guard.incidents.Incidents incidents;
    private final cn.govcloud.guard.access.Channels channels;
    private final cn.govcloud.guard.identity.OrganisationDirectory organisations;
    private final cn.govcloud.guard.hazards.Hazards hazards;
    private final Intake intake;
    /** Issue 22 point 1: the demo systems' asset and exposure inventories (seeded before the demo scan). */
    private final cn.govcloud.guard.systems.inventory.AssetInventory inventory;
    private final cn.govcloud.guard.data.DataSecurity data;
    private final cn.govcloud.guard.platform.PlatformRegisters platform;
    private final cn.govcloud.guard.supervision.SupervisionScheduling supervision;
    private final DemoPapers papers;
    private final cn.govcloud.guard.ticketing.ServiceDesks desks;
    private final cn.govcloud.guard.roster.Rosters rosters;
    private final cn.govcloud.guard.documents.OfficialPapers official;
    private final Clock clock;
    private final String configuredPassword;
    private final Path dataDir;
    private final int port;

    DemoSeeder(IdentityBootstrap bootstrap, IdentityManagement identity, DutyEngine engine, Duties duties, Systems systems,
               cn.govcloud.guard.incidents.Incidents incidents, cn.govcloud.guard.identity.OrganisationDirectory organisations,
               cn.govcloud.guard.hazards.Hazards hazards, Intake intake, cn.govcloud.guard.data.DataSecurity data, cn.govcloud.guard.access.Channels channels, cn.govcloud.guard.platform.PlatformRegisters platform,
               cn.govcloud.guard.supervision.SupervisionScheduling supervision, cn.govcloud.guard.documents.Pdf pdf, Clock clock,
               cn.govcloud.guard.documents.OfficialPapers official,
               @Value("${govguard.demo.password:}") String configuredPassword,
               @Value("${govguard.data-dir}") Path dataDir, @Value("${local.server.port:${server.port:8080}}") int port,
               cn.govcloud.guard.ticketing.ServiceDesks desks, cn.govcloud.guard.roster.Rosters rosters,
               cn.govcloud.guard.systems.inventory.AssetInventory inventory) {
        this.desks = desks;
        this.rosters = rosters;
        this.inventory = inventory;
        this.bootstrap = bootstrap;
        this.identity = identity;
        this.engine = engine;
        this.duties = duties;
        this.systems = systems;
        this.incidents = incidents;
        this.channels = channels;
        this.organisations = organisations;
        this.hazards = hazards;
        this.intake = intake;
        this.data = data;
        this.platform = platform;
        this.supervision = supervision;
        this.papers = new DemoPapers(pdf);
        this.official = official;
        this.clock = clock;
        this.configuredPassword = configuredPassword;
        this.dataDir = dataDir;
        this.port = port;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        String password = password();
        boolean seeded = false;
        if (!bootstrap.hasUsers()) {
            DemoCity.build(bootstrap, identity, password);
            DemoSystems.seed(systems, papers, bootstrap, clock);
            DemoDuties.seed(engine, duties, bootstrap, clock);
            DemoIncidents.seed(incidents, organisations, papers, bootstrap, clock);
            DemoHazards.seed(hazards, systems, papers, bootstrap, clock);
            DemoInventory.seed(inventory, systems, bootstrap);
            DemoIntake.seed(intake, bootstrap, clock);
            DemoData.seed(data, systems, bootstrap, clock);
            DemoAccess.seed(channels, systems, organisations, bootstrap, clock);
            DemoPlatform.seed(platform, papers, bootstrap, clock);
            DemoSupervision.seed(supervision, organisations, systems, bootstrap, clock);
            DemoAssessment.seed(identity, organisations, systems, hazards, incidents, papers, bootstrap, clock, password);
            DemoTicketing.seed(desks, organisations, bootstrap);
            DemoRoster.seed(rosters, papers, bootstrap, clock);
            DemoOfficial.seed(official, systems, hazards, organisations, bootstrap);
            seeded = true;
        }
        DemoCity.ALL_USERNAMES.forEach(u -> bootstrap.setDemoPassword(u, password));
        String banner = """

                ==================== 政务云安全管理平台 · DEMO MODE ====================
                  %s the demo city of 包头市. Open http://localhost:%d/ and sign in as
                  sysadmin, secadmin, auditor, supervisor, regulator, provider, unit1 … unit8 (unit1staff: a unit's staff)
                  with the password:  %s
                  (set GOVGUARD_DEMO_PASSWORD to choose it; the second factor is off in demo mode)
                =========================================================================
                """.formatted(seeded ? "Seeded" : "Using", port, password);
        log.info(banner);
    }

    private String password() throws IOException {
        if (!configuredPassword.isBlank()) {
            return configuredPassword;
        }
        Path file = dataDir.resolve("demo-password.txt");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder("Demo-");
        for (int i = 0; i < 12; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        sb.append("-9");
        Files.createDirectories(dataDir);
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return sb.toString();
    }
}
