package cn.govcloud.guard.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.govcloud.guard.calendar.Cadence;
import cn.govcloud.guard.rules.Rule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog loader (A13–A15): a good catalog loads; each kind of mistake is reported with file, line and path, all at once. */
class CatalogParserUnitTests {
    private final CatalogParser parser = new CatalogParser(Requirements.load());

    /** A valid one-rule catalog; the tests below break one line of it at a time. */
    static final String GOOD = """
            catalog:
              id: 包府办发〔2025〕77号
              title: 包头市政务云安全管理办法
              version: 2025.12.16-r1
              validFrom: 2025-12-16
              validYears: 5
            rules:
              - id: A10.2-rectify
                article: A10.2
                title: 整改
                titleEn: Rectify
                source: "于5个工作日内完成漏洞修复"
                party: unit
                appliesTo: system
                when: ["mlpsLevel >= 2"]
                trigger: {event: hazard.notified}
                due: {workingDays: 5}
                evidence:
                  fields:
                    - {name: measures, type: textarea, required: true, label: 措施, labelEn: Measures}
                    - {name: result, type: choice, options: [好, 坏], label: 结果, labelEn: Result}
                  documents:
                    - {name: letter, required: true, label: 反馈, labelEn: Letter}
                remind: [P2D, PT4H]
                escalate: {after: PT0S, to: [supervisor]}
                note: why
            """;

    @Test
    void aValidCatalogLoadsWithItsVersionValidForFiveYears_A15() {
        ProductCatalog catalog = parser.parse("catalog.yaml", GOOD);
        assertThat(catalog.version().version()).isEqualTo("2025.12.16-r1");
        assertThat(catalog.version().validFrom()).hasToString("2025-12-16");
        assertThat(catalog.version().validUntil()).hasToString("2030-12-15");
        Rule rule = catalog.entries().get(0).rule();
        assertThat(rule.party()).isEqualTo(Rule.Party.UNIT);
        assertThat(rule.appliesTo()).isEqualTo(Rule.SubjectKind.SYSTEM);
        assertThat(rule.trigger()).isEqualTo(Rule.Trigger.on("hazard.notified"));
        assertThat(rule.due()).isEqualTo(new Rule.DueRule(Rule.DueRule.Kind.WORKING_DAYS, 5));
        assertThat(rule.reminders()).containsExactly(Duration.ofDays(2), Duration.ofHours(4));
        assertThat(rule.escalation().parties()).containsExactly(Rule.Party.SUPERVISOR);
        assertThat(rule.conditions()).extracting(Object::toString).containsExactly("mlpsLevel >= 2");
        assertThat(rule.evidence().fields()).extracting(Rule.Field::name).containsExactly("measures", "result");
        assertThat(rule.evidence().fields().get(1).options()).containsExactly("好", "坏");
        assertThat(rule.evidence().fields().get(1).required()).isFalse();
        assertThat(rule.evidence().documents().get(0).required()).isTrue();
        assertThat(catalog.entries().get(0).note()).isEqualTo("why");
        assertThat(catalog.entries().get(0).line()).isEqualTo(8);
    }

    @Test
    void theProductCatalogLoads() {
        ProductCatalog product = ProductCatalogs.product();
        assertThat(product.entries()).hasSizeGreaterThan(50);
        assertThat(product.version().id()).isEqualTo("包府办发〔2025〕77号");
    }

    @Test
    void aDueAmountThatIsNotAPositiveIntegerNamesLineAndField() {
        assertProblems(GOOD.replace("due: {workingDays: 5}", "due: {workingDays: -5}"),
                "catalog.yaml:17: rules[0].due.workingDays: must be a positive integer");
        assertProblems(GOOD.replace("due: {workingDays: 5}", "due: {workingDays: five}"),
                "catalog.yaml:17: rules[0].due.workingDays: must be a positive integer");
        assertProblems(GOOD.replace("due: {workingDays: 5}", "due: {dayOfNextMonth: 32}"),
                "catalog.yaml:17: rules[0].due.dayOfNextMonth: must be at most 31");
    }

