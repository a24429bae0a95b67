package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.govcloud.guard.AppTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.SelectOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 23 point 9, issue 18 point 5 on the incident module's forms, at 1440 and 390 px (screenshots under
 * {@code target/screenshots/issue23-p9-incident-*.png}): the incident form's sub-type and grading inputs and the drill
 * form's checkboxes are the shared fields (fragments/fields.html), so a refusal stands beside its field with what was
 * typed or ticked kept and nothing saved; the corrected form is accepted (post/redirect/get). A10.3, A10.4, A10.5.
 */
@AppTest
class IncidentFormsBrowserTests extends BrowserSession {
    private static final int[] WIDTHS = {1440, 390};
    private static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    private BrowserContext context(int width) {
        return newContext(new Browser.NewContextOptions().setViewportSize(width, width > 400 ? 900 : 844).setLocale("zh-CN"));
    }

    private static void shot(Page page, String name, int width) {
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(Path.of("target/screenshots/issue23-p9-incident-" + name + "-" + width + ".png")));
    }

    /** The refusal of {@code field} stands right under it, marked on the control. */
    private static void refusedBeside(Page page, String field, String why) {
        Locator error = page.locator("#" + field + "-error");
        assertThat(error).isVisible();
        assertThat(error).containsText(why);
        assertThat(page.locator("#" + field)).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#" + field)).hasAttribute("aria-describedby", Pattern.compile("(^|\\s)" + field + "-error($|\\s)"));
        assertThat(page.locator("#" + field + " ~ #" + field + "-error, #" + field + "-help ~ #" + field + "-error")).hasCount(1);
    }

    @Test
    void theIncidentFormRefusesASubTypeOfAnotherCategoryAndANegativeFigureBesideTheirFields_A10_4() {
        DateTimeFormatter minute = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
        for (int width : WIDTHS) {
            String title = "表单测试·门户网站被篡改" + width + "-" + System.nanoTime() % 1_000_000;
            try (BrowserContext context = context(width)) {
                Page unit = signIn(context, "unit1");
                unit.navigate("http://127.0.0.1:" + port + "/incidents/new");
                unit.fill("#title", title);
                unit.selectOption("#systemId", new SelectOption().setIndex(1));
                // the sub-types offered follow the category (incidents.js): a network attack's are hidden under 有害程序事件
                unit.selectOption("#category", "MALWARE");
                assertThat(unit.locator("#subType option[value='NETWORK_ATTACK.DOS']")).isDisabled();
                unit.selectOption("#category", "NETWORK_ATTACK");
                unit.selectOption("#subType", "NETWORK_ATTACK.DOS");
                // a page left open while the category changed without its script (or a hand-made post): the pair does not match
                unit.evaluate("() => { document.getElementById('category').value = 'INFORMATION_DESTRUCTION'; }");
                unit.fill("#discoveredAt", nowInBeijing().minusMinutes(20).format(minute));
                unit.fill("#confirmedAt", nowInBeijing().minusMinutes(5).format(minute));
                unit.fill("#description", "首页被植入非法内容");
                unit.fill("#impact", "公众访问受影响");
                unit.fill("#peopleAffected", "-5");
                unit.selectOption("#grade", "IV");
                unit.check("#gradeConfirmed");
                unit.click("#incident-form button[type=submit]");

                refusedBeside(unit, "subType", "不属于所选类别");
                refusedBeside(unit, "peopleAffected", "非负数字");
                assertThat(unit.locator("#form-error")).isVisible();
                assertThat(unit.locator("#title")).hasValue(title);
                assertThat(unit.locator("#peopleAffected")).hasValue("-5");
                assertThat(unit.locator("#description")).hasValue("首页被植入非法内容");
                assertThat(unit.locator("label[for=subType]")).isVisible();
                unit.locator("#grading").scrollIntoViewIfNeeded();
                shot(unit, "form-refused", width);

                // corrected: accepted, and the browser is sent on to the incident (post/redirect/get)
                unit.selectOption("#category", "INFORMATION_DESTRUCTION");
                unit.selectOption("#subType", "INFORMATION_DESTRUCTION.TAMPERING");
                unit.fill("#peopleAffected", "10");
                assertThat(unit.locator("#grade-suggestion")).hasAttribute("data-grade", "IV");
                unit.fill("#peopleAffected", "150000");
                assertThat(unit.locator("#grade-suggestion")).hasAttribute("data-grade", "III");
                unit.fill("#peopleAffected", "10");
                unit.selectOption("#grade", "IV");
                if (!unit.locator("#gradeConfirmed").isChecked()) {
                    unit.check("#gradeConfirmed");
                }
                unit.click("#incident-form button[type=submit]");
                unit.waitForURL(Pattern.compile(".*/incidents/\\d+$"));
                assertThat(unit.locator("#incident-title")).hasText(title);
                shot(unit, "form-accepted", width);
            }
        }
    }

    @Test
    void theDrillFormRefusesADrillWithoutAScenarioBesideTheCheckboxesAndKeepsTheTickedUnits_A10_3() {
        for (int width : WIDTHS) {
            String title = "表单测试·综合应急演练" + width + "-" + System.nanoTime() % 1_000_000;
            try (BrowserContext context = context(width)) {
                Page provider = signIn(context, "provider");
                provider.navigate("http://127.0.0.1:" + port + "/incidents/drills");
                provider.fill("#drillDate", today().toString());
                provider.fill("#drill-title", title);
                provider.fill("#organiser", "王演练");
                provider.fill("#drill-summary", "演练总结");
                Locator firstUnit = provider.locator("input[name=invitedUnitIds]").first();
                firstUnit.check();
                String unitId = firstUnit.getAttribute("value");
                provider.locator("#drill-report").setInputFiles(new FilePayload("演练报告.pdf", "application/pdf", PDF));
                provider.click("#drill-form button[type=submit]");

                Locator error = provider.locator("#scenarios-error");
                assertThat(error).isVisible();
                assertThat(provider.locator("#scenarios-networkAttack")).not().isChecked();
                assertThat(provider.locator("#invitedUnitIds-" + unitId)).isChecked();
                assertThat(provider.locator("#drill-title")).hasValue(title);
                assertThat(provider.locator("legend", new Page.LocatorOptions().setHasText("场景")).first()).isVisible();
                error.scrollIntoViewIfNeeded();
                shot(provider, "drill-refused", width);

                for (String s : new String[] {"networkAttack", "dataLeak", "systemFailure", "drSwitchover"}) {
                    provider.check("#scenarios-" + s);
                }
                provider.locator("#drill-report").setInputFiles(new FilePayload("演练报告.pdf", "application/pdf", PDF));
                provider.click("#drill-form button[type=submit]");
                assertThat(provider.locator("#drill-done")).isVisible();
                assertThat(provider).hasURL(Pattern.compile(".*/incidents/drills$"));
                assertThat(provider.locator("#drill-table")).containsText(title);
                shot(provider, "drill-accepted", width);
            }
        }
    }
}
