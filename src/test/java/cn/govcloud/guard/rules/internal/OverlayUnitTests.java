package cn.govcloud.guard.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.govcloud.guard.rules.Rule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** District overlays (A13): values change, each change is marked, and a bad overlay is refused whole with its lines. */
class OverlayUnitTests {
    private final ProductCatalog product = ProductCatalogs.product();
    private final OverlayParser parser = new OverlayParser(product);

    static final String KUNDULUN = """
            overlay: {name: 昆都仑区, version: 2026-1, basedOn: 2025.12.16-r1}
            rules:
              A10.2-rectify: {due: {workingDays: 3}, remind: [P1D]}
              A5.4-daily-inspection:
                escalate: {after: PT2H, to: [supervisor, regulator]}
                evidence:
                  documents: {inspectionRecord: {required: true}}
              A7.2-mlps-assessment-level2: {when: ["mlpsLevel == 2", "yearsSinceMlpsAssessment >= 1"]}
            """;

    @Test
    void anOverlayChangesValuesAndMarksEachChangedProperty() {
        Overlay overlay = parser.parse("overlay.yaml", KUNDULUN, true);
        assertThat(overlay.label()).isEqualTo("昆都仑区@2026-1");
        Map<String, Rule> rules = byId(overlay.apply(rules()));

        Rule rectify = rules.get("A10.2-rectify");
        assertThat(rectify.due()).isEqualTo(new Rule.DueRule(Rule.DueRule.Kind.WORKING_DAYS, 3));
        assertThat(rectify.reminders()).containsExactly(Duration.ofDays(1));
        assertThat(rectify.overridden()).containsExactlyInAnyOrder("due.amount", "reminders");
        // everything else stays as the product states it
        Rule base = product.entry("A10.2-rectify").orElseThrow().rule();
        assertThat(rectify.party()).isEqualTo(base.party());
        assertThat(rectify.trigger()).isEqualTo(base.trigger());
        assertThat(rectify.escalation()).isEqualTo(base.escalation());

        Rule inspection = rules.get("A5.4-daily-inspection");
        assertThat(inspection.escalation().after()).isEqualTo(Duration.ofHours(2));
        assertThat(inspection.escalation().parties()).containsExactlyInAnyOrder(Rule.Party.SUPERVISOR, Rule.Party.REGULATOR);
        assertThat(inspection.evidence().documents()).filteredOn(d -> d.name().equals("inspectionRecord"))
                .singleElement().extracting(Rule.DocumentSlot::required).isEqualTo(true);
        assertThat(inspection.overridden()).containsExactlyInAnyOrder("escalation.after", "escalation.parties",
                "evidence.documents.inspectionRecord.required");

        assertThat(rules.get("A7.2-mlps-assessment-level2").overridden()).containsExactly("conditions");
        assertThat(rules.get("A7.2-mlps-assessment-level2").appliesTo(Map.of("mlpsLevel", 2, "yearsSinceMlpsAssessment", 1))).isTrue();
        assertThat(rules.get("A5.4-monthly-security-report").overridden()).isEmpty();
        assertThat(overlay.apply(rules())).extracting(Rule::id).isEqualTo(rules().stream().map(Rule::id).toList());
    }

    @Test
    void aValueEqualToTheProductsIsNotMarkedAsChanged() {
        Overlay same = parser.parse("overlay.yaml", """
                overlay: {name: 东河区, version: "1", basedOn: 2025.12.16-r1}
                rules:
                  A10.2-rectify: {due: {workingDays: 5}, remind: [P1D]}
                """, true);
        assertThat(byId(same.apply(rules())).get("A10.2-rectify").overridden()).containsExactly("reminders");
    }

    @Test
    void changingTheKindOfDueMarksBoth() {
        Overlay overlay = parser.parse("overlay.yaml", """
                overlay: {name: 青山区, version: "1", basedOn: 2025.12.16-r1}
                rules:
                  A11.1-responsibility-agreement: {due: {calendarDays: 7}}
                """, true);
        // (not a rectification rule: those keep working days within A10.2's five, issue 17 point 4)
        assertThat(byId(overlay.apply(rules())).get("A11.1-responsibility-agreement").overridden()).containsExactlyInAnyOrder("due.kind", "due.amount");
    }

    @Test
    void overridingWhoMustActOrWhenADutyArisesIsRefusedWithItsLine() {
        assertRefused("""
                overlay: {name: 昆都仑区, version: 2026-2, basedOn: 2025.12.16-r1}
                rules:
                  A10.2-rectify:
                    due: {workingDays: 3}
                    party: provider
                """, "overlay.yaml:5: rules[A10.2-rectify].party: may not be overridden");
        assertRefused("""
                overlay: {name: 昆都仑区, version: 2026-2, basedOn: 2025.12.16-r1}
                rules:
                  A10.2-rectify: {trigger: {every: day}}
                """, "overlay.yaml:3: rules[A10.2-rectify].trigger: may not be overridden");
        assertRefused("""
                overlay: {name: 昆都仑区, version: 2026-2, basedOn: 2025.12.16-r1}
                rules:
                  A10.2-rectify: {evidence: {fields: {measures: {label: 别的名称}}}}
                """, "overlay.yaml:3: rules[A10.2-rectify].evidence.fields.measures.label: may not be overridden: only required can change");
    }

