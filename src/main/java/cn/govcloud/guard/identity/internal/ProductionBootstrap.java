package cn.govcloud.guard.identity.internal;

import cn.govcloud.guard.identity.IdentityBootstrap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Production seeds nothing but, on an empty database, the three separated administrators when
 * GOVGUARD_INITIAL_ADMIN_PASSWORD is given. Their password counts as expired and the second
 * factor is required, so each chooses their own password and enrols at first login.
 */
@Component
@ConditionalOnProperty(name = "govguard.demo.enabled", havingValue = "false")
@EnableConfigurationProperties(BootstrapSettings.class)
class ProductionBootstrap implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(ProductionBootstrap.class);
    private final IdentityBootstrap bootstrap;
    private final String initialPassword;
    private final String supervisorName;

    ProductionBootstrap(IdentityBootstrap bootstrap, BootstrapSettings settings) {
        this.bootstrap = bootstrap;
        this.initialPassword = settings.initialAdminPassword();
        this.supervisorName = settings.supervisorName();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (bootstrap.hasUsers()) {
            return;
        }
        if (initialPassword.isBlank()) {
            log.warn("The platform has no users. Set GOVGUARD_INITIAL_ADMIN_PASSWORD once to create sysadmin, secadmin and auditor.");
            return;
        }
        bootstrap.createSeparatedAdministrators(supervisorName, initialPassword, false);
        log.warn("Created sysadmin, secadmin and auditor in {}. Each must change the password and enrol a second factor at first login; unset GOVGUARD_INITIAL_ADMIN_PASSWORD now.", supervisorName);
    }
}
