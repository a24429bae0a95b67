package cn.govcloud.guard.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 point 10 (A13–A15: a compliance matrix an inspector can trust): every rule of the catalog has a producer.
 * A trigger event no code raises is a rule that can never fire, so its row would claim something nobody checked. The
 * walk reads the product's sources: an event is produced when its name is a string literal in a class that builds a
 * {@code DutyTrigger} (directly, or through a constant of that class).
 */
class RuleProducersUnitTests {
    private static final Pattern LITERAL = Pattern.compile("\"([a-z][a-z0-9-]*(?:\\.[a-z0-9-]+)+)\"");

    @Test
    void A13_everyTriggerEventOfTheCatalogIsRaisedBySomeCode() {
        Set<String> events = ProductCatalogs.product().entries().stream().map(e -> e.rule().trigger().event())
                .filter(e -> e != null).collect(Collectors.toCollection(TreeSet::new));
        Set<String> produced = produced(Path.of("src/main/java"));
        assertThat(events).hasSizeGreaterThan(30);
        assertThat(events.stream().filter(e -> !produced.contains(e)).toList())
                .as("catalog events that no code raises (a DutyTrigger with that event name)").isEmpty();
    }

    @Test
    void A13_theFiveRulesThatNeverFiredAreRaisedByTheEventsTheyName() {
        Set<String> produced = produced(Path.of("src/main/java"));
        ProductCatalogs.product().entries().stream().map(e -> e.rule())
                .filter(r -> Set.of("A10.1-alert-notification", "A11.3-hazard-notice", "A11.3-rectification-follow-up",
                        "A6.1-network-line-registration", "A5.6-data-clearance-report").contains(r.id()))
                .forEach(r -> assertThat(produced).as(r.id()).contains(r.trigger().event()));
    }

    static Set<String> produced(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            Set<String> found = new TreeSet<>();
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                String source = read(p);
                if (!source.contains("new DutyTrigger(") && !source.contains("new cn.govcloud.guard.duties.DutyTrigger(")) {
                    return;
                }
                Matcher m = LITERAL.matcher(source);
                while (m.find()) {
                    found.add(m.group(1));
                }
            });
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
