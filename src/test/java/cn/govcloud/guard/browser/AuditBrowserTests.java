package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.AppTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 23 points 4 and 12 on the audit page (A5.3) in a real browser: the auditor reads each record as a Chinese
 * sentence — rendered now from the stored action, target and details, which stay as written one click away — at 1440
 * and at 390 px, the phone without horizontal scrolling. Screenshots under
 * {@code target/screenshots/issue23-p12-audit-*.png}.
 */
@AppTest
class AuditBrowserTests extends BrowserSession {
    private static final int[] WIDTHS = {1440, 390};
    private static final Pattern LATIN_ONLY = Pattern.compile("^[\\x00-\\x7F]*$");

    private BrowserContext context(int width) {
        return newContext(new Browser.NewContextOptions().setViewportSize(width, width > 400 ? 900 : 844).setLocale("zh-CN"));
    }

    private static void shot(Page page, String name, int width) {
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(Path.of("target/screenshots/issue23-p12-audit-" + name + "-" + width + ".png")));
    }

    @Test
    void theAuditorReadsEachRecordAsAChineseSentenceWithTheStoredDetailsAtHand_A5_3() {
        for (int width : WIDTHS) {
            try (BrowserContext context = context(width)) {
                Page page = signIn(context, "auditor");
                page.navigate("http://127.0.0.1:" + port + "/audit");
                page.locator("#audit-verify").click(); // writes audit.verify, with its details
                assertThat(page.locator("#audit-verification .alert")).isVisible();

                page.fill("#audit-action", "audit.verify");
                page.fill("#audit-actor", "auditor");
                page.locator("form[role=search] button[type=submit]").click();
                assertThat(page).hasURL(Pattern.compile(".*/audit\\?.*action=audit.verify.*"));
                Locator first = page.locator("#audit-rows tr").first();
                assertThat(first.locator(".audit-sentence")).hasText("校验审计日志的完整性");
                assertThat(first.locator("td.audit-action span")).hasText("审计 · 校验");
                // the record as stored, hashed and unchanged, one click away
                Locator raw = first.locator("td.audit-details details");
                assertThat(raw.locator("samp")).isHidden();
                raw.locator("summary").click();
                assertThat(raw.locator("samp")).isVisible();
                assertThat(raw.locator("samp")).hasText(LATIN_ONLY);
                assertThat(raw.locator("summary")).hasText("原始记录");
                shot(page, "verify", width);

                page.navigate("http://127.0.0.1:" + port + "/audit?action=auth.login&actor=auditor");
                assertThat(page.locator("#audit-rows tr").first().locator(".audit-sentence"))
                        .hasText(Pattern.compile("^登录（用户 \\d+）$"));
                // every sentence on the page is in Chinese words, none only machine text
                for (String sentence : page.locator("#audit-rows .audit-sentence").allTextContents()) {
                    assertThat(sentence).isNotBlank().doesNotMatch(LATIN_ONLY);
                }
                if (width < 400) {
                    Number scroll = (Number) page.evaluate("() => document.documentElement.scrollWidth");
                    assertThat(scroll.intValue()).as("no horizontal scrolling at 390 px").isLessThanOrEqualTo(width);
                    Locator sentence = page.locator("#audit-rows tr").first().locator(".audit-sentence");
                    sentence.scrollIntoViewIfNeeded(); // below the stacked filter form on a phone
                    assertThat(sentence).isInViewport();
                }
                shot(page, "login", width);
            }
        }
    }
}
