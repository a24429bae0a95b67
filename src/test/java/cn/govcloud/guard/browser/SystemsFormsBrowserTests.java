package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.AppTest;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * Issue 23 point 9 (A11.1, A11.2) and point 11 (A7) walked in Chromium: the unit's refused agreement upload and refused
 * 等保证书 upload show the reason beside the field with what was typed kept, a step done says what comes next; the
 * supervisor searches the systems list by keyword and exports exactly what it shows. Screenshots at 1440 and 390 px
 * wide under {@code target/screenshots/issue23-p9-*.png}.
 */
@AppTest
class SystemsFormsBrowserTests extends BrowserSession {
    private static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    /** The page at a desktop's and a phone's width, {@code focus} scrolled into view. */
    private static void shoot(Page page, Locator focus, String name) {
        for (int width : new int[] {1440, 390}) {
            page.setViewportSize(width, width == 1440 ? 900 : 844);
            focus.scrollIntoViewIfNeeded();
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/issue23-p9-" + name + "-" + width + ".png")));
        }
        page.setViewportSize(1440, 900);
    }

    @Test
    void issue23_point9_A11_theRefusedAgreementAndMlpsCertificateUploads_sayWhyBesideTheField_andPoint11_searchAndExport() {
        try (BrowserContext unitContext = newContext(); BrowserContext supervisorContext = newContext()) {
            Page unit = signIn(unitContext, "unit1");
            unit.setViewportSize(1440, 900);
            SystemBrowserTests.register(unit, new SystemBrowserTests.Registration("表单浏览器测试·招生报名系统", "2", "全市中小学招生报名",
                    "15020041000-26409", "赵安全", "13900002222", "10.30.9.10"));

            // the agreement as a web page, not a document: refused beside the file, what was typed kept, nothing stored
            unit.fill("#agreementNumber", "BTZWY-XY-2026-0409");
            unit.fill("#unitSignatory", "赵局长");
            unit.fill("#providerSignatory", "钱经理");
            unit.fill("#signedOn", "2026-11-20");
            unit.setInputFiles("#agreement-file", new FilePayload("协议.html", "text/html",
                    "<html><body>协议</body></html>".getBytes(StandardCharsets.UTF_8)));
            unit.click("#agreement-form button[type=submit]");
            Locator fileError = unit.locator("#agreement-file-error");
            assertThat(fileError).isVisible();
            assertThat(fileError).containsText("不接受 HTML");
            assertThat(unit.locator("#agreement-file")).hasAttribute("aria-invalid", "true");
            assertThat(unit.locator("#agreementNumber")).hasValue("BTZWY-XY-2026-0409");
            assertThat(unit.locator("#providerSignatory")).hasValue("钱经理");
            assertThat(unit.locator("#agreement-signed")).hasCount(0);
            shoot(unit, unit.locator("#agreement-form"), "agreement-refused");

            // the 等保证书 without its number: refused beside the number, the rest kept
            Locator cert = unit.locator("#item-MLPS_CERTIFICATE form.item-upload");
            cert.locator("input[name=certDate]").fill("2026-06-18");
            cert.locator("input[name=conclusion]").fill("良");
            cert.locator("input[name=validUntil]").fill("2027-06-17");
            cert.locator("input[name=file]").setInputFiles(new FilePayload("等保证书.pdf", "application/pdf", PDF));
            cert.locator("button[type=submit]").click();
            Locator numberError = unit.locator("#item-MLPS_CERTIFICATE-certNumber-error");
            assertThat(numberError).isVisible();
            assertThat(numberError).hasText("请填写证书编号");
            assertThat(unit.locator("#item-MLPS_CERTIFICATE-conclusion")).hasValue("良");
            assertThat(unit.locator("#item-MLPS_CERTIFICATE .item-status")).hasText("未上传");
            // the agreement's form, sharing the field name "file", shows no refusal of its own
            assertThat(unit.locator("#agreement-file-error")).hasCount(0);
            shoot(unit, unit.locator("#item-MLPS_CERTIFICATE"), "mlps-certificate-refused");

            // corrected: each step says what happens next
            unit.locator("#item-MLPS_CERTIFICATE-certNumber").fill("15020041000-26409");
            unit.locator("#item-MLPS_CERTIFICATE-file").setInputFiles(new FilePayload("等保证书.pdf", "application/pdf", PDF));
            unit.locator("#item-MLPS_CERTIFICATE form.item-upload button[type=submit]").click();
            assertThat(unit.locator("#system-done")).hasText("材料已提交，等待大数据中心审核；审核结果会显示在该项旁边。");
            unit.fill("#agreementNumber", "BTZWY-XY-2026-0409");
            unit.fill("#unitSignatory", "赵局长");
            unit.fill("#providerSignatory", "钱经理");
            unit.fill("#signedOn", "2026-11-20");
            unit.setInputFiles("#agreement-file", new FilePayload("安全责任协议.pdf", "application/pdf", PDF));
            unit.click("#agreement-form button[type=submit]");
            assertThat(unit.locator("#system-done")).containsText("下一步");
            unit.click("#request-admission");
            assertThat(unit.locator("#system-done")).hasText("已提交准入申请，等待大数据中心核验。");
            assertThat(unit.locator("#system-state")).hasText("待核验");
            shoot(unit, unit.locator("#system-done"), "admission-requested");

            // point 11: the supervisor finds it by keyword, keeps a page size, and exports what the list shows
            Page supervisor = signIn(supervisorContext, "supervisor");
            supervisor.setViewportSize(1440, 900);
            supervisor.navigate("http://127.0.0.1:" + port + "/systems");
            supervisor.fill("#q", "招生报名");
            supervisor.selectOption("#size", "20");
            supervisor.click("#system-filter button[type=submit]:not(#export-xlsx)");
            assertThat(supervisor.locator("#system-table tbody tr")).hasCount(1);
            assertThat(supervisor.locator("#system-table")).containsText("表单浏览器测试·招生报名系统");
            assertThat(supervisor.locator("#q")).hasValue("招生报名");
            assertThat(supervisor.locator("#size")).hasValue("20");
            org.assertj.core.api.Assertions.assertThat(supervisor.url()).contains("q=", "size=20");
            Download download = supervisor.waitForDownload(() -> supervisor.click("#export-xlsx"));
            assertThat(download.suggestedFilename()).endsWith(".xlsx");
            assertThat(download.url()).contains("/systems/export.xlsx", "size=20");
            shoot(supervisor, supervisor.locator("#system-filter"), "systems-search");
        }
    }
}
