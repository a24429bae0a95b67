package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.govcloud.guard.AppTest;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 point 3 (A2): the 保密 reviewer finds the register of 关基 / 非涉密 flags from the navigation and filters it; a
 * unit's systems list shows the badges and the flag filters.
 */
@AppTest
class ClassificationBrowserTests extends BrowserSession {

    @Test
    void A2_theSecrecyReviewerReachesTheRegisterOfFlagsAndFiltersIt() {
        try (BrowserContext context = newContext(); BrowserContext unitContext = newContext()) {
            Page reviewer = signIn(context, "secrecy");
            reviewer.click("nav a[href='/system-classification']");
            assertThat(reviewer.locator("h1")).hasText("系统分类标志（保密审查）");
            assertThat(reviewer.locator("#classification-table tbody tr").first()).isVisible();
            // the demo city's systems are declared 非涉密
            assertThat(reviewer.locator("#classification-table .flag-non-classified").first()).isVisible();
            reviewer.selectOption("#nonClassifiedFilter", "true");
            reviewer.click("#classification-filter button[type=submit]");
            assertThat(reviewer.locator("#classification-table .flag-undeclared")).hasCount(0);
            // the reviewer's navigation offers nothing of the systems' other records
            assertThat(reviewer.locator("nav a[href='/systems']")).hasCount(0);
            assertThat(reviewer.locator("nav a[href='/incidents']")).hasCount(0);

            Page unit = signIn(unitContext, "unit1");
            unit.click("nav a[href='/systems']");
            assertThat(unit.locator("#system-table .flag-non-classified").first()).isVisible();
            unit.selectOption("#nonClassifiedFilter", "true");
            unit.click("#system-filter button[type=submit]");
            assertThat(unit.locator("#system-table .flag-undeclared")).hasCount(0);
            SystemBrowserTests.shots(reviewer, "system-classification");
        }
    }
}
