package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.govcloud.guard.AppTest;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 in the browser (A8.2, A7.1): the unit catalogs a data set as 重要数据, sets a backup policy
 * below the catalog's minimum, sees the finding naming the rule, fixes the policy, records a backup
 * and a restore test; the supervisor sees the set in the important-data catalog.
 */
@AppTest
class DataBrowserTests extends BrowserSession {

    /** Clicks a submit button and waits for the page it leads to (a POST answered by a redirect or the form again). */
    @SuppressWarnings("deprecation")
    private static void submit(Page page, String selector) {
        page.waitForNavigation(new Page.WaitForNavigationOptions().setTimeout(60_000), () -> page.click(selector));
    }

    @Test
    void aUnitCatalogsImportantDataAndBringsItsBackupPolicyUpToTheMinimum_A8_2_A7_1() {
        String name = "浏览器测试·学籍库-" + UUID.randomUUID().toString().substring(0, 6);
        String now = nowInBeijing().minusMinutes(5).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
        try (BrowserContext unitContext = newContext(); BrowserContext supervisorContext = newContext()) {
            Page unit = signIn(unitContext, "unit1");
            unit.navigate("http://127.0.0.1:" + port + "/data");
            unit.click("#data-new");
            unit.waitForURL(Pattern.compile(".*/data/datasets/new$"));
            unit.selectOption("#systemId", new SelectOption().setIndex(1));
            unit.fill("#name", name);
            unit.fill("#businessArea", "教育");
            unit.fill("#volume", "约45万条");
            unit.fill("#storageLocation", "政务云 B 区 学籍数据库");
            unit.fill("#description", "全市中小学学籍信息");
            unit.fill("#partName0", "学生身份证号");
            unit.selectOption("#partKind0", "SENSITIVE_PERSONAL");
            unit.selectOption("#partGrade0", "IMPORTANT");
            unit.selectOption("#harmObject", "SOCIAL_ORDER");
            unit.selectOption("#harmSeverity", "GENERAL");
            // 就高从严: a lower grade than the part's is refused with the reason, nothing saved
            unit.selectOption("#grade", "GENERAL_3");
            submit(unit, "#data-save");
            assertThat(unit.locator("#form-error")).containsText("就高从严");
            assertThat(unit.locator("#form-error")).containsText("学生身份证号");
            unit.selectOption("#grade", "IMPORTANT");
            submit(unit, "#data-save");
            unit.waitForURL(Pattern.compile(".*/data/datasets/\\d+$"));
            String datasetUrl = unit.url();
            assertThat(unit.locator("#data-grade")).hasText("重要数据");
            assertThat(unit.locator("#data-findings")).containsText("尚未制定备份策略");

            // a policy below the minimum for important data: no off-site copy, every 48 hours
            unit.check("#localCopy");
            unit.fill("#everyHours", "48");
            unit.fill("#retentionDays", "30");
            unit.fill("#rtoHours", "8");
            unit.fill("#rpoHours", "48");
            submit(unit, "#data-policy-save");
            unit.waitForURL(datasetUrl);
            assertThat(unit.locator("#data-findings")).containsText("重要和核心数据备份策略核查"); // A8.2-backup-policy-check, by its title (issue 23 point 4)
            assertThat(unit.locator("#data-findings")).containsText("无异地备份");

            // fixed: off-site, daily, kept 90 days
            unit.check("#offsiteCopy");
            unit.fill("#offsiteLocation", "呼和浩特政务云灾备中心");
            unit.fill("#everyHours", "24");
            unit.fill("#retentionDays", "90");
            submit(unit, "#data-policy-save");
            unit.waitForURL(datasetUrl);
            assertThat(unit.locator("#data-no-findings")).isVisible();

            unit.click("#data-policy-link");
            unit.waitForURL(Pattern.compile(".*/data/backup-policies/\\d+$"));
            unit.fill("#ranAt", now);
            unit.selectOption("#result", "SUCCESS");
            unit.selectOption("#location", "OFFSITE");
            unit.fill("#sizeBytes", "2147483648");
            unit.fill("#locationDetail", "呼和浩特政务云灾备中心");
            submit(unit, "#data-backup-save");
            assertThat(unit.locator("#data-backups")).containsText("2147483648");
            assertThat(unit.locator("#data-backups")).containsText("异地");

            unit.fill("#testedAt", now);
            unit.selectOption("#testResult", "SUCCESS");
            unit.selectOption("#testLocation", "OFFSITE");
            unit.fill("#recoveredMinutes", "35");
            submit(unit, "#data-test-save");
            assertThat(unit.locator("#data-tests")).containsText("35");
            assertThat(unit.locator("#data-tests")).containsText("成功");
            assertThat(unit.locator("#data-no-findings")).isVisible();

            Page supervisor = signIn(supervisorContext, "supervisor");
            supervisor.navigate("http://127.0.0.1:" + port + "/data/important");
            // issue 23 point 11: the list is paged; the supervisor finds the set by keyword and grade (the grade belongs to the search form)
            supervisor.fill("#f-q", name);
            supervisor.selectOption("#f-grade", "IMPORTANT");
            supervisor.click("#list-submit");
            supervisor.waitForURL(Pattern.compile(".*/data/important\\?.*grade=IMPORTANT.*"));
            assertThat(supervisor.locator("#list-total")).hasText("共 1 条");
            assertThat(supervisor.locator("#data-important-table")).containsText(name);
            assertThat(supervisor.locator("#data-important-table")).containsText("包头市教育局");
            assertThat(supervisor.locator("#export-xlsx")).hasAttribute("href", Pattern.compile(".*/data/important/export\\.xlsx\\?q=.*grade=IMPORTANT"));
        }
    }
}
