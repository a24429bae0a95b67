package cn.govcloud.guard;

import java.util.Arrays;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Refuses to start the {@code prod} profile without a PostgreSQL URL or a master key, or with
 * the demo password set: a production platform must never run on demo secrets or on the
 * embedded database. The message is one sentence naming what is missing.
 */
public class ProductionGuard implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment());
    }

    static void check(Environment env) {
        if (!Arrays.asList(env.getActiveProfiles()).contains("prod")) {
            return;
        }
        String url = env.getProperty("spring.datasource.url", "");
        if (url.isBlank()) {
            throw new MisconfiguredProduction("The prod profile needs GOVGUARD_DB_URL (a jdbc:postgresql:// URL) and it is not set.");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new MisconfiguredProduction("The prod profile runs on PostgreSQL only, but GOVGUARD_DB_URL is " + url.replaceAll("password=[^&;]*", "password=***") + ".");
        }
        if (env.getProperty("govguard.crypto.master-key", "").isBlank()) {
            throw new MisconfiguredProduction("The prod profile needs GOVGUARD_MASTER_KEY (32 hex digits, an SM4 key) and it is not set.");
        }
        if (!env.getProperty("govguard.demo.password", "").isBlank()) {
            throw new MisconfiguredProduction("The prod profile refuses to start while GOVGUARD_DEMO_PASSWORD is set; unset it.");
        }
        if (!env.getProperty("govguard.demo.clock-start", "").isBlank()) {
            throw new MisconfiguredProduction("The prod profile refuses to start while GOVGUARD_DEMO_CLOCK_START is set: production runs on the real time.");
        }
    }

    /** Reported by {@link MisconfiguredProductionAnalyzer} as one sentence, without a stack trace. */
    static class MisconfiguredProduction extends RuntimeException {
        MisconfiguredProduction(String message) {
            super(message);
        }
    }
}
