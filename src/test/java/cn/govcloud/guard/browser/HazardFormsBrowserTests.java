package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.AppTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.ReducedMotion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The hazard page's forms on a phone (issue 23 point 9, issue 18 point 5; A10.2): at 390 px the supervisor returns a
 * hazard's feedback, the unit feeds back again and the supervisor closes it. Each refused step shows its reason right
 * beside the field (aria-invalid, aria-describedby), keeps what was typed and changes nothing; each good step comes back
 * (post/redirect/get) saying what happens next.
 */
@AppTest
class HazardFormsBrowserTests extends BrowserSession {
    static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    /** A Monday, 10:00 in Beijing. */
    static final Instant MONDAY = Instant.parse("2026-11-23T02:00:00Z");

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void pinClock() {
        clock.set(MONDAY);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private BrowserContext phone() {
        return newContext(new Browser.NewContextOptions().setViewportSize(390, 844).setDeviceScaleFactor(2).setIsMobile(true)
                .setHasTouch(true).setLocale("zh-CN").setReducedMotion(ReducedMotion.REDUCE));
    }

    /** The refusal stands right under its own field, says why, and the page still fits the phone. */
    private static void refusedBeside(Page page, String field, String why) {
        Locator control = page.locator("#" + field);
        Locator error = page.locator("#" + field + "-error");
        assertThat(error).isVisible();
        assertThat(error).containsText(why);
        assertThat(control).hasAttribute("aria-invalid", "true");
        assertThat(control).hasAttribute("aria-describedby", Pattern.compile("(^|\\s)" + field + "-error($|\\s)"));
        BoundingBox c = control.boundingBox();
        BoundingBox e = error.boundingBox();
        assertThat(e.y).as("the error is under its field").isBetween(c.y + c.height - 1, c.y + c.height + 40);
        assertThat(Math.abs(e.x - c.x)).as("and aligned with it").isLessThan(2.0);
        assertThat(page.locator(".invalid-feedback:visible")).hasCount(1);
        // the refused field and its reason fit the phone, and so does the page (the countdown badge wraps)
        assertThat(c.x + c.width).as("the refused field fits the phone").isLessThanOrEqualTo(390.0);
        assertThat(e.x + e.width).as("its reason fits the phone").isLessThanOrEqualTo(390.0);
        Number width = (Number) page.evaluate("() => document.documentElement.scrollWidth");
        assertThat(width.intValue()).as("no sideways scrolling at 390 px; wider: " + page.evaluate(WIDE)).isLessThanOrEqualTo(390);
    }

    /** The outermost elements of main wider than the phone (a note for the 390 px layout work of issue 23 point 12). */
    static final String WIDE = """
            () => Array.from(document.querySelectorAll('main *')).filter(e => e.getBoundingClientRect().right > 391
                     && !(e.parentElement && e.parentElement.getBoundingClientRect().right > 391))
                   .slice(0, 5).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""";

    private void feedback(Page unit, String measures, String completedOn) {
        unit.fill("#measures", measures);
        unit.fill("#completedOn", completedOn);
        unit.setInputFiles("#documents", new FilePayload("整改报告.pdf", "application/pdf", PDF));
        unit.fill("#residualRisk", "无");
        unit.press("#residualRisk", "Enter"); // submitted from the phone keyboard
    }

    @Test
    void onAPhoneTheSupervisorReturnsTheUnitFeedsBackAgainAndTheSupervisorClosesEachRefusalBesideItsField_A10_2() {
        long system = jdbc.sql("select id from systems_system where name = '教育局门户网站' order by id").query(Long.class).list().get(0);
        try (BrowserContext supervisorContext = phone(); BrowserContext unitContext = phone()) {
            Page supervisor = signIn(supervisorContext, "supervisor");
            supervisor.navigate("http://127.0.0.1:" + port + "/hazards/new");
            supervisor.selectOption("#systemId", String.valueOf(system));
            supervisor.selectOption("#severity", "MEDIUM");
            supervisor.selectOption("#source", "INSPECTION");
            supervisor.fill("#title", "手机表单测试·日志未留存");
            supervisor.locator("#hazard-form button[type=submit]").tap();
            supervisor.waitForURL(Pattern.compile(".*/hazards/\\d+$"));
            assertThat(supervisor.locator("#hazard-done")).containsText("个工作日内");
            String hazardUrl = supervisor.url();
            long id = Long.parseLong(hazardUrl.substring(hazardUrl.lastIndexOf('/') + 1));

            Page unit = signIn(unitContext, "unit1");
            unit.navigate(hazardUrl);
            unit.fill("#handlerName", "赵留存");
            unit.fill("#firstMeasures", "已开启日志外发");
            unit.locator("#acknowledge-form button[type=submit]").tap();
            assertThat(unit.locator("#hazard-done")).containsText("整改报告");
            feedback(unit, "已配置日志留存六个月", today().toString());
            assertThat(unit.locator("#hazard-done")).containsText("等待预警部门复核");

            // the supervisor's return with a two-character reason: refused beside the return form's reason, nothing moves
            supervisor.navigate(hazardUrl);
            supervisor.fill("#reason", "缺图");
            supervisor.press("#reason", "Enter"); // the phone keyboard's 「前往」 submits the one-field form
            refusedBeside(supervisor, "reason", "请填写理由（至少4个字）");
            assertThat(supervisor.locator("#reason")).hasValue("缺图");
            assertThat(supervisor.locator("#note")).not().hasAttribute("aria-invalid", "true");
            assertThat(supervisor.locator("#hazard-state")).hasText("已反馈待核验");
            assertThat(jdbc.sql("select status from hazards_hazard where id = :id").param("id", id).query(String.class).single())
                    .isEqualTo("FEEDBACK_SUBMITTED");
            supervisor.fill("#reason", "未附留存策略截图，请补充");
            supervisor.press("#reason", "Enter"); // the phone keyboard's 「前往」 submits the one-field form
            assertThat(supervisor.locator("#hazard-done")).containsText("已退回整改");
            assertThat(supervisor.locator("#hazard-state")).hasText("已退回");
            assertThat(supervisor).hasURL(Pattern.compile(".*/hazards/" + id + "$"));

            // the unit feeds back again, first with a completion date in the future: refused beside that date, the measures kept
            unit.navigate(hazardUrl);
            assertThat(unit.locator("#hazard-timeline")).containsText("未附留存策略截图");
            feedback(unit, "已配置日志留存六个月，附策略截图", today().plusDays(3).toString());
            refusedBeside(unit, "completedOn", "整改完成日期须在通知之后且不晚于今天");
            assertThat(unit.locator("#measures")).hasValue("已配置日志留存六个月，附策略截图");
            assertThat(unit.locator("#hazard-state")).hasText("已退回");
            feedback(unit, "已配置日志留存六个月，附策略截图", today().toString());
            assertThat(unit.locator("#hazard-done")).containsText("已提交整改反馈");
            assertThat(unit.locator("#hazard-state")).hasText("已反馈待核验");

            // the supervisor closes: the message says the loop is complete
            supervisor.navigate(hazardUrl);
            supervisor.fill("#note", "复核确认已整改");
            supervisor.press("#note", "Enter");
            assertThat(supervisor.locator("#hazard-done")).containsText("闭环完成");
            assertThat(supervisor.locator("#hazard-state")).hasText("已关闭");
        }
    }
}
