package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.govcloud.guard.AppTest;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A grade-III incident in the browser (A10.5): the unit reports it, sees the 30-minute countdown on
 * the incident page and its home page, submits the initial report, a progress report, resolves it
 * and submits the analysis report; the regulator acknowledges the initial report.
 */
@AppTest
class IncidentBrowserTests extends BrowserSession {

    /** Clicks a submit button and waits for the page it leads to (a POST answered by a redirect), however loaded the machine is. */
    @SuppressWarnings("deprecation")
    private static void submit(Page page, String selector) {
        page.waitForNavigation(new Page.WaitForNavigationOptions().setTimeout(60_000), () -> page.click(selector));
    }

    @Test
    void aUnitReportsAGradeIIIIncidentAgainstTheClockAndTheRegulatorAcknowledges_A10_5() {
        String confirmed = nowInBeijing().minusMinutes(2).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
        String discovered = nowInBeijing().minusMinutes(10).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
        try (BrowserContext unitContext = newContext(); BrowserContext regulatorContext = newContext()) {
            Page unit = signIn(unitContext, "unit1");
            unit.navigate("http://127.0.0.1:" + port + "/incidents");
            unit.click("#incident-new");
            unit.waitForURL(Pattern.compile(".*/incidents/new$"));
            unit.fill("#title", "浏览器测试·招生考试系统遭受勒索病毒攻击");
            unit.selectOption("#systemId", new SelectOption().setIndex(1));
            unit.selectOption("#category", "MALWARE");
            unit.selectOption("#subType", "MALWARE.TROJAN");
            unit.fill("#discoveredAt", discovered);
            unit.fill("#confirmedAt", confirmed);
            unit.fill("#description", "报名服务器文件被加密");
            unit.fill("#impact", "考生无法在线报名");
            unit.fill("#peopleAffected", "150000");
            assertThat(unit.locator("#grade-suggestion")).hasAttribute("data-grade", "III");
            unit.selectOption("#grade", "III");
            unit.check("#gradeConfirmed");
            submit(unit, "#incident-form button[type=submit]");
            unit.waitForURL(Pattern.compile(".*/incidents/\\d+$"));
            String incidentUrl = unit.url();
            assertThat(unit.locator("#incident-grade")).hasText("Ⅲ级（较大）");
            // the countdown runs (mm:ss, under 30 minutes)
            assertThat(unit.locator("#incident-countdown")).hasText(Pattern.compile("^[0-2]\\d:[0-5]\\d$"));
            unit.navigate("http://127.0.0.1:" + port + "/");
            assertThat(unit.locator("#incident-clocks")).containsText("浏览器测试·招生考试系统遭受勒索病毒攻击");
            assertThat(unit.locator("#incident-clocks .incident-countdown").first()).hasText(Pattern.compile("^\\d\\d:\\d\\d$"));

            unit.navigate(incidentUrl);
            unit.fill("#initial-measures", "隔离受感染服务器，启用备份系统");
            unit.fill("#initial-reporter", "张安全");
            submit(unit, "#initial-form button[type=submit]");
            assertThat(unit.locator("#report-1 .report-kind")).containsText("安全事件初报");
            assertThat(unit.locator("#incident-countdown")).hasCount(0);

            unit.fill("#progress-summary", "备份系统已接管报名服务");
            unit.fill("#progress-reporter", "张安全");
            unit.check("#progress-contained");
            submit(unit, "#progress-form button[type=submit]");
            assertThat(unit.locator("#report-2 .report-kind")).containsText("进展报告");
            assertThat(unit.locator("#incident-status")).hasText("已控制");

            unit.fill("#resolve-note", "系统已恢复");
            submit(unit, "#resolve-submit");
            assertThat(unit.locator("#incident-status")).hasText("已处置完毕");
            unit.fill("#final-rootCause", "未修补的远程代码执行漏洞");
            unit.fill("#final-summary", "报名中断3小时，无数据泄露");
            unit.fill("#final-timeline", "发现、确认、初报、恢复");
            unit.fill("#final-measures", "修补漏洞，恢复数据");
            unit.fill("#final-lessons", "建立补丁管理制度");
            unit.fill("#final-reporter", "张安全");
            submit(unit, "#final-form button[type=submit]");
            assertThat(unit.locator("#report-3 .report-kind")).containsText("分析报告");
            assertThat(unit.locator("#incident-timeline")).containsText("分析报告");

            Page regulator = signIn(regulatorContext, "regulator");
            regulator.navigate(incidentUrl);
            submit(regulator, "#report-1 .report-acknowledge");
            assertThat(regulator.locator("#report-1 .report-acknowledged")).isVisible();
            assertThat(regulator.locator("#incident-timeline")).containsText("主管部门确认收悉");
        }
    }
}
