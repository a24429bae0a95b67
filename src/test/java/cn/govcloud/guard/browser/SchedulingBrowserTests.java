package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.govcloud.guard.AppTest;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The month's security scheduling in the browser (A11.3): the supervisor opens this month's
 * session, finds the agenda drafted from the data, assigns an action to unit1, records the meeting
 * and closes it with the minutes; then issues a notice that unit1 acknowledges and the supervisor
 * sees acknowledged.
 */
@AppTest
class SchedulingBrowserTests extends BrowserSession {
    @Autowired
    JdbcClient jdbc;

    @Test
    void supervisorOpensTheMonthAssignsAnActionClosesAndUnitAcknowledgesANotice_A11_3() {
        long unit1 = jdbc.sql("select org_id from identity_user where username = 'unit1'").query(Long.class).single();
        String today = today().toString();
        String due = today().plusDays(21).toString();
        try (BrowserContext supervisorContext = newContext(); BrowserContext unitContext = newContext()) {
            Page supervisor = signIn(supervisorContext, "supervisor");
            supervisor.click("nav a[href='/supervision/scheduling']");
            // this month's session: open it, or go to it when another test already did
            if (supervisor.locator("#open-session").count() > 0) {
                supervisor.click("#open-session");
            } else {
                supervisor.click("#current-session");
            }
            supervisor.waitForURL(Pattern.compile(".*/supervision/scheduling/\\d+$"));
            assertThat(supervisor.locator("#session-state")).hasText("进行中");
            // the drafted agenda: the demo city has hazards and duties to talk about
            assertThat(supervisor.locator("#agenda-table tbody tr[data-category]").first()).isVisible();

            // issue 23 point 12: the action form is folded under its button
            supervisor.click("#action-form-toggle > summary");
            supervisor.selectOption("#action-kind", "DUTY");
            supervisor.fill("#action-title", "浏览器测试·完成门户网站弱口令整改");
            supervisor.selectOption("#action-orgId", String.valueOf(unit1));
            supervisor.fill("#action-dueDate", due);
            supervisor.click("#assign-action");
            assertThat(supervisor.locator("#session-done")).isVisible();
            assertThat(supervisor.locator("#action-table")).containsText("浏览器测试·完成门户网站弱口令整改");
            assertThat(supervisor.locator("#action-table")).containsText(due);

            // a hazard on one of unit1's systems: choosing the unit loads its systems on the platform into the form (htmx)
            supervisor.click("#action-form-toggle > summary");
            supervisor.selectOption("#action-kind", "HAZARD");
            supervisor.fill("#action-title", "浏览器测试·门户网站管理后台暴露在互联网");
            supervisor.selectOption("#action-orgId", String.valueOf(unit1));
            assertThat(supervisor.locator("#action-systemId")).containsText("教育局门户网站");
            supervisor.selectOption("#action-systemId", new com.microsoft.playwright.options.SelectOption().setLabel("教育局门户网站"));
            supervisor.click("#assign-action");
            assertThat(supervisor.locator("#session-done")).isVisible();
            assertThat(supervisor.locator("#action-table")).containsText("浏览器测试·门户网站管理后台暴露在互联网");

            supervisor.fill("#m-meetingDate", today);
            supervisor.fill("#m-participants", "市大数据中心、云服务商、市教育局");
            supervisor.click("#meeting-form button[type=submit]");
            assertThat(supervisor.locator("#meeting-participants")).hasText("市大数据中心、云服务商、市教育局");
            supervisor.fill("#decision-text", "各单位本月底前完成弱口令清理");
            supervisor.click("#decision-form button[type=submit]");
            assertThat(supervisor.locator("#decision-list")).containsText("各单位本月底前完成弱口令清理");
            // issue 23 point 8: a confirmation dialog with a required reason before the session is closed for good
            supervisor.click("#close-session");
            assertThat(supervisor.locator("#confirm-close-session")).isVisible();
            supervisor.fill("#confirm-close-session-reason", "本月议程已全部完成");
            SystemBrowserTests.shots(supervisor, "23-8-scheduling-close-confirmation");
            supervisor.click("#confirm-close-session-submit");
            assertThat(supervisor.locator("#session-state")).hasText("已结束");
            assertThat(supervisor.locator("#minutes-link")).hasText("调度纪要（PDF）");
            assertThat(supervisor.locator("#action-form")).hasCount(0);

            // a notice to unit1
            supervisor.click("nav a[href='/supervision/notices']");
            supervisor.fill("#notice-kind", "风险隐患通报");
            supervisor.fill("#notice-title", "浏览器测试·关于弱口令风险的通报");
            supervisor.fill("#notice-body", "请各单位立即排查弱口令并确认收悉。");
            supervisor.check("#notice-unitIds-" + unit1);
            supervisor.click("#issue-notice");
            supervisor.waitForURL(Pattern.compile(".*/supervision/notices/\\d+$"));
            String noticeUrl = supervisor.url();
            assertThat(supervisor.locator("#tracking-table")).containsText("待确认");

            Page unit = signIn(unitContext, "unit1");
            unit.click("nav a[href='/supervision/notices']");
            unit.click("text=浏览器测试·关于弱口令风险的通报");
            assertThat(unit.locator("#notice-title")).hasText("浏览器测试·关于弱口令风险的通报");
            unit.fill("#reply", "已收悉，正在排查");
            unit.click("#acknowledge");
            assertThat(unit.locator("#acknowledged")).isVisible();

            supervisor.navigate(noticeUrl);
            assertThat(supervisor.locator("#tracking-table")).containsText("已收悉，正在排查");
        }
    }
}
