package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.AppTest;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import java.io.InputStream;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The annual assessment in the browser (A12): the supervisor opens the ranking from the
 * navigation, opens a unit's item-by-item explanation with the records behind it, and downloads
 * the regulators' report, whose Chinese text is extracted from the PDF.
 */
@AppTest
class AssessmentBrowserTests extends BrowserSession {

    @Test
    void supervisorOpensTheRankingAUnitsExplanationAndDownloadsTheReport_A12() throws Exception {
        int year = today().getYear();
        try (BrowserContext context = newContext(new com.microsoft.playwright.Browser.NewContextOptions().setAcceptDownloads(true))) {
            Page supervisor = signIn(context, "supervisor");
            supervisor.click("nav a[href='/supervision/assessment']");
            assertThat(supervisor.locator("h1")).containsText(year + "年度网络安全考核");
            assertThat(supervisor.locator("#ranking-table")).containsText("包头市教育局");
            assertThat(supervisor.locator("#provider-record")).containsText("包头政务云运营服务有限公司");

            supervisor.locator("#ranking-table a", new Page.LocatorOptions().setHasText("包头市教育局")).click();
            supervisor.waitForURL(Pattern.compile(".*/supervision/assessment/\\d+\\?year=" + year + "$"));
            assertThat(supervisor.locator("h1")).hasText("包头市教育局");
            assertThat(supervisor.locator("#item-duties")).containsText("网络和数据安全责任落实情况");
            assertThat(supervisor.locator("#item-duties .formula")).containsText("÷");
            assertThat(supervisor.locator("#item-duties table a").first()).hasAttribute("href", Pattern.compile("/duties/\\d+"));
            assertThat(supervisor.locator("#item-admission table a").first()).hasAttribute("href", Pattern.compile("/systems/\\d+"));

            supervisor.goBack();
            Download download = supervisor.waitForDownload(() -> supervisor.click("#report-pdf"));
            assertThat(download.suggestedFilename()).isEqualTo(year + "年度政务云云使用单位网络安全考核报告.pdf");
            byte[] pdf;
            try (InputStream in = download.createReadStream()) {
                pdf = in.readAllBytes();
            }
            try (var doc = Loader.loadPDF(pdf)) {
                String text = new PDFTextStripper().getText(doc);
                assertThat(text).contains(year + "年度政务云云使用单位网络安全考核报告").contains("包头市教育局").contains("云服务商情况");
            }
        }
    }
}
