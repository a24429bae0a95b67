package cn.govcloud.guard.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.rules.Rule;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every requirement of REQUIREMENTS.md that is a duty has a rule, every rule quotes the Measures
 * word for word, and the module's list of requirement ids is the document's (copied into
 * src/test/resources/rules/spec from the shared spec).
 */
class RequirementCoverageUnitTests {
    private static final Pattern ID = Pattern.compile("\\bA\\d+(?:\\.\\d+)?\\b");

    /** Requirement ids that name no duty anybody must carry out by a date, and why. */
    static final Map<String, String> NOT_DUTIES = Map.of(
            // 第三条: who supervises; the organisations and roles of the identity module (cited by DESIGN.md, not REQUIREMENTS.md)
            "A3", "roles",
            // 第四条 is a principle (tenancy, OrgScope) but its clause （二） on 实网攻防 now has duties in the catalog
            // (A4-period-zero-report, A4-period-hazard-acknowledgement; issue 22 point 4), so A4 is covered, not listed here
            // 第十三条: districts MAY adopt their own rules; that is the overlay mechanism of this module itself
            "A13", "overlay mechanism",
            // 第十五条: valid five years from issue; the catalog header (validFrom, validYears), shown on every version
            "A15", "catalog validity");

    /**
     * The requirement ids the document names. An article cited as a whole ("A5, A6" in the table of
     * actors) is a group when it has clauses (A5.1 …); its clauses are the requirement ids.
     */
    static Set<String> requirementIds() {
        Set<String> all = new TreeSet<>();
        Matcher m = ID.matcher(ProductCatalogs.resource("rules/spec/REQUIREMENTS.md"));
        while (m.find()) {
            all.add(m.group());
        }
        all.removeIf(id -> !id.contains(".") && all.stream().anyMatch(other -> other.startsWith(id + ".")));
        return all;
    }

    @Test
    void everyRequirementThatIsADutyIsCoveredByAtLeastOneRule() {
        Set<String> covered = ProductCatalogs.product().entries().stream().map(e -> e.rule().article()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> duties = new TreeSet<>(requirementIds());
        duties.removeAll(NOT_DUTIES.keySet());
        assertThat(covered).isEqualTo(duties);
        assertThat(duties).contains("A5.1", "A5.6", "A6.3", "A7.4", "A8.3", "A9.3", "A10.5", "A11.4", "A12", "A14");
    }

    @Test
    void theModulesListOfRequirementIdsIsTheDocuments() {
        Set<String> expected = new TreeSet<>(requirementIds());
        // 第三条 (who supervises) has no paragraph of its own in REQUIREMENTS.md, but DESIGN.md and the identity module cite it as A3
        expected.add("A3");
        assertThat(new TreeSet<>(Requirements.load().ids())).isEqualTo(expected);
    }

    /** A rule for the platform's own upkeep (the next year's holiday notice) quotes no article and says so. */
    static final String PLATFORM_UPKEEP = "（平台运维事项，非本办法条款）";

    @Test
    void everyRuleQuotesTheMeasuresWordForWord() {
        String measures = ProductCatalogs.resource("rules/spec/measures.zh.txt");
        List<String> notQuoted = ProductCatalogs.product().entries().stream().map(CatalogEntry::rule)
                .filter(r -> !measures.contains(r.source()) && !r.source().startsWith(PLATFORM_UPKEEP)).map(Rule::id).toList();
        assertThat(notQuoted).isEmpty();
    }

    @Test
    void everyEventARuleWaitsForHasAChineseAndAnEnglishLabel() throws IOException {
        Properties zh = bundle("messages/rules.properties");
        Properties en = bundle("messages/rules_en.properties");
        Set<String> events = ProductCatalogs.product().entries().stream().map(e -> e.rule().trigger().event())
                .filter(e -> e != null).collect(Collectors.toCollection(TreeSet::new));
        assertThat(events).hasSizeGreaterThan(20).allSatisfy(event -> {
            assertThat(zh).containsKey("rules.event." + event);
            assertThat(en).containsKey("rules.event." + event);
        });
    }

    private static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(ProductCatalogs.resource(name)));
        return p;
    }
}
