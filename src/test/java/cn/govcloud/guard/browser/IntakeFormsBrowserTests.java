package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.AppTest;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import java.nio.file.Paths;
import java.sql.Timestamp;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 23 point 9 and issue 18 point 5 for the intake forms (A10.1) walked in Chromium: a triage queue row's dismiss form
 * and the syslog mapping rule form (fragments/fields.html). Each refusal stands right under its own field (aria-invalid,
 * aria-describedby), what was typed is kept and nothing changes; the corrected step comes back (post/redirect/get) saying
 * what was done. Screenshots at 1440 and 390 px wide under {@code target/screenshots/issue23-p9-intake-*.png}.
 */
@AppTest
class IntakeFormsBrowserTests extends BrowserSession {
    @Autowired
    JdbcClient jdbc;

    /** The page at a desktop's and a phone's width, {@code focus} scrolled into view. */
    private static void shoot(Page page, Locator focus, String name) {
        for (int width : new int[] {1440, 390}) {
            page.setViewportSize(width, width == 1440 ? 900 : 844);
            focus.scrollIntoViewIfNeeded();
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/issue23-p9-intake-" + name + "-" + width + ".png")));
        }
        page.setViewportSize(1440, 900);
    }

    /** The refusal stands right under its own field, says why, and is the page's only one. */
    private static void refusedBeside(Page page, String id, String why) {
        Locator control = page.locator("#" + id);
        Locator error = page.locator("#" + id + "-error");
        assertThat(error).isVisible();
        assertThat(error).containsText(why);
        assertThat(control).hasAttribute("aria-invalid", "true");
        assertThat(control).hasAttribute("aria-describedby", Pattern.compile("(^|\\s)" + id + "-error($|\\s)"));
        BoundingBox c = control.boundingBox();
        BoundingBox e = error.boundingBox();
        assertThat(e.y).as("the error is under its field").isBetween(c.y + c.height - 1, c.y + c.height + 40);
        assertThat(Math.abs(e.x - c.x)).as("and aligned with it").isLessThan(2.0);
        assertThat(page.locator(".invalid-feedback:visible")).hasCount(1);
    }

    private String alertState(long id) {
        return jdbc.sql("select state from intake_alert where id = :id").param("id", id).query(String.class).single();
    }

    @Test
    void issue23_point9_A10_1_theTriageRowAndTheSyslogRuleForm_sayWhyBesideTheField() {
        String token = "BT-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into intake_alert (source, title, severity, first_at, last_at, state, received_at, received_by, address) "
                        + "values ('SYSLOG', :t, 'HIGH', :at, :at, 'TRIAGE', :at, 'test', '198.51.100.77')")
                .param("t", token + " 未知主机端口扫描").param("at", Timestamp.from(clock.instant())).update();
        long alert = jdbc.sql("select id from intake_alert where title = :t").param("t", token + " 未知主机端口扫描").query(Long.class).single();

        try (BrowserContext supervisorContext = newContext(); BrowserContext adminContext = newContext()) {
            // the triage queue: a blank reason (spaces pass the browser's own check) is refused beside THAT row's reason
            Page supervisor = signIn(supervisorContext, "supervisor");
            supervisor.setViewportSize(1440, 900);
            supervisor.navigate("http://127.0.0.1:" + port + "/intake/triage");
            Locator row = supervisor.locator("#triage-alerts-" + alert);
            String reason = "dismiss-alerts-" + alert + "-reason";
            assertThat(supervisor.locator("label[for=" + reason + "]")).hasText("理由");
            supervisor.fill("#" + reason, "   ");
            row.locator("form.triage-dismiss button[type=submit]").click();
            assertThat(supervisor).hasURL(Pattern.compile(".*/intake/triage$"));
            refusedBeside(supervisor, reason, "请写明忽略理由");
            assertThat(supervisor.locator("#assign-alerts-" + alert + "-systemId")).not().hasAttribute("aria-invalid", "true");
            assertThat(alertState(alert)).isEqualTo("TRIAGE");
            shoot(supervisor, row, "triage-refused");

            supervisor.fill("#" + reason, "演练流量，已核实为误报");
            supervisor.locator("#triage-alerts-" + alert + " form.triage-dismiss button[type=submit]").click();
            assertThat(supervisor.locator("#intake-done")).containsText("已忽略并记下理由");
            assertThat(supervisor.locator("#triage-alerts-" + alert)).hasCount(0);
            assertThat(alertState(alert)).isEqualTo("DISMISSED");

            // the syslog mapping rule: a position that is not a number, then a regular expression that does not compile
            Page admin = signIn(adminContext, "secadmin");
            admin.setViewportSize(1440, 900);
            admin.navigate("http://127.0.0.1:" + port + "/intake/syslog/rules/new");
            String name = "浏览器测试规则 " + token;
            admin.fill("#r-name", name);
            admin.fill("#r-position", "第一");
            admin.fill("#r-pattern", "SRC=(?<src>\\S+");
            admin.fill("#r-title", "防火墙拦截 {src}");
            admin.click("#rule-save");
            refusedBeside(admin, "r-position", "顺序须为 0 至 100000 的整数");
            assertThat(admin.locator("#form-error")).containsText("规则未保存");
            assertThat(admin.locator("#r-name")).hasValue(name);
            assertThat(admin.locator("#r-title")).hasValue("防火墙拦截 {src}");
            shoot(admin, admin.locator("#r-position"), "syslog-rule-position-refused");

            admin.fill("#r-position", "10");
            admin.click("#rule-save");
            refusedBeside(admin, "r-pattern", "正则表达式语法错误");
            assertThat(admin.locator("#r-pattern")).hasValue("SRC=(?<src>\\S+");
            assertThat(admin.locator("#r-position")).hasValue("10");
            assertThat(jdbc.sql("select count(*) from intake_syslog_rule where name = :n").param("n", name).query(Long.class).single()).isZero();
            shoot(admin, admin.locator("#r-pattern"), "syslog-rule-pattern-refused");

            admin.fill("#r-pattern", "SRC=(?<src>\\S+)");
            admin.click("#rule-save");
            assertThat(admin).hasURL(Pattern.compile(".*/intake/syslog$"));
            assertThat(admin.locator("#intake-done")).containsText(name);
            assertThat(jdbc.sql("select count(*) from intake_syslog_rule where name = :n").param("n", name).query(Long.class).single()).isEqualTo(1L);
        }
    }
}
