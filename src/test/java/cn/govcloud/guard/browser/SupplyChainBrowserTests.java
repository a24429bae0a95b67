package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.govcloud.guard.AppTest;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A5.5 in the browser: the provider imports a CycloneDX SBOM, assesses one of its components, and
 * the supervisor's overview of the platform shows the import and the assessment.
 */
@AppTest
class SupplyChainBrowserTests extends BrowserSession {

    /** Clicks a submit button and waits for the page it leads to (a POST answered by a redirect). */
    @SuppressWarnings("deprecation")
    private static void submit(Page page, String selector) {
        page.waitForNavigation(new Page.WaitForNavigationOptions().setTimeout(60_000), () -> page.click(selector));
    }

    @Test
    void theProviderImportsAnSbomAndAssessesAComponent_theSupervisorSeesIt_A5_5() {
        String ns = "browser" + UUID.randomUUID().toString().substring(0, 8);
        String filename = "sbom-" + ns + ".json";
        String sbom = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"metadata\":{\"component\":{\"type\":\"application\",\"name\":\"" + ns
                + "\"}},\"components\":[{\"type\":\"library\",\"name\":\"" + ns + "-kafka\",\"version\":\"3.7.0\",\"purl\":\"pkg:maven/org." + ns
                + "/kafka@3.7.0\",\"licenses\":[{\"license\":{\"id\":\"Apache-2.0\"}}]},{\"type\":\"library\",\"name\":\"" + ns
                + "-redis\",\"version\":\"7.2\",\"purl\":\"pkg:generic/" + ns + "-redis@7.2\"}]}";
        try (BrowserContext providerContext = newContext(); BrowserContext supervisorContext = newContext()) {
            Page provider = signIn(providerContext, "provider");
            provider.navigate("http://127.0.0.1:" + port + "/platform/supply-chain");
            provider.setInputFiles("#sbom-file", new FilePayload(filename, "application/json", sbom.getBytes(StandardCharsets.UTF_8)));
            submit(provider, "#sbom-submit");
            assertThat(provider.locator("#supply-flash")).containsText("组件 2 个，新增 2 个");

            provider.fill("#f-q", ns + "-kafka");
            submit(provider, "#supply-filter button[type=submit]");
            provider.click("#supply-table a:has-text('" + ns + "-kafka')");
            provider.waitForURL(Pattern.compile(".*/platform/supply-chain/items/\\d+$"));
            assertThat(provider.locator("#item-state")).hasText("待评估");
            // an incomplete assessment is shown with its errors and changes nothing
            submit(provider, "#assess-submit");
            assertThat(provider.locator("#assess-form .invalid-feedback").first()).isVisible();
            provider.selectOption("#riskLevel", "低");
            provider.selectOption("#conclusion", "可以使用");
            provider.fill("#assessor", "李安全");
            submit(provider, "#assess-submit");
            assertThat(provider.locator("#item-flash")).isVisible();
            assertThat(provider.locator("#item-state")).hasText("可以使用");
            assertThat(provider.locator("#item-risk")).hasText("低");

            Page supervisor = signIn(supervisorContext, "supervisor");
            supervisor.navigate("http://127.0.0.1:" + port + "/platform/overview");
            assertThat(supervisor.locator("#ov-last-import")).containsText(filename);
            assertThat(supervisor.locator("#ov-supply")).isVisible();
            // the supervisor reads the register but has no import or assessment forms
            supervisor.navigate("http://127.0.0.1:" + port + "/platform/supply-chain?q=" + ns);
            assertThat(supervisor.locator("#supply-table")).containsText(ns + "-kafka");
            assertThat(supervisor.locator("#supply-table")).containsText("可以使用");
            assertThat(supervisor.locator("#supply-table")).containsText(ns + "-redis");
            assertThat(supervisor.locator("#sbom-form")).hasCount(0);
        }
    }
}
