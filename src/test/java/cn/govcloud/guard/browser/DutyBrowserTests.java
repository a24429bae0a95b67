package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.govcloud.guard.AppTest;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * The provider files today's daily inspection as a zero report in the browser (a contradictory
 * report is refused with the reason next to the field and nothing typed is lost); the supervisor
 * opens the home page the next morning and finds yesterday's missing report overdue (A5.4).
 */
@AppTest
class DutyBrowserTests extends BrowserSession {


    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;




    @Test
    void theProviderFilesTodaysZeroReportAndTheSupervisorSeesYesterdaysMissingOneOverdue_A5_4() {
        try (BrowserContext context = newContext()) {
            Page page = signIn(context, "provider");
            assertThat(page.locator("#agenda")).containsText("每日巡检与零报告");
            // today's (Beijing) daily inspection, seeded with the demo city; other tests leave older ones behind
            long today = jdbc.sql("select id from duties_duty where rule_id = 'A5.4-daily-inspection' and period_start = :d")
                    .param("d", today()).query(Long.class).single();
            page.navigate("http://127.0.0.1:" + port + "/duties?rule=A5.4-daily-inspection");
            page.locator("#duty-table tbody a[href='/duties/" + today + "']").click();
            assertThat(page.locator("#duty-state")).hasText("待办");

            page.selectOption("[name='f.devicesStatus']", "正常");
            page.selectOption("[name='f.systemsStatus']", "正常");
            page.check("#f-cryptoPoolChecked-yes");
            page.selectOption("[name='f.cryptoPoolResult']", "有效");
            page.fill("[name='f.securityEventCount']", "3");
            page.check("#f-noSecurityEvents-yes");
            page.fill("[name='f.declarant']", "王建国");
            page.click("#evidence-form button[type=submit]");
            assertThat(page.locator("#evidence-form")).containsText("安全事件数必须为 0");
            assertThat(page.locator("[name='f.declarant']")).hasValue("王建国");
            assertThat(page.locator("#duty-state")).hasText("待办");

            page.fill("[name='f.securityEventCount']", "0");
            page.click("#evidence-form button[type=submit]");
            assertThat(page.locator("#duty-state")).hasText("已通过");
            assertThat(page.locator("body")).containsText("王建国");
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/browser-duty-zero-report.png")));
        }
        try (BrowserContext context = newContext()) {
            Page page = signIn(context, "supervisor");
            // the home lists the five oldest overdue duties of the city, which depend on what other tests left
            // behind; the count says something is overdue, the compliance matrix says which
            assertThat(page.locator("#agenda-overdue-count")).not().hasText("0");
            page.navigate("http://127.0.0.1:" + port + "/compliance?rule=A5.4-daily-inspection");
            assertThat(page.locator("#matrix-table")).containsText("逾期");
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/browser-compliance.png")).setFullPage(true));
        }
    }
}
