package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.govcloud.guard.AppTest;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Issue 23 point 13, the small things that signal care, walked in Chromium: the platform's icon (SVG and ICO, served before
 * signing in), the demo city's documents download as real PDFs, and the pages say they are Chinese ({@code lang="zh-CN"}), so
 * the browser's own date pickers follow — Chromium draws {@code <input type="date">} in its locale (年/月/日 under zh-CN).
 */
@AppTest
class CareBrowserTests extends BrowserSession {

    @Test
    void A23_13_theIconTheDemoPapersAndTheChineseDatePicker() {
        try (BrowserContext context = newContext(new Browser.NewContextOptions().setLocale("zh-CN"))) {
            Page anonymous = context.newPage();
            anonymous.navigate("http://127.0.0.1:" + port + "/login");
            assertThat(anonymous.locator("html")).hasAttribute("lang", "zh-CN");
            assertThat(anonymous.locator("link[rel=icon][type='image/svg+xml']")).hasAttribute("href", "/favicon.svg");
            APIResponse svg = anonymous.request().get("http://127.0.0.1:" + port + "/favicon.svg");
            org.assertj.core.api.Assertions.assertThat(svg.status()).isEqualTo(200);
            org.assertj.core.api.Assertions.assertThat(svg.text()).startsWith("<svg");
            APIResponse ico = anonymous.request().get("http://127.0.0.1:" + port + "/favicon.ico");
            org.assertj.core.api.Assertions.assertThat(ico.status()).isEqualTo(200);
            org.assertj.core.api.Assertions.assertThat(ico.body()).startsWith(0, 0, 1, 0);

            // a demo system's agreement downloads as a real PDF (not the 15-byte stub it was)
            Page unit = signIn(context, "unit1");
            unit.navigate("http://127.0.0.1:" + port + "/systems");
            // a demo system by name, and of its documents the one seeded first (the lowest id): other tests of the suite add
            // systems and small test uploads, so "the first row" or "the first link" depends on what ran before
            unit.locator("#system-table tbody tr a", new Page.LocatorOptions().setHasText("教育局招生考试系统")).first().click();
            assertThat(unit.locator("a[href*='/documents/']").first()).isVisible();
            String seeded = unit.locator("a[href*='/documents/']").all().stream().map(l -> l.getAttribute("href"))
                    .filter(h -> h.matches(".*/documents/\\d+$"))
                    .min(java.util.Comparator.comparingLong(h -> Long.parseLong(h.substring(h.lastIndexOf('/') + 1)))).orElseThrow();
            APIResponse pdf = unit.request().get("http://127.0.0.1:" + port + seeded);
            org.assertj.core.api.Assertions.assertThat(pdf.status()).isEqualTo(200);
            org.assertj.core.api.Assertions.assertThat(pdf.body().length).isGreaterThan(1000);
            org.assertj.core.api.Assertions.assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

            // the date inputs of a form, in a page that says it is zh-CN: Chromium draws them as 年/月/日
            unit.navigate("http://127.0.0.1:" + port + "/access/accounts");
            assertThat(unit.locator("html")).hasAttribute("lang", "zh-CN");
            assertThat(unit.locator("input[type=date]").first()).isVisible();
            unit.locator("input[type=date]").first().scrollIntoViewIfNeeded();
            SystemBrowserTests.shots(unit, "23-13-date-picker-zh-CN");
        }
    }
}
