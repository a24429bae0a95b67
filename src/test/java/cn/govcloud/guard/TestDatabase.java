package cn.govcloud.guard;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.test.context.ActiveProfilesResolver;

/**
 * Chooses the database of the application tests: H2 by default, PostgreSQL when the system
 * property {@code govguard.test.db=postgres} is set (the Surefire {@code postgres} execution).
 * An unreachable PostgreSQL skips that suite with a loud message, except with
 * {@code GOVGUARD_REQUIRE_PG=1} (CI), where it fails.
 */
public class TestDatabase implements ActiveProfilesResolver, ExecutionCondition {

    public static boolean postgres() {
        return "postgres".equals(System.getProperty("govguard.test.db"));
    }

    public static String pgUrl() {
        return env("GOVGUARD_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    public static String pgUser() {
        return env("GOVGUARD_TEST_PG_USER", "postgres");
    }

    public static String pgPassword() {
        return env("GOVGUARD_TEST_PG_PASSWORD", "");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public String[] resolve(Class<?> testClass) {
        return postgres() ? new String[] {"test", "postgres"} : new String[] {"test"};
    }

    private static Boolean reachable;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!postgres()) {
            return ConditionEvaluationResult.enabled("H2");
        }
        if (reachable == null) {
            reachable = probe();
        }
        if (reachable) {
            return ConditionEvaluationResult.enabled("PostgreSQL reachable at " + pgUrl());
        }
        String message = "PostgreSQL is not reachable at " + pgUrl() + " as " + pgUser();
        if ("1".equals(System.getenv("GOVGUARD_REQUIRE_PG"))) {
            throw new IllegalStateException(message + " and GOVGUARD_REQUIRE_PG=1: the PostgreSQL suite is mandatory here.");
        }
        System.err.println("\n!!!!!!!!!! SKIPPING THE POSTGRESQL SUITE: " + message + " !!!!!!!!!!\n");
        return ConditionEvaluationResult.disabled("SKIPPED: " + message);
    }

    private static boolean probe() {
        try (Connection c = DriverManager.getConnection(pgUrl(), pgUser(), pgPassword())) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    /** On PostgreSQL every run starts from an empty schema: clean, then the same migrations production runs. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        /**
         * One movable clock for every application test (tests that move it reset it afterwards), running from a
         * fixed instant so no test depends on the day it runs; a test context that starts the application on
         * another date names it in {@code govguard.test.clock-start}.
         */
        @Bean
        @org.springframework.context.annotation.Primary
        MutableClock testClock(@org.springframework.beans.factory.annotation.Value("${govguard.test.clock-start:}") String start) {
            return start.isBlank() ? new MutableClock() : new MutableClock(java.time.Instant.parse(start));
        }

        @Bean
        @Profile("postgres")
        FlywayMigrationStrategy cleanThenMigrate() {
            return (Flyway flyway) -> {
                flyway.clean();
                flyway.migrate();
            };
        }
    }
}
