package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.govcloud.guard.AppTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import java.nio.file.Paths;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 23 points 11 and 9 for the hazard, intake and incident lists and forms, walked in Chromium as the supervisor and
 * as a unit, with screenshots at 1440 and 390 px wide under {@code target/screenshots/} (A10.1, A10.2, A10.4, A10.5).
 */
@AppTest
class HazardIncidentListsBrowserTests extends BrowserSession {
    @Autowired
    JdbcClient jdbc;

    private final String token = "浏览检索" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The same page at a desktop's and a phone's width. */
    private static void shoot(Page page, String name) {
        for (int width : new int[] {1440, 390}) {
            page.setViewportSize(width, width == 1440 ? 900 : 844);
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/issue23-" + name + "-" + width + ".png"))
                    .setFullPage(true));
        }
        page.setViewportSize(1440, 900);
    }

    private BrowserContext context() {
        return newContext(new Browser.NewContextOptions().setViewportSize(1440, 900).setAcceptDownloads(true));
    }

    @Test
    void issue23_points11and9_supervisorSearchesFiltersAndExports_aUnitSeesItsOwn_formsShowErrorsBesideFields() {
        try (BrowserContext supervisorContext = context(); BrowserContext unitContext = context()) {
            Page supervisor = signIn(supervisorContext, "supervisor");

            // point 9: the notice form refuses beside each field and keeps what was typed; success says what happens next
            supervisor.navigate(url("/hazards/new"));
            supervisor.fill("#title", token + "·弱口令");
            supervisor.click("#hazard-form button[type=submit]");
            assertThat(supervisor.locator("#systemId-error")).isVisible();
            assertThat(supervisor.locator("#severity-error")).isVisible();
            assertThat(supervisor.locator("#title")).hasValue(token + "·弱口令");
            shoot(supervisor, "p9-hazard-form-errors");
            supervisor.selectOption("#systemId", new SelectOption().setIndex(1));
            supervisor.selectOption("#severity", "HIGH");
            supervisor.click("#hazard-form button[type=submit]");
            supervisor.waitForURL(Pattern.compile(".*/hazards/\\d+$"));
            assertThat(supervisor.locator("#hazard-done"))
                    .containsText(Pattern.compile("已下发隐患通知.*个工作日内.*反馈整改"));
            shoot(supervisor, "p9-hazard-raised");

            // point 11: keyword + filter + page size in the URL; the export link carries the same
            supervisor.navigate(url("/hazards"));
            supervisor.fill("#f-q", token);
            supervisor.selectOption("#f-severity", "HIGH");
            supervisor.selectOption("#f-size", "50");
            supervisor.click("#hazard-search");
            assertThat(supervisor).hasURL(Pattern.compile(".*/hazards\\?.*q=.*severity=HIGH.*size=50.*"));
            Locator rows = supervisor.locator("#hazard-table tbody tr");
            assertThat(rows).hasCount(1);
            assertThat(rows.first()).containsText(token + "·弱口令");
            assertThat(supervisor.locator("#export-xlsx")).hasAttribute("href", Pattern.compile(".*/hazards/export\\.xlsx\\?q=.*severity=HIGH.*"));
            Download download = supervisor.waitForDownload(() -> supervisor.click("#export-xlsx"));
            org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).endsWith(".xlsx");
            shoot(supervisor, "p11-hazards-supervisor");
            // a value the list cannot read is said beside its filter, not a 500
            supervisor.navigate(url("/hazards?from=2026-02-01&to=2026-01-01"));
            assertThat(supervisor.locator("#f-to-error")).containsText("结束日期不能早于开始日期");
            shoot(supervisor, "p11-hazards-bad-filter");

            supervisor.navigate(url("/intake/alerts"));
            assertThat(supervisor.locator("#f-q")).isVisible();
            assertThat(supervisor.locator("#f-unit")).isVisible();
            shoot(supervisor, "p11-alerts-supervisor");

            // the unit: its own hazards only, no unit filter; then an incident and its initial report (point 9)
            Page unit = signIn(unitContext, "unit1");
            unit.navigate(url("/hazards?q=" + token));
            assertThat(unit.locator("#f-unit")).hasCount(0);
            shoot(unit, "p11-hazards-unit");

            unit.navigate(url("/incidents/new"));
            unit.fill("#title", token + "·门户篡改");
            unit.click("#incident-form button[type=submit]");
            assertThat(unit.locator("#description-error")).isVisible();
            assertThat(unit.locator("#title")).hasValue(token + "·门户篡改");
            shoot(unit, "p9-incident-form-errors");
            String confirmed = nowInBeijing().minusMinutes(2).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
            unit.selectOption("#systemId", new SelectOption().setIndex(1));
            unit.selectOption("#category", "MALWARE");
            unit.selectOption("#subType", "MALWARE.TROJAN");
            unit.fill("#discoveredAt", confirmed);
            unit.fill("#confirmedAt", confirmed);
            unit.fill("#description", "首页出现非法内容");
            unit.fill("#impact", "门户无法正常访问");
            unit.selectOption("#grade", "III");
            unit.check("#gradeConfirmed");
            unit.click("#incident-form button[type=submit]");
            unit.waitForURL(Pattern.compile(".*/incidents/\\d+$"));
            assertThat(unit.locator("#incident-created")).containsText("初报计时已开始");

            unit.fill("#initial-summary", "");
            unit.fill("#initial-measures", "已隔离被篡改的页面服务器");
            unit.click("#initial-form button[type=submit]");
            assertThat(unit.locator("#initial-summary-error")).isVisible();
            assertThat(unit.locator("#initial-reporter-error")).isVisible();
            assertThat(unit.locator("#initial-measures")).hasValue("已隔离被篡改的页面服务器");
            shoot(unit, "p9-initial-report-errors");
            unit.fill("#initial-summary", "首页被植入非法内容，已下线");
            unit.fill("#initial-reporter", "张安全");
            unit.click("#initial-form button[type=submit]");
            assertThat(unit.locator("#incident-done")).containsText("下一次进展报告须在");
            shoot(unit, "p9-initial-report-done");

            // the incident list with its owning unit, searched
            unit.navigate(url("/incidents?q=" + token));
            assertThat(unit.locator("#incident-table tbody tr")).hasCount(1);
            supervisor.navigate(url("/incidents"));
            supervisor.fill("#f-q", token);
            supervisor.click("#incident-search");
            Locator incident = supervisor.locator("#incident-table tbody tr");
            assertThat(incident).hasCount(1);
            assertThat(supervisor.locator("#incident-table thead")).containsText("所属单位");
            String unitName = jdbc.sql("select o.name from identity_organisation o join identity_user u on u.org_id = o.id "
                    + "where u.username = 'unit1'").query(String.class).single();
            assertThat(incident.first().locator("td").nth(1)).hasText(unitName);
            shoot(supervisor, "p11-incidents-supervisor");
            shoot(unit, "p11-incidents-unit");
        }
    }
}