    @Test
    void exactlyOneDueKindAndOneTriggerKind() {
        assertProblems(GOOD.replace("due: {workingDays: 5}", "due: {workingDays: 5, minutes: 30}"),
                "catalog.yaml:17: rules[0].due: give only one of endOfPeriod, workingDays, calendarDays, minutes, dayOfNextMonth (found workingDays, minutes)");
        assertProblems(GOOD.replace("due: {workingDays: 5}", "due: {}"),
                "catalog.yaml:17: rules[0].due: needs one of endOfPeriod, workingDays, calendarDays, minutes, dayOfNextMonth");
        assertProblems(GOOD.replace("trigger: {event: hazard.notified}", "trigger: {event: hazard.notified, every: day}"),
                "catalog.yaml:16: rules[0].trigger: give either every or event, not both");
        assertProblems(GOOD.replace("trigger: {event: hazard.notified}", "trigger: {every: fortnight}"),
                "catalog.yaml:16: rules[0].trigger.every: 'fortnight' is not one of day, week, month, quarter, half-year, year");
        assertProblems(GOOD.replace("trigger: {event: hazard.notified}", "trigger: {event: Hazard Notified}"),
                "catalog.yaml:16: rules[0].trigger.event: 'Hazard Notified' is not an event name like hazard.notified (lower case, dotted)");
    }

    @Test
    void everyCadenceIsKnown() {
        for (var cadence : List.of("day", "week", "month", "quarter", "half-year", "year")) {
            ProductCatalog c = parser.parse("catalog.yaml", GOOD.replace("trigger: {event: hazard.notified}", "trigger: {every: " + cadence + "}"));
            assertThat(c.entries().get(0).rule().trigger().cadence()).isEqualTo(RuleParts.CADENCES.get(cadence));
        }
        assertThat(RuleParts.CADENCES.values()).containsExactlyInAnyOrder(Cadence.values());
    }

    @Test
    void unknownEnumsAreNamed() {
        assertProblems(GOOD.replace("party: unit", "party: carrier"),
                "catalog.yaml:13: rules[0].party: 'carrier' is not one of provider, unit, supervisor, regulator");
        assertProblems(GOOD.replace("appliesTo: system", "appliesTo: building"),
                "catalog.yaml:14: rules[0].appliesTo: 'building' is not one of platform, unit, system");
        assertProblems(GOOD.replace("type: textarea", "type: richtext"),
                "catalog.yaml:20: rules[0].evidence.fields[0].type: 'richtext' is not one of text, textarea, boolean, date, number, choice, person");
        assertProblems(GOOD.replace("to: [supervisor]", "to: [supervisor, mayor]"),
                "catalog.yaml:25: rules[0].escalate.to[1]: 'mayor' is not one of provider, unit, supervisor, regulator");
    }

    @Test
    void missingAndUnknownKeys() {
        assertProblems(GOOD.replace("    titleEn: Rectify\n", ""), "catalog.yaml:8: rules[0].titleEn: is required");
        assertProblems(GOOD.replace("    note: why", "    remnd: [P1D]"),
                "catalog.yaml:26: rules[0].remnd: unknown key; expected one of id, article, title, titleEn, source, party, appliesTo, trigger, due, escalate, when, evidence, remind, note");
        assertProblems(GOOD.replace("    party: unit\n", "    party: unit\n    party: provider\n"),
                "catalog.yaml:14: rules[0].party: duplicate key (first at line 13)");
    }

    @Test
    void idsAreUniqueStartWithTheirArticleAndTheArticleExists() {
        String twice = GOOD + GOOD.substring(GOOD.indexOf("  - id:"));
        assertProblems(twice, "catalog.yaml:27: rules[1].id: duplicate rule id 'A10.2-rectify' (first at line 8)");
        assertProblems(GOOD.replace("id: A10.2-rectify", "id: A10.3-rectify"),
                "catalog.yaml:8: rules[0].id: 'A10.3-rectify' must start with its article A10.2 followed by '-'");
        assertProblems(GOOD.replace("article: A10.2", "article: A10.9").replace("id: A10.2-rectify", "id: A10.9-rectify"),
                "catalog.yaml:9: rules[0].article: 'A10.9' is not a requirement id of REQUIREMENTS.md (e.g. A5.4, A10.2, A12)");
        assertProblems(GOOD.replace("id: A10.2-rectify", "id: rectify"),
                "catalog.yaml:8: rules[0].id: 'rectify' is not a rule id like A10.2-rectify (requirement id, then lower-case words joined by -)");
    }

    @Test
    void durationsAreIso8601() {
        assertProblems(GOOD.replace("remind: [P2D, PT4H]", "remind: [P2D, 4 hours]"),
                "catalog.yaml:24: rules[0].remind[1]: must be an ISO-8601 duration such as PT30M, PT4H or P3D (was '4 hours')");
        assertProblems(GOOD.replace("remind: [P2D, PT4H]", "remind: [P1M]"),
                "catalog.yaml:24: rules[0].remind[0]: must be an ISO-8601 duration such as PT30M, PT4H or P3D (was 'P1M')");
        assertProblems(GOOD.replace("remind: [P2D, PT4H]", "remind: [PT0S]"), "catalog.yaml:24: rules[0].remind[0]: must be longer than zero");
        assertProblems(GOOD.replace("after: PT0S", "after: -PT1H"), "catalog.yaml:25: rules[0].escalate.after: must not be negative");
    }

