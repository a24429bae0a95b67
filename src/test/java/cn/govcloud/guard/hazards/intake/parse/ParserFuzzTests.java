package cn.govcloud.guard.hazards.intake.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;

/**
 * Jazzer fuzz tests, one per parser: whatever the bytes, a parser either reads them or throws
 * {@link MalformedInput} — never another exception, never a half-built result.
 *
 * <p>Under Surefire (plain {@code mvn verify}) jazzer-junit runs these in <b>regression mode</b>:
 * without the environment variable {@code JAZZER_FUZZ} each method is a parameterised test over its
 * seed corpus in {@code src/test/resources/.../ParserFuzzTestsInputs/<method>/} (the realistic
 * samples, the hostile files and past crashers) plus the empty input — deterministic and a second or
 * two ({@code jazzer.hooks = false} in {@code junit-platform.properties} skips installing the
 * instrumentation agent, which otherwise costs up to a minute of start-up on a busy machine).
 * {@code maxDuration} bounds real fuzzing, which a developer or a nightly job starts one method at a
 * time (jazzer-junit fuzzes only the first selected fuzz test per run and skips the others):
 * {@code JAZZER_FUZZ=1 mvn test -Djazzer.hooks=true -Dtest=ParserFuzzTests#openVas} (then {@code #nessus},
 * {@code #eve}); a crasher lands in the inputs directory and becomes a regression seed — as
 * {@code openVas/jdk-missing-resource-in-dtd.xml} (the JDK parser's own MissingResourceException on a bad
 * character in a skipped DTD) and {@code openVas/illegal-charset-name.xml} (an encoding named ".UTF-8")
 * did. {@code ParserMutationUnitTests} adds a bounded, seeded mutation run to every build.
 */
class ParserFuzzTests {
    static final long LIMIT = 1 << 20;

    @FuzzTest(maxDuration = "20s")
    void openVas(byte[] input) {
        scan(input);
    }

    @FuzzTest(maxDuration = "20s")
    void nessus(byte[] input) {
        scan(input);
    }

    @FuzzTest(maxDuration = "20s")
    void eve(byte[] input) {
        eveLines(input);
    }

    static void scan(byte[] input) {
        try {
            ScanReports.parse(new ByteArrayInputStream(input), LIMIT, r -> {
                assertThat(r.pluginId()).isNotBlank();
                assertThat(r.host()).isNotBlank();
                assertThat(r.port()).isNotBlank();
                assertThat(r.severity()).isNotNull();
                assertThat(r.cves()).isNotNull();
            });
        } catch (MalformedInput expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    static void eveLines(byte[] input) {
        try {
            EveReader.parse(new ByteArrayInputStream(input), LIMIT, a -> {
                assertThat(a.timestamp()).isNotNull();
                assertThat(a.signature()).isNotNull();
                assertThat(a.srcIp()).isNotNull();
            });
        } catch (MalformedInput expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
