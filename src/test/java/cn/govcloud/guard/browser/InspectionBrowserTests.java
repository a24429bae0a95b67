package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.govcloud.guard.AppTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 23 point 10 in the browser (A11.3): the supervisor records three checklist items of a quarterly inspection in one
 * save — first refused for the failed item's missing remark (the error beside that row's field, every row as typed, a
 * row added on the page keeping the others), then saved — at 1440 px and again at 390 px, where the form offers the
 * inspector entered the first time. Screenshots go to target/screenshots/issue23-p10-*.png.
 */
@AppTest
class InspectionBrowserTests extends BrowserSession {
    static final Path SHOTS = Path.of("target", "screenshots");

    @Autowired
    JdbcClient jdbc;

    @Test
    void theSupervisorRecordsThreeItemsInOneSaveOneFirstRefused_A11_3() {
        long unit1 = jdbc.sql("select org_id from identity_user where username = 'unit1'").query(Long.class).single();
        recordThreeItems(1440, unit1, null);
        recordThreeItems(390, unit1, "浏览器检查员·1440");
    }

    private void recordThreeItems(int width, long unit1, String rememberedInspector) {
        try (BrowserContext context = newContext(new Browser.NewContextOptions().setViewportSize(width, 900))) {
            Page page = signIn(context, "supervisor");
            page.navigate("http://127.0.0.1:" + port + "/supervision/inspections");
            page.fill("#quarter", "2025-Q3");
            page.fill("#topic", "数据安全");
            page.check("#unitIds-" + unit1);
            page.click("#inspection-form button[type=submit]");
            page.waitForURL(Pattern.compile(".*/supervision/inspections/\\d+$"));

            // the form remembers the inspector: the first time the person's own name or what they entered before
            if (rememberedInspector == null) {
                assertThat(page.locator("#inspector")).not().hasValue("");
            } else {
                assertThat(page.locator("#inspector")).hasValue(rememberedInspector);
            }
            page.fill("#inspector", "浏览器检查员·" + width);
            page.selectOption("#itemId-0", new SelectOption().setIndex(1));
            page.selectOption("#result-0", "PASS");
            page.selectOption("#itemId-1", new SelectOption().setIndex(2));
            page.selectOption("#result-1", "FAIL");
            page.selectOption("#severity-1", "HIGH");
            page.selectOption("#hazardSystemId-1", new SelectOption().setIndex(1));
            page.selectOption("#itemId-2", new SelectOption().setIndex(3));
            page.selectOption("#result-2", "NOT_APPLICABLE");
            page.fill("#remark-2", "本系统不涉及该项");
            // a row added on the page: the rows typed so far stay as typed
            page.click("#add-row");
            assertThat(page.locator("#itemId-3")).isVisible();
            assertThat(page.locator("#remark-2")).hasValue("本系统不涉及该项");
            String failedItem = page.locator("#itemId-1").inputValue();

            // the failed item says nothing about the problem: nothing is saved, the refusal stands beside that row's remark
            page.click("#record-submit");
            assertThat(page.locator("#remark-1-error")).hasText("不符合项须说明问题。");
            assertThat(page.locator("#form-error")).containsText("全部结果均未保存");
            assertThat(page.locator("#itemId-1")).hasValue(failedItem);
            assertThat(page.locator("#result-1")).hasValue("FAIL");
            assertThat(page.locator("#remark-2")).hasValue("本系统不涉及该项");
            assertThat(page.locator("#inspector")).hasValue("浏览器检查员·" + width);
            assertThat(page.locator("#item-table")).not().containsText("不符合");
            page.locator("#remark-1").scrollIntoViewIfNeeded();
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("issue23-p10-refused-" + width + ".png")).setFullPage(true));

            page.fill("#remark-1", "数据库备份未加密");
            page.click("#record-submit");
            assertThat(page.locator(".alert-success")).containsText("已保存检查结果");
            assertThat(page.locator("#item-table")).containsText("不符合");
            assertThat(page.locator("#item-table")).containsText("数据库备份未加密");
            assertThat(page.locator("#item-table")).containsText("本系统不涉及该项");
            assertThat(page.locator("#inspector")).hasValue("浏览器检查员·" + width);
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("issue23-p10-saved-" + width + ".png")).setFullPage(true));
        }
    }
}
