package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.documents.ExcelExportsTests;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 23 point 11 on the platform registers in a real browser, as the provider who keeps them: a device and a network
 * line registered through their forms, then found by keyword and the register's own filters (in the URL), exported as
 * exactly that list, and a filter value the list cannot read refused beside its control — at 1440 and at 390 px wide (the
 * page never wider than the screen), screenshots under {@code target/screenshots/issue23-p11-platform-*.png}.
 */
@AppTest
class PlatformListsBrowserTests extends BrowserSession {
    private static final int[] WIDTHS = {1440, 390};

    private BrowserContext context(int width) {
        return newContext(new Browser.NewContextOptions().setViewportSize(width, width > 400 ? 900 : 844).setLocale("zh-CN"));
    }

    private static void shot(Page page, String name, int width) {
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(Path.of("target/screenshots/issue23-p11-platform-" + name + "-" + width + ".png")));
    }

    /** The page fits the screen: nothing to scroll sideways (a wide table scrolls inside itself or turns into cards). */
    private static void fitsTheScreen(Page page, int width) {
        Object wider = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) wider).intValue()).as("page wider than %d px", width).isLessThanOrEqualTo(0);
    }

    private static ExcelExportsTests.Sheet2 export(Page page) throws Exception {
        Download download = page.waitForDownload(() -> page.click("#export-xlsx"));
        return ExcelExportsTests.read(Files.readAllBytes(download.path()));
    }

    @Test
    void theProviderSearchesFiltersAndExportsTheHardwareAndLineRegisters_aBadFilterIsRefusedBesideIt_A5_1_A6() throws Exception {
        for (int width : WIDTHS) {
            String ns = "平台检索" + width + "-" + System.nanoTime() % 1_000_000;
            try (BrowserContext context = context(width)) {
                Page provider = signIn(context, "provider");
                String base = "http://127.0.0.1:" + port;

                // hardware (A5.1): a device registered, then found by keyword, type and 信创
                provider.navigate(base + "/platform/hardware");
                provider.selectOption("#d-type", "SERVER");
                provider.fill("#d-vendor", ns);
                provider.fill("#d-model", "KunLun-9000");
                provider.fill("#d-role", "数据库");
                provider.fill("#d-location", "一号机房");
                provider.fill("#d-quantity", "2");
                provider.selectOption("#d-compliant", "true");
                provider.fill("#d-basis", "信创目录");
                provider.click("#device-form button[type=submit]");
                assertThat(provider.locator(".alert-success")).isVisible();

                provider.fill("#f-q", ns);
                provider.selectOption("#f-type", "SERVER");
                provider.selectOption("#f-compliant", "true");
                provider.click("#list-submit");
                assertThat(provider).hasURL(Pattern.compile(".*/platform/hardware\\?q=.*type=SERVER.*compliant=true.*"));
                assertThat(provider.locator("#device-filter-total")).hasText("共 1 条");
                assertThat(provider.locator("#device-table tbody")).containsText("KunLun-9000");
                assertThat(provider.locator("#f-q")).hasValue(ns);
                fitsTheScreen(provider, width);
                shot(provider, "hardware-search", width);

                var devices = export(provider);
                assertThat(devices.rows()).hasSize(1);
                assertThat(devices.column("厂商")).containsExactly(ns);

                // the same keyword with the other 信创 answer: nothing, and the export says so too
                provider.selectOption("#f-compliant", "false");
                provider.click("#list-submit");
                assertThat(provider.locator("#device-filter-total")).hasText("共 0 条");
                assertThat(export(provider).rows()).isEmpty();

                // a type the register does not have: refused beside the control, not read as "any"
                provider.navigate(base + "/platform/hardware?q=" + ns + "&type=MAINFRAME");
                assertThat(provider.locator("#f-type-error")).isVisible();
                assertThat(provider.locator("#f-type")).hasClass(Pattern.compile(".*is-invalid.*"));
                assertThat(provider.locator("#f-q")).hasValue(ns);
                fitsTheScreen(provider, width);
                shot(provider, "hardware-refused", width);

                // network lines (A6): a line without a firewall, found by keyword, type and the firewall filter
                provider.navigate(base + "/platform/network");
                provider.fill("#l-name", ns + "-专线");
                provider.selectOption("#l-lineType", "INTERNET");
                provider.fill("#l-carrier", "中国联通");
                provider.fill("#l-userOrg", "市政务服务局");
                provider.selectOption("#l-firewall", "false");
                provider.selectOption("#l-intrusionPrevention", "false");
                provider.click("#line-form button[type=submit]");
                assertThat(provider.locator(".alert-success")).isVisible();

                provider.fill("#f-q", ns);
                provider.selectOption("#f-lineType", "INTERNET");
                provider.selectOption("#f-firewall", "false");
                provider.selectOption("#f-size", "50");
                provider.click("#list-submit");
                assertThat(provider).hasURL(Pattern.compile(".*/platform/network\\?q=.*lineType=INTERNET.*firewall=false.*size=50.*"));
                assertThat(provider.locator("#line-filter-total")).hasText("共 1 条");
                assertThat(provider.locator("#line-table tbody")).containsText(ns + "-专线");
                fitsTheScreen(provider, width);
                shot(provider, "network-search", width);

                var lines = export(provider);
                assertThat(lines.rows()).hasSize(1);
                assertThat(lines.column("线路名称")).containsExactly(ns + "-专线");
                assertThat(lines.column("通信运营商")).containsExactly("中国联通");

                // a firewall answer and a page size the list does not offer: both refused, each beside its control
                provider.navigate(base + "/platform/network?q=" + ns + "&firewall=maybe&size=7");
                assertThat(provider.locator("#f-firewall-error")).isVisible();
                assertThat(provider.locator("#f-size-error")).isVisible();
                fitsTheScreen(provider, width);
                shot(provider, "network-refused", width);
            }
        }
    }
}
