package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.AppTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ReducedMotion;
import com.microsoft.playwright.Download;
import java.io.InputStream;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The supervisor's posture dashboard in the browser (A11.3, A12): the charts draw on canvas, and a
 * real mouse click on a bar drills down to the list behind it with the filter set and the same rows.
 */
@AppTest
class DashboardBrowserTests extends BrowserSession {
    @Autowired
    JdbcClient jdbc;

    @Test
    void supervisorClicksABarOfSystemsByStateAndLandsOnTheFilteredList_A11_3() {
        // reduced motion: the chart draws without animation, so the bar is where convertToPixel says at once
        try (BrowserContext context = newContext(new Browser.NewContextOptions().setReducedMotion(ReducedMotion.REDUCE))) {
            Page page = signIn(context, "supervisor");
            page.click("nav a[href='/supervision/dashboard']");
            page.waitForURL(Pattern.compile(".*/supervision/dashboard$"));
            Locator chart = page.locator("#systems-state-chart");
            chart.scrollIntoViewIfNeeded();
            page.waitForSelector("#systems-state-chart[data-chart-drawn=true] canvas");

            // the bar to click: the table row with the most systems (its label, figure and link are what the chart drew)
            @SuppressWarnings("unchecked")
            Map<String, Object> bar = (Map<String, Object>) page.evaluate("""
                    () => {
                      const rows = [...document.querySelectorAll('#systems-state-data tbody tr')].map(tr => ({
                        label: tr.querySelector('th').textContent.trim(),
                        value: Number(tr.querySelector('td').dataset.value),
                        href: tr.querySelector('th a').getAttribute('href') }));
                      rows.sort((a, b) => b.value - a.value);
                      const el = document.getElementById('systems-state-chart');
                      const chart = echarts.getInstanceByDom(el);
                      const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, [rows[0].label, rows[0].value / 2]);
                      const box = el.getBoundingClientRect();
                      return { label: rows[0].label, value: rows[0].value, href: rows[0].href, x: box.left + x, y: box.top + y };
                    }""");
            String href = (String) bar.get("href");
            String state = href.substring(href.indexOf("state=") + "state=".length());
            int figure = ((Number) bar.get("value")).intValue();
            assertThat(figure).isPositive();
            long expected = jdbc.sql("select count(*) from systems_system where state = :s").param("s", state).query(Long.class).single();
            assertThat((long) figure).isEqualTo(expected);

            page.mouse().click(((Number) bar.get("x")).doubleValue(), ((Number) bar.get("y")).doubleValue());

            page.waitForURL(Pattern.compile(".*/systems\\?state=" + state + "$"));
            assertThat(page.locator("#system-filter select[name=state]")).hasValue(state);
            assertThat(page.locator("#system-table tbody tr")).hasCount(Math.min(figure, 50));
            List<String> names = jdbc.sql("select name from systems_system where state = :s order by id desc").param("s", state)
                    .query(String.class).list();
            assertThat(page.locator("#system-table tbody")).containsText(names.get(0));
        }
    }

    /**
     * Issue 10's end-to-end check: from the supervisor's dashboard a real click on a unit's bar of the
     * rectification chart drills down to that unit's annual-assessment explanation (the hazards item and
     * its records, A12), and the annual report downloaded from there is a PDF whose Chinese text names the
     * year, the unit and the provider's record.
     */
    @Test
    void supervisorDrillsFromTheRectificationChartToTheAssessmentAndDownloadsTheAnnualReport_A12() throws Exception {
        int year = today().getYear();
        try (BrowserContext context = newContext(new Browser.NewContextOptions().setReducedMotion(ReducedMotion.REDUCE)
                .setAcceptDownloads(true))) {
            Page page = signIn(context, "supervisor");
            page.click("nav a[href='/supervision/dashboard']");
            page.locator("#rectification-chart").scrollIntoViewIfNeeded();
            page.waitForSelector("#rectification-chart[data-chart-drawn=true] canvas");

            // the unit with the best rate: its bar is the longest, so the click cannot miss it
            @SuppressWarnings("unchecked")
            Map<String, Object> bar = (Map<String, Object>) page.evaluate("""
                    () => {
                      const rows = [...document.querySelectorAll('#rectification-data tbody tr')].map(tr => ({
                        label: tr.querySelector('th').textContent.trim(),
                        value: Number(tr.querySelector('td').dataset.value),
                        href: tr.querySelector('th a').getAttribute('href') })).filter(r => r.value > 0);
                      rows.sort((a, b) => b.value - a.value);
                      const el = document.getElementById('rectification-chart');
                      const chart = echarts.getInstanceByDom(el);
                      const horizontal = el.dataset.chartHorizontal === 'true';
                      const point = horizontal ? [rows[0].value / 2, rows[0].label] : [rows[0].label, rows[0].value / 2];
                      const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, point);
                      const box = el.getBoundingClientRect();
                      return { label: rows[0].label, href: rows[0].href, x: box.left + x, y: box.top + y };
                    }""");
            String unit = (String) bar.get("label");
            page.mouse().click(((Number) bar.get("x")).doubleValue(), ((Number) bar.get("y")).doubleValue());

            page.waitForURL(Pattern.compile(".*/supervision/assessment/\\d+\\?year=" + year + "#item-hazards$"));
            assertThat(page.locator("h1")).hasText(unit);
            assertThat(page.locator("#item-hazards")).containsText("隐患整改完成率");
            assertThat(page.locator("#item-hazards table a").first()).hasAttribute("href", Pattern.compile("/hazards/\\d+"));

            page.click("nav a[href='/supervision/assessment']");
            Download download = page.waitForDownload(() -> page.click("#report-pdf"));
            assertThat(download.suggestedFilename()).isEqualTo(year + "年度政务云云使用单位网络安全考核报告.pdf");
            byte[] pdf;
            try (InputStream in = download.createReadStream()) {
                pdf = in.readAllBytes();
            }
            try (var doc = Loader.loadPDF(pdf)) {
                String text = new PDFTextStripper().getText(doc);
                assertThat(text).contains(year + "年度政务云云使用单位网络安全考核报告", unit, "隐患整改完成率", "云服务商情况");
            }
        }
    }
}