    @Test
    void evidenceFieldsAreUniqueAndChoicesHaveOptions() {
        assertProblems(GOOD.replace("name: result", "name: measures"),
                "catalog.yaml:21: rules[0].evidence.fields[1].name: the name 'measures' is used twice in this rule's evidence");
        assertProblems(GOOD.replace("name: letter", "name: measures"),
                "catalog.yaml:23: rules[0].evidence.documents[0].name: the name 'measures' is used twice in this rule's evidence");
        assertProblems(GOOD.replace("options: [好, 坏], ", ""), "catalog.yaml:21: rules[0].evidence.fields[1].options: a choice field needs options");
        assertProblems(GOOD.replace("options: [好, 坏]", "options: []"),
                "catalog.yaml:21: rules[0].evidence.fields[1].options: a choice field needs at least one option");
        assertProblems(GOOD.replace("type: textarea, required: true,", "type: textarea, options: [a], required: true,"),
                "catalog.yaml:20: rules[0].evidence.fields[0].options: only choice fields have options");
        assertProblems(GOOD.replace("required: true, label: 措施", "required: yes please, label: 措施"),
                "catalog.yaml:20: rules[0].evidence.fields[0].required: must be true or false");
    }

    @Test
    void conditionsHaveTheOneSyntax() {
        assertProblems(GOOD.replace("when: [\"mlpsLevel >= 2\"]", "when: [\"mlpsLevel is high\"]"),
                "catalog.yaml:15: rules[0].when[0]: 'mlpsLevel is high' is not a condition; write <attribute> <op> <value> with op one of == != < <= > >=, e.g. mlpsLevel >= 3");
    }

    @Test
    void yamlSyntaxErrorsNameTheirLine() {
        assertProblems(GOOD.replace("    party: unit", "    party: [unit"),
                "catalog.yaml:14: (syntax): not valid YAML: expected ',' or ']', but got : (while parsing a flow sequence started at line 13)");
        assertProblems("", "catalog.yaml:1: (document): is empty");
    }

    @Test
    void theHeaderIsChecked() {
        assertProblems(GOOD.replace("validFrom: 2025-12-16", "validFrom: 16.12.2025"), "catalog.yaml:5: catalog.validFrom: must be a date like 2025-12-16");
        assertProblems(GOOD.replace("version: 2025.12.16-r1", "version: r1+x"),
                "catalog.yaml:4: catalog.version: must be letters, digits, '.', '-' or '_' (at most 50), e.g. 2025.12.16-r1");
    }

    @Test
    void severalErrorsAreReportedAtOnceInDocumentOrder() {
        String bad = GOOD.replace("party: unit", "party: carrier").replace("due: {workingDays: 5}", "due: {workingDays: 0}")
                .replace("remind: [P2D, PT4H]", "remind: [soon]");
        assertThatThrownBy(() -> parser.parse("catalog.yaml", bad))
                .isInstanceOf(CatalogInvalid.class)
                .hasMessageStartingWith("The rule catalog catalog.yaml has 3 errors:")
                .satisfies(e -> assertThat(((CatalogInvalid) e).problems()).extracting(CatalogProblem::line).containsExactly(13, 17, 24))
                .hasMessageContaining("catalog.yaml:13: rules[0].party:")
                .hasMessageContaining("catalog.yaml:17: rules[0].due.workingDays: must be a positive integer")
                .hasMessageContaining("catalog.yaml:24: rules[0].remind[0]:");
    }

    @Test
    void aliasBombsAndHugeDocumentsAreRefused() {
        StringBuilder bomb = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            bomb.append(c).append(": &").append(c).append(" [").append("*").append((char) (c - 1)).append(",*")
                    .append((char) (c - 1)).append("]\n");
        }
        assertThatThrownBy(() -> parser.parse("catalog.yaml", bomb.toString())).isInstanceOf(CatalogInvalid.class);
        assertThatThrownBy(() -> parser.parse("catalog.yaml", "x".repeat(YamlTree.MAX_CHARACTERS + 1)))
                .hasMessageContaining("(document): is larger than");
    }

    private void assertProblems(String yaml, String expected) {
        assertThatThrownBy(() -> parser.parse("catalog.yaml", yaml))
                .isInstanceOf(CatalogInvalid.class)
                .satisfies(e -> assertThat(((CatalogInvalid) e).problems()).extracting(Object::toString)
                        .anySatisfy(p -> assertThat(p).startsWith(expected)));
    }
}
