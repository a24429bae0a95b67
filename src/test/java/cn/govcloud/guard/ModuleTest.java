package cn.govcloud.guard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * One application module bootstrapped alone (issue 18 point 2): Spring Modulith's {@link ApplicationModuleTest}
 * limited to the module of the test's package and the modules it depends on — no demo city, no module above it. All module tests share one in-memory H2 database of their own (migrated once, by the
 * same Flyway scripts production runs), apart from the whole-application tests' database, so they create what they
 * need with unique names. Tagged {@code module}: they run in the default (H2) Surefire execution, not on PostgreSQL.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag("module")
@ApplicationModuleTest
@ActiveProfiles("test")
@TestPropertySource(properties =
        "spring.datasource.url=jdbc:h2:mem:modules;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
@Import(TestDatabase.Config.class)
@DirtiesContext // no other test class shares a module test's context: closed after its class, not kept in the cache
public @interface ModuleTest {

    /**
     * How much of the module graph starts with the module under test: by default the modules it uses and theirs (a module
     * used directly brings beans that need its own dependencies, e.g. audit needs crypto), never the modules that use it.
     */
    @AliasFor(annotation = ApplicationModuleTest.class, attribute = "mode")
    BootstrapMode mode() default BootstrapMode.ALL_DEPENDENCIES;

    /** Modules started besides those {@link #mode()} includes (e.g. the one that reacts to the module's events). */
    @AliasFor(annotation = ApplicationModuleTest.class, attribute = "extraIncludes")
    String[] extraIncludes() default {};

    /** {@code ModularityTests} verifies the whole structure once; each module test need not repeat it. */
    @AliasFor(annotation = ApplicationModuleTest.class, attribute = "verifyAutomatically")
    boolean verifyAutomatically() default false;
}
