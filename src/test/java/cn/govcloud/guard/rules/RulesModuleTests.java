package cn.govcloud.guard.rules;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.ModuleTest;
import org.junit.jupiter.api.Test;

/**
 * The rule catalog on audit, calendar and crypto alone (issue 18 point 2). It publishes no event; what the duties rely
 * on is that the bundled catalog is loaded at start and answers which rules an event triggers.
 */
@ModuleTest
class RulesModuleTests {
    private final RuleCatalog catalog;

    RulesModuleTests(RuleCatalog catalog) {
        this.catalog = catalog;
    }

    @Test
    void a14_theBundledCatalogIsLoadedAndNamesTheRulesAnEventTriggers() {
        assertThat(catalog.version()).isNotNull();
        assertThat(catalog.triggeredBy("system.registered")).extracting(Rule::id).contains("A7.1-protection-declaration");
        assertThat(catalog.triggeredBy("hazard.notified")).isNotEmpty();
    }
}
