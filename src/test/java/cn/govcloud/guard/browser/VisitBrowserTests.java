package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.govcloud.guard.AppTest;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * An on-site visit in the browser (A9.1), from letter to sign-out: the unit issues the letter with the
 * visitor registered by real name (ID-card number shown masked), sign-in without an escort is refused
 * with the A9.1 message on the page, the provider assigns the escort, signs in and signs out.
 */
@AppTest
class VisitBrowserTests extends BrowserSession {

    @SuppressWarnings("deprecation")
    private static void submit(Page page, String selector) {
        page.waitForNavigation(new Page.WaitForNavigationOptions().setTimeout(60_000), () -> page.click(selector));
    }

    @Test
    void letterVisitorRefusedWithoutEscortThenEscortSignInSignOut_A9_1() {
        LocalDate today = today();
        String letter = "浏览器函" + System.nanoTime() % 1_000_000;
        try (BrowserContext unitContext = newContext(); BrowserContext providerContext = newContext()) {
            Page unit = signIn(unitContext, "unit1");
            unit.navigate("http://127.0.0.1:" + port + "/access/visits");
            unit.selectOption("#systemId", new SelectOption().setIndex(1));
            unit.fill("#letterNumber", letter);
            unit.fill("#validFrom", today.toString());
            unit.fill("#validUntil", today.plusDays(1).toString());
            unit.fill("#purpose", "浏览器测试·更换故障硬盘");
            unit.fill("#realName0", "王工");
            unit.fill("#idNumber0", "150102199001011234");
            unit.fill("#mobile0", "13900001111");
            submit(unit, "#visit-submit");
            unit.waitForURL(Pattern.compile(".*/access/visits/\\d+$"));
            String visitUrl = unit.url();
            assertThat(unit.locator("#visit-status")).hasAttribute("data-status", "AUTHORISED");
            assertThat(unit.locator("#visitor-table")).containsText("王工");
            assertThat(unit.locator("#visitor-table .visitor-id")).not().hasText("150102199001011234");
            assertThat(unit.locator("#visitor-table .visitor-id")).hasText(Pattern.compile("^1501.*\\*+.*$"));

            Page provider = signIn(providerContext, "provider");
            provider.navigate(visitUrl);
            assertThat(provider.locator("#visit-status")).hasAttribute("data-status", "AUTHORISED");
            submit(provider, "#sign-in");
            assertThat(provider.locator("#visit-error")).containsText("A9.1");
            assertThat(provider.locator("#visit-error")).containsText("陪同旁站");
            assertThat(provider.locator("#visit-status")).hasAttribute("data-status", "AUTHORISED");

            provider.fill("#escort", "赵陪同");
            submit(provider, "#assign-escort");
            provider.waitForURL(visitUrl);
            assertThat(provider.locator("#visit-escort")).hasText("赵陪同");
            assertThat(provider.locator("#visit-error")).hasCount(0);

            submit(provider, "#sign-in");
            provider.waitForURL(visitUrl);
            assertThat(provider.locator("#visit-status")).hasAttribute("data-status", "ON_SITE");
            assertThat(provider.locator("#visit-signed-in")).isVisible();

            provider.fill("#workDone", "已更换故障硬盘");
            submit(provider, "#sign-out");
            provider.waitForURL(visitUrl);
            assertThat(provider.locator("#visit-status")).hasAttribute("data-status", "SIGNED_OUT");
            assertThat(provider.locator("#visit-signed-out")).isVisible();
            assertThat(provider.locator("#sign-in")).hasCount(0);

            unit.navigate(visitUrl);
            assertThat(unit.locator("#visit-status")).hasAttribute("data-status", "SIGNED_OUT");
            assertThat(unit.locator("#visit-escort")).hasText("赵陪同");
        }
    }
}
