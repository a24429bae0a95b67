package cn.govcloud.guard.rules.internal;

import java.time.Duration;
import org.springframework.core.env.Environment;

/**
 * {@code govguard.rules.*}: where the product catalog is (a test may point elsewhere), the optional
 * district overlay file ({@code GOVGUARD_RULES_OVERLAY}), and how often a node looks for an overlay
 * another node activated.
 *
 * @param overlay a file path or {@code classpath:} location, or null
 */
record RulesSettings(String catalog, String overlay, Duration refresh) {
    static final String DEFAULT_CATALOG = "classpath:rules/catalog.yaml";

    static RulesSettings from(Environment env) {
        String overlay = env.getProperty("govguard.rules.overlay", "");
        return new RulesSettings(env.getProperty("govguard.rules.catalog", DEFAULT_CATALOG),
                overlay.isBlank() ? null : overlay.strip(),
                env.getProperty("govguard.rules.refresh", Duration.class, Duration.ofSeconds(5)));
    }
}
