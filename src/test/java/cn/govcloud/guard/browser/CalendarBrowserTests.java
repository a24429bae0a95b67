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
    @Autowired
    cn.govcloud.guard.MutableClock clock;
    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

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
        clock.reset();
    }

    /**
     * "Working days": on 28 December with 2027 not loaded, a hazard's five working days are provisional —
     * the unit sees the 暂定 mark with its reason; the security administrator is told on the home page,
     * follows the link, loads 2027, is told what was recomputed, and the unit's date is exact.
     */
    @Test
    void aProvisionalDueDateIsMarkedAndLoadingTheYearRecomputesIt() throws Exception {
        clock.set(java.time.Instant.parse("2026-12-28T02:00:00Z"));
        long system = jdbc.sql("select min(s.id) from systems_system s join identity_user u on u.org_id = s.org_id "
                + "where u.username = 'unit1' and s.state = 'ADMITTED'").query(Long.class).single();
        var created = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/hazards")
                .header("Authorization", ApiClient.bearer(mvc, "supervisor")).contentType("application/json")
                .content("{\"systemId\":" + system + ",\"title\":\"年末通报的隐患\",\"severity\":\"HIGH\"}")).andReturn();
        org.assertj.core.api.Assertions.assertThat(created.getResponse().getStatus()).isEqualTo(201);
        long hazard = Long.parseLong(created.getResponse().getContentAsString().replaceAll("^\\{\"id\":(\\d+),.*", "$1"));
        try (var unit = browser.newContext(); var admin = browser.newContext()) {
            Page unitPage = signIn(unit.newPage(), "unit1");
            unitPage.navigate("http://127.0.0.1:" + port + "/hazards/" + hazard);
            // Tue 29, Wed 30, Thu 31, then Fri 1 and Mon 4 January counted Monday to Friday
            assertThat(unitPage.locator("#hazard-due")).containsText("2027-01-04");
            assertThat(unitPage.locator("#hazard-due .due-provisional")).isVisible();
            assertThat(unitPage.locator("#hazard-due .due-provisional")).hasAttribute("title", "2027 年放假安排未加载，暂按周一至周五计算");

            Page page = signIn(admin.newPage(), "secadmin");
            assertThat(page.locator("#home-provisional")).containsText("2027 年放假安排尚未加载");
            page.locator("#home-provisional a").click();
            assertThat(page.locator("#calendar-missing")).containsText("尚未加载 2027 年放假安排");
            // the notice is pasted as published, read into rows, checked and loaded (no JSON written by hand)
            page.fill("#notice-year", "2027");
            page.fill("#notice-paper", "测试文号（非真实通知）");
            page.fill("#notice-text", cn.govcloud.guard.calendar.CalendarPageTests.NOTICE_2027.replace("2月6日（农历腊月三十、周六）至14日", "1月1日（周五）至1日"));
            page.click("#notice-read");
            assertThat(page.locator("#notice-rows")).isVisible();
            assertThat(page.locator("#notice-rows input[value='2027-01-01']")).hasCount(1);
            // the reading was told a wrong 春节; the administrator sees the note on 共9天 and corrects nothing here but adds a row
            assertThat(page.locator("#notice-notes")).containsText("共9天");
            page.locator("#notice-rows tbody tr input[name=date]").last().fill("2027-02-08");
            page.locator("#notice-rows tbody tr input[name=name]").last().fill("春节");
            page.click("#notice-load");
            assertThat(page.locator("#calendar-recomputed")).containsText("已重算",
                    new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
            assertThat(page.locator("#calendar-missing")).hasCount(0);

            // with 1 January off: Tue 29, Wed 30, Thu 31, Mon 4, Tue 5 — later than announced, so it applies
            unitPage.reload();
            assertThat(unitPage.locator("#hazard-due")).hasText("2027-01-05");
            assertThat(unitPage.locator("#hazard-due .due-provisional")).hasCount(0);
        }
    }

    private Page signIn(Page page, String user) {
        page.navigate("http://127.0.0.1:" + port + "/login");
        page.fill("#username", user);
        page.fill("#password", ApiClient.DEMO_PASSWORD);
        page.click("#login-submit");
        assertThat(page.locator("h1")).containsText("您好");
        return page;
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
            page.click("#upload-submit");
            // the upload validates, stores and audits a whole year: give a loaded CI machine more than the default 5 s
            assertThat(page).hasURL(Pattern.compile(".*/calendar\\?year=2027$"),
                    new com.microsoft.playwright.assertions.PageAssertions.HasURLOptions().setTimeout(20_000));
            assertThat(page.locator("#calendar-loaded")).containsText("已新增 2027 年放假安排");
            assertThat(page.locator("td[data-date='2027-02-20']")).hasAttribute("data-kind", "WORKDAY");
        }
    }

    /** The same page at a desktop's and a phone's width, under {@code target/screenshots/}. */
    private static void shoot(Page page, String name) {
        for (int width : new int[] {1440, 390}) {
            page.setViewportSize(width, width == 1440 ? 900 : 844);
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/issue23-" + name + "-" + width + ".png"))
                    .setFullPage(true));
        }
        page.setViewportSize(1440, 900);
    }

    /**
     * Issue 23 point 10: the holiday-year forms on the shared form fields. The security administrator pastes the State
     * Council's notice with a year out of range: the reason is beside the year, what was pasted is kept, nothing read;
     * corrected, the rows are previewed; a preview without its document number is refused beside that field; then the
     * year loads (post/redirect/get).
     */
    @Test
    void issue23_10_theNoticeIsPastedARefusalIsBesideItsFieldAndTheYearLoads() {
        try (var context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900))) {
            Page page = signIn(context.newPage(), "secadmin");
            page.navigate("http://127.0.0.1:" + port + "/calendar");
            page.fill("#notice-year", "1999");
            page.fill("#notice-paper", "测试文号（非真实通知）");
            page.fill("#notice-text", cn.govcloud.guard.calendar.CalendarPageTests.NOTICE_2027);
            page.click("#notice-read");
            assertThat(page.locator("#notice-year-error")).containsText("2000");
            assertThat(page.locator("#notice-year")).hasClass(Pattern.compile(".*is-invalid.*"));
            assertThat(page.locator("#notice-error")).containsText("原有数据未作任何改动");
            assertThat(page.locator("#notice-year")).hasValue("1999");
            assertThat(page.locator("#notice-paper")).hasValue("测试文号（非真实通知）");
            assertThat(page.locator("#notice-text")).hasValue(Pattern.compile("一、元旦[\\s\\S]*七、国庆节"));
            assertThat(page.locator("#notice-paper-error")).hasCount(0);
            assertThat(page.locator("#upload-year-error")).hasCount(0);
            assertThat(page.locator("#notice-rows")).hasCount(0);
            shoot(page, "p10-calendar-refused-year");

            page.fill("#notice-year", "2027");
            page.click("#notice-read");
            assertThat(page.locator("#notice-rows")).isVisible();
            assertThat(page.locator("#notice-rows input[value='2027-02-06']")).hasCount(1);
            assertThat(page.locator("#preview-paper")).hasValue("测试文号（非真实通知）");
            shoot(page, "p10-calendar-pasted");

            page.fill("#preview-paper", "");
            page.click("#notice-load");
            assertThat(page.locator("#preview-paper-error")).isVisible();
            assertThat(page.locator("#notice-load-error")).containsText("原有数据未作任何改动");
            assertThat(page.locator("#notice-rows input[value='2027-02-06']")).hasCount(1);
            org.assertj.core.api.Assertions.assertThat(calendar.isLoaded(2027)).isFalse();
            shoot(page, "p10-calendar-refused-paper");

            page.fill("#preview-paper", "测试文号（非真实通知）");
            page.click("#notice-load");
            assertThat(page).hasURL(Pattern.compile(".*/calendar\\?year=2027$"),
                    new com.microsoft.playwright.assertions.PageAssertions.HasURLOptions().setTimeout(20_000));
            assertThat(page.locator("#calendar-loaded")).containsText("已新增 2027 年放假安排");
            assertThat(page.locator("td[data-date='2027-02-20']")).hasAttribute("data-kind", "WORKDAY");
            shoot(page, "p10-calendar-loaded");
        }
    }
}
