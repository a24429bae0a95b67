package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.govcloud.guard.AppTest;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A hazard's whole closed loop in the browser (A10.1, A10.2): the supervisor notifies, unit1
 * acknowledges with a named handler, reports in writing with a document, the supervisor returns it
 * with a reason (the due date stays), unit1 reports again, the supervisor verifies and closes.
 */
@AppTest
class HazardBrowserTests extends BrowserSession {
    static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    JdbcClient jdbc;

    private void feedback(Page unit, String measures) {
        unit.fill("#measures", measures);
        unit.fill("#residualRisk", "无");
        unit.fill("#completedOn", today().toString());
        unit.setInputFiles("#documents", new FilePayload("整改报告.pdf", "application/pdf", PDF));
        unit.click("#feedback-form button[type=submit]");
        assertThat(unit.locator("#hazard-state")).hasText("已反馈待核验");
    }

    @Test
    void supervisorNotifiesUnitAcknowledgesReportsIsReturnedReportsAgainAndIsClosed_A10_2() {
        long system = jdbc.sql("select id from systems_system where name = '教育局门户网站' order by id").query(Long.class).list().get(0);
        try (BrowserContext supervisorContext = newContext(); BrowserContext unitContext = newContext()) {
            Page supervisor = signIn(supervisorContext, "supervisor");
            supervisor.click("nav a[href='/hazards']");
            supervisor.click("#hazard-new");
            supervisor.selectOption("#systemId", String.valueOf(system));
            supervisor.selectOption("#severity", "HIGH");
            supervisor.selectOption("#source", "INSPECTION");
            supervisor.fill("#title", "浏览器测试·后台管理页面未授权访问");
            supervisor.fill("#description", "季度专项检查发现 /admin 未做身份鉴别");
            supervisor.click("#hazard-form button[type=submit]");
            supervisor.waitForURL(Pattern.compile(".*/hazards/\\d+$"));
            assertThat(supervisor.locator("#hazard-state")).hasText("已通知");
            String hazardUrl = supervisor.url();
            String due = supervisor.locator("#hazard-due").textContent();

            Page unit = signIn(unitContext, "unit1");
            // the home page lists the unit's open hazards, first due first (this one may be beyond the first five when other tests ran before)
            assertThat(unit.locator("#home-hazards")).isVisible();
            unit.navigate(hazardUrl);
            unit.fill("#handlerName", "张安全");
            unit.fill("#firstMeasures", "已临时关闭 /admin 的外网访问");
            unit.click("#acknowledge-form button[type=submit]");
            assertThat(unit.locator("#hazard-state")).hasText("已确认");
            assertThat(unit.locator("#hazard-handler")).hasText("张安全");
            feedback(unit, "已为 /admin 增加统一身份认证");

            supervisor.navigate(hazardUrl);
            assertThat(supervisor.locator("#hazard-state")).hasText("已反馈待核验");
            supervisor.fill("#reason", "未附复测截图，请补充");
            supervisor.click("#return-form button[type=submit]");
            assertThat(supervisor.locator("#hazard-state")).hasText("已退回");
            assertThat(supervisor.locator("#hazard-due")).hasText(due);

            unit.navigate(hazardUrl);
            assertThat(unit.locator("#hazard-timeline")).containsText("未附复测截图");
            feedback(unit, "已为 /admin 增加统一身份认证，附复测截图");

            supervisor.navigate(hazardUrl);
            supervisor.fill("#note", "复测确认已整改");
            supervisor.click("#close-form button[type=submit]");
            assertThat(supervisor.locator("#hazard-state")).hasText("已关闭");
            assertThat(supervisor.locator("#hazard-countdown")).hasText("已按期关闭");
            assertThat(supervisor.locator("#hazard-timeline .timeline-event")).hasCount(6);
            assertThat(supervisor.locator("#hazard-timeline")).containsText("退回整改");
            assertThat(supervisor.locator("#hazard-timeline")).containsText("核验关闭");
        }
    }
}
