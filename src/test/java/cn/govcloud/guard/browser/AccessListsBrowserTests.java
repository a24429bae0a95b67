package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.AppTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 23 points 9 and 11 on the access registers in a real browser: the unit's security officer's channel request refused
 * with the reason beside the field and what was typed kept, then accepted with what happens next (A9.2); the supervisor
 * finds it by keyword and state, sees the filters in the URL and downloads exactly that list as Excel — at 1440 and at 390
 * px wide, screenshots under {@code target/screenshots/issue23-p11-access-*.png}.
 */
@AppTest
class AccessListsBrowserTests extends BrowserSession {
    private static final int[] WIDTHS = {1440, 390};

    private BrowserContext context(int width) {
        return newContext(new Browser.NewContextOptions().setViewportSize(width, width > 400 ? 900 : 844).setLocale("zh-CN"));
    }

    private static void shot(Page page, String name, int width) {
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(Path.of("target/screenshots/issue23-p11-access-" + name + "-" + width + ".png")));
    }

    @Test
    void aRefusedChannelRequestThenSearchFilterAndExportAsTheSupervisor_A9_2() throws Exception {
        for (int width : WIDTHS) {
            String purpose = "浏览器检索" + width + "-" + System.nanoTime() % 1_000_000;
            LocalDateTime start = nowInBeijing().plusHours(1).truncatedTo(ChronoUnit.MINUTES);
            try (BrowserContext unitContext = context(width); BrowserContext supervisorContext = context(width)) {
                Page unit = signIn(unitContext, "unit1");
                unit.navigate("http://127.0.0.1:" + port + "/access/channels");
                unit.selectOption("#systemId", new SelectOption().setIndex(1));
                unit.fill("#operatorName", "李工");
                unit.fill("#accounts", "ops-readonly");
                unit.fill("#operations", "重启中间件");
                unit.fill("#startsAt", start.toString());
                unit.fill("#endsAt", start.plusHours(2).toString());
                unit.click("#channel-submit"); // no purpose: refused beside the field, nothing saved
                assertThat(unit.locator("#purpose-error")).isVisible();
                assertThat(unit.locator("#purpose")).hasAttribute("aria-invalid", "true");
                assertThat(unit.locator("#operatorName")).hasValue("李工");
                assertThat(unit.locator("label[for=purpose]")).isVisible();
                unit.locator("#purpose").scrollIntoViewIfNeeded();
                shot(unit, "refused", width);

                unit.fill("#purpose", purpose);
                unit.click("#channel-submit");
                assertThat(unit).hasURL(Pattern.compile(".*/access/channels/\\d+$"));
                assertThat(unit.locator("#next-step")).containsText("下一步：等待");
                shot(unit, "next-step", width);

                Page supervisor = signIn(supervisorContext, "supervisor");
                supervisor.navigate("http://127.0.0.1:" + port + "/access/channels");
                supervisor.fill("#f-q", purpose);
                supervisor.selectOption("#f-state", "REQUESTED");
                supervisor.selectOption("#f-size", "50");
                supervisor.click("#list-submit");
                assertThat(supervisor).hasURL(Pattern.compile(".*/access/channels\\?.*q=.*state=REQUESTED.*size=50.*"));
                assertThat(supervisor.locator("#list-total")).hasText("共 1 条");
                assertThat(supervisor.locator("#channel-table tbody")).containsText(purpose);
                assertThat(supervisor.locator("#f-q")).hasValue(purpose);
                shot(supervisor, "search", width);

                Download download = supervisor.waitForDownload(() -> supervisor.click("#export-xlsx"));
                assertThat(download.suggestedFilename()).isEqualTo("远程运维通道登记.xlsx");
                Path file = download.path();
                assertThat(Files.size(file)).isPositive();
                var sheet = cn.govcloud.guard.documents.ExcelExportsTests.read(Files.readAllBytes(file));
                assertThat(sheet.rows()).hasSize(1);
                assertThat(sheet.column("运维目的")).containsExactly(purpose);
            }
        }
    }
}