    @Test
    void anUnknownRuleOrEvidenceNameIsRefused() {
        assertRefused("""
                overlay: {name: 昆都仑区, version: 2026-2, basedOn: 2025.12.16-r1}
                rules:
                  A10.2-rectify: {due: {workingDays: 3}}
                  A10.2-rectfy: {due: {workingDays: 3}}
                """, "overlay.yaml:4: rules[A10.2-rectfy]: no rule 'A10.2-rectfy' in catalog 2025.12.16-r1");
        assertRefused("""
                overlay: {name: 昆都仑区, version: 2026-2, basedOn: 2025.12.16-r1}
                rules:
                  A10.2-rectify: {evidence: {documents: {photo: {required: true}}}}
                """, "overlay.yaml:3: rules[A10.2-rectify].evidence.documents.photo: the rule has no evidence document 'photo'");
    }

    @Test
    void aBadOverlayIsRefusedWholeWithEveryErrorAndItsLine() {
        String bad = """
                overlay: {name: 昆都仑区, version: 2026-3, basedOn: 2025.12.16-r1}
                rules:
                  A10.2-rectify: {due: {workingDays: 3}}
                  A5.4-daily-inspection: {remind: [four hours]}
                  A12-annual-assessment: {party: regulator}
                  A5.3-daily-backup-record: {when: ["level is high"]}
                """;
        assertThatThrownBy(() -> parser.parse("overlay.yaml", bad, true))
                .isInstanceOf(CatalogInvalid.class)
                .hasMessageStartingWith("The overlay overlay.yaml has 3 errors:")
                .satisfies(e -> assertThat(((CatalogInvalid) e).problems()).extracting(CatalogProblem::line).containsExactly(4, 5, 6))
                .hasMessageContaining("overlay.yaml:4: rules[A5.4-daily-inspection].remind[0]: must be an ISO-8601 duration");
    }

    /** Issue 17 point 4: a district shortens the time for critical hazards; the Measures' five working days are the ceiling. */
    @Test
    void A10_2_aDistrictShortensCriticalHazardsToOneWorkingDay_butNoRectificationBeyondFive() {
        Overlay shorter = parser.parse("overlay.yaml", """
                overlay: {name: 青山区, version: 2026-4, basedOn: 2025.12.16-r1}
                rules:
                  A10.2-rectify-critical: {due: {workingDays: 1}}
                """, true);
        Map<String, Rule> rules = byId(shorter.apply(rules()));
        assertThat(rules.get("A10.2-rectify-critical").due()).isEqualTo(new Rule.DueRule(Rule.DueRule.Kind.WORKING_DAYS, 1));
        assertThat(rules.get("A10.2-rectify-critical").appliesTo(Map.of("severity", "CRITICAL"))).isTrue();
        assertThat(rules.get("A10.2-rectify").appliesTo(Map.of("severity", "CRITICAL"))).isFalse();
        assertThat(rules.get("A10.2-rectify").appliesTo(Map.of("severity", "HIGH"))).isTrue();
        for (String due : new String[] {"{workingDays: 7}", "{calendarDays: 3}"}) {
            assertThatThrownBy(() -> parser.parse("overlay.yaml", """
                    overlay: {name: 青山区, version: 2026-5, basedOn: 2025.12.16-r1}
                    rules:
                      A10.2-rectify: {due: %s}
                    """.formatted(due), true))
                    .isInstanceOf(CatalogInvalid.class).hasMessageContaining("ceiling");
        }
    }

    @Test
    void theHeaderIsCheckedAndMustFitTheProductVersion() {
        assertRefused("""
                overlay: {name: 昆都仑区, version: 2026-1, basedOn: 2024.01.01-r9}
                rules:
                  A10.2-rectify: {due: {workingDays: 3}}
                """, "overlay.yaml:1: overlay.basedOn: was written for catalog 2024.01.01-r9 but the product catalog is 2025.12.16-r1");
        assertRefused("""
                overlay: {name: 昆都仑区, version: 2026/1, basedOn: 2025.12.16-r1}
                rules:
                  A10.2-rectify: {due: {workingDays: 3}}
                """, "overlay.yaml:1: overlay.version: must be letters, digits");
        assertRefused("""
                overlay: {name: 昆都仑区, version: 2026-1, basedOn: 2025.12.16-r1}
                rules: {}
                """, "overlay.yaml:2: rules: an overlay must change at least one rule");
        assertRefused("rules: {A10.2-rectify: {due: {workingDays: 3}}}", "overlay.yaml:1: overlay: is required");
    }

    @Test
    void aStoredOverlayForAnOlderProductVersionStillAppliesWithAWarning() {
        Overlay overlay = parser.parse("stored", """
                overlay: {name: 昆都仑区, version: 2026-1, basedOn: 2024.01.01-r9}
                rules:
                  A10.2-rectify: {due: {workingDays: 3}}
                """, false);
        assertThat(overlay.warnings()).singleElement().asString().contains("2024.01.01-r9");
        assertThat(byId(overlay.apply(rules())).get("A10.2-rectify").due().amount()).isEqualTo(3);
    }

    private void assertRefused(String yaml, String expected) {
        assertThatThrownBy(() -> parser.parse("overlay.yaml", yaml, true))
                .isInstanceOf(CatalogInvalid.class)
                .satisfies(e -> assertThat(((CatalogInvalid) e).problems()).extracting(Object::toString)
                        .anySatisfy(p -> assertThat(p).startsWith(expected)));
    }

    private List<Rule> rules() {
        return product.entries().stream().map(CatalogEntry::rule).toList();
    }

    private static Map<String, Rule> byId(List<Rule> rules) {
        return rules.stream().collect(Collectors.toMap(Rule::id, Function.identity()));
    }
}
