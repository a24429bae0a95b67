package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.calendar.internal.LoadedWorkingCalendar;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The working-day calendar in a real browser: the security administrator opens it from the
 * navigation, computes a deadline across 国庆, and loads next year's notice from a file.
 */
@AppTest
class CalendarBrowserTests {
    /** A plausible 2027 for the test, not the real notice (not published when this was written). */
    static final String YEAR_2027 = """
            {"paper": "test data, not a real notice",
             "holidays": [{"date": "2027-01-01", "name": "元旦"}, {"date": "2027-02-06", "name": "春节"},
                          {"date": "2027-04-05", "name": "清明节"}, {"date": "2027-05-01", "name": "劳动节"},
                          {"date": "2027-06-09", "name": "端午节"}, {"date": "2027-09-15", "name": "中秋节"},
                          {"date": "2027-10-01", "name": "国庆节"}],
             "workdays": [{"date": "2027-02-20", "name": "春节"}]}""";
    static Playwright playwright;
    static Browser browser;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LoadedWorkingCalendar calendar;

    @BeforeAll
    static void launch() {
        if (!Files.isExecutable(LoginBrowserTests.CHROMIUM)) {
            if ("1".equals(System.getenv("GOVGUARD_REQUIRE_PG"))) {
                throw new IllegalStateException("/usr/bin/chromium is missing: apt-get install -y chromium fonts-noto-cjk");
            }
            System.err.println("!!!!!!!!!! SKIPPING BROWSER TESTS: /usr/bin/chromium missing (apt-get install -y chromium fonts-noto-cjk)");
            Assumptions.abort("/usr/bin/chromium missing");
        }
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(java.util.Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(LoginBrowserTests.CHROMIUM)
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    @AfterEach
    void without2027() {
        jdbc.sql("delete from calendar_day where schedule_year = 2027").update();
        jdbc.sql("delete from calendar_year where schedule_year = 2027").update();
        calendar.refresh();
    }

    @Test
    void theSecurityAdministratorComputesADeadlineAndLoadsNextYear() {
        try (var context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000))) {
            Page page = context.newPage();
            page.navigate("http://127.0.0.1:" + port + "/login");
            page.fill("#username", "secadmin");
            page.fill("#password", ApiClient.DEMO_PASSWORD);
            page.click("#login-submit");
            page.locator("#site-nav a[href='/calendar']").click();
            assertThat(page.locator("h1")).hasText("工作日历");
            assertThat(page.locator("#calendar-legend")).containsText("调休上班");
            page.selectOption("#year", "2026");
            page.locator("form:has(#year) button").click();
            assertThat(page.locator("td[data-date='2026-10-01']")).hasAttribute("data-kind", "HOLIDAY");
            assertThat(page.locator("td[data-date='2026-10-10']")).hasAttribute("data-kind", "WORKDAY");

            // Oct 1 2026, 09:00 Beijing time: Oct 8, 9, make-up Saturday 10, 12, 13
            page.fill("#start", "2026-10-01T09:00");
            page.selectOption("#kind", "workingDays");
            page.fill("#n", "5");
            page.click("#calc-submit");
            assertThat(page.locator("#calc-result")).containsText("2026-10-13 24:00");
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/browser-calendar.png")).setFullPage(true));

            page.fill("#upload-year", "2027");
            page.setInputFiles("#file", new FilePayload("2027.json", "application/json", YEAR_2027.getBytes(StandardCharsets.UTF_8)));
            // the click must not race the file chooser: both inputs hold their values before the form is sent
            assertThat(page.locator("#upload-year")).hasValue("2027");
            assertThat(page.locator("#file")).hasValue(Pattern.compile(".*2027\\.json$"));
            page.waitForNavigation(() -> page.click("#upload-submit"));
            // the upload validates, stores and audits a whole year: give a loaded CI machine more than the default 5 s
            assertThat(page).hasURL(Pattern.compile(".*/calendar\\?year=2027$"),
                    new com.microsoft.playwright.assertions.PageAssertions.HasURLOptions().setTimeout(20_000));
            assertThat(page.locator("#calendar-loaded")).containsText("已新增 2027 年放假安排");
            assertThat(page.locator("td[data-date='2027-02-20']")).hasAttribute("data-kind", "WORKDAY");
        }
    }
}
