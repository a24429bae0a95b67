package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.notify.Inbox;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.security.DemoActors;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Role;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 23 points 5, 6 and 7 walked in Chromium as the person each is for, with screenshots at 1440 and
 * 390 px wide under {@code target/screenshots/}.
 */
@AppTest
class TaskUiBrowserTests extends BrowserSession {
    static final Pattern REMAINING = Pattern.compile("^(剩余 \\d+ (个工作日|天|小时|分钟)|已逾期 \\d+ (天|小时|分钟)|已反馈，计时停止)$");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Inbox inbox;

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

    /** A browser whose clock runs three hours fast: what the pages say must not change (they count on the server's clock). */
    private BrowserContext fastClient() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900));
        context.clock().install(new com.microsoft.playwright.Clock.InstallOptions().setTime(clock.millis() + 3 * 3600_000L));
        return context;
    }

    @Test
    void issue23_point5_A10_2_everyListAndTheHomePageShowTimeRemainingOnTheServersClock() {
        try (BrowserContext context = fastClient()) {
            Page page = signIn(context, "unit1");
            // the unit's home: its open duties and hazards, each with time remaining
            Locator agenda = page.locator("#agenda .time-left");
            assertThat(agenda.first()).isVisible();
            for (String text : agenda.allTextContents()) {
                assertThat(text.strip()).matches(REMAINING);
            }
            assertThat(page.locator("#home-hazards .time-left").first()).hasText(REMAINING);
            shoot(page, "p5-home-unit");

            page.navigate(url("/duties"));
            Locator dutyLeft = page.locator("#duty-table .time-left");
            assertThat(dutyLeft.first()).hasText(REMAINING);
            // the tooltip names the due time the words count to
            assertThat(dutyLeft.first()).hasAttribute("title", Pattern.compile("^截止 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d$"));
            shoot(page, "p5-duties");

            page.navigate(url("/hazards"));
            assertThat(page.locator("table .time-left").first()).hasText(REMAINING);
            shoot(page, "p5-hazards");

            page.navigate(url("/access/channels"));
            assertThat(page.locator("h1")).isVisible();
            shoot(page, "p5-channels");

            // the incident's 30-minute clock: reported two minutes ago, the fast browser still counts ~28 minutes, never 超时
            String confirmed = nowInBeijing().minusMinutes(2).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
            page.navigate(url("/incidents/new"));
            page.fill("#title", "界面测试·门户网站页面被篡改");
            page.selectOption("#systemId", new SelectOption().setIndex(1));
            page.selectOption("#category", "MALWARE");
            page.selectOption("#subType", "MALWARE.TROJAN");
            page.fill("#discoveredAt", confirmed);
            page.fill("#confirmedAt", confirmed);
            page.fill("#description", "首页出现非法内容");
            page.fill("#impact", "门户无法正常访问");
            page.fill("#peopleAffected", "150000");
            assertThat(page.locator("#grade-suggestion")).hasAttribute("data-grade", "III");
            page.selectOption("#grade", "III");
            page.check("#gradeConfirmed");
            page.locator("#incident-form button[type=submit]").click();
            page.waitForURL(Pattern.compile(".*/incidents/\\d+$"));
            assertThat(page.locator("#incident-countdown")).hasText(Pattern.compile("^2[0-9]:[0-5]\\d$"));
            page.navigate(url("/incidents"));
            assertThat(page.locator("tr", new Page.LocatorOptions().setHasText("界面测试·门户网站页面被篡改")).locator(".time-left"))
                    .hasText(Pattern.compile("^剩余 (2\\d|30) 分钟$"));
            shoot(page, "p5-incidents");
        }
    }

    @Test
    void issue23_point6_A10_1_theSupervisorsInboxGroupsPerRuleAndDayFiltersAndMarksAllRead() {
        Actor supervisor = DemoActors.actor(jdbc, "supervisor");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String rule = "每日巡检记录" + run;
        Instant day = clock.instant().minusSeconds(3600);
        for (int i = 0; i < 157; i++) {
            inbox.deliver(new Notice("test:ui:" + run + ":" + i, supervisor.orgId(), Set.of(Role.SUPERVISOR), "duties.notice.overdue",
                    List.of(rule, "系统" + i, "2026-12-01", "第五条第四款"), "/duties", Notice.Severity.CRITICAL, day));
        }
        inbox.deliver(new Notice("test:ui:" + run + ":other", supervisor.orgId(), Set.of(Role.SUPERVISOR), "duties.notice.submitted",
                List.of("等保测评报告" + run, "社保系统", "2026-12-01", "第七条第二款"), "/duties", Notice.Severity.INFO, day));
        try (BrowserContext context = newContext(new Browser.NewContextOptions().setViewportSize(1440, 900))) {
            Page page = signIn(context, "supervisor");
            page.locator("#site-nav a[href='/inbox']").click();
            page.waitForURL(Pattern.compile(".*/inbox$"));
            Locator group = page.locator("#inbox-groups li.inbox-group").filter(new Locator.FilterOptions().setHasText(rule));
            assertThat(group).hasCount(1);
            assertThat(group.locator(".inbox-group-label")).hasText("逾期");
            assertThat(group.locator(".inbox-group-count")).hasText("共 157 条");
            assertThat(group.locator(".inbox-group-details li")).hasCount(157);
            assertThat(group.locator(".inbox-group-details li").first()).not().isVisible();
            group.locator(".inbox-group-details summary").click();
            assertThat(group.locator(".inbox-group-details li").first()).isVisible();
            assertThat(group.locator(".inbox-group-details li").first()).containsText(rule);
            shoot(page, "p6-inbox-grouped");

            // filter: duties, critical only — the review notice (INFO) is not shown
            page.locator("#inbox-kinds a[data-kind='DUTY']").click();
            page.waitForURL(Pattern.compile(".*kind=DUTY.*"));
            page.locator("#inbox-severities a[data-severity='CRITICAL']").click();
            page.waitForURL(Pattern.compile(".*severity=CRITICAL.*"));
            assertThat(page.locator("#inbox-groups")).containsText(rule);
            assertThat(page.locator("#inbox-groups")).not().containsText("等保测评报告" + run);
            shoot(page, "p6-inbox-filtered");

            // mark what the filter shows read: the review notice stays unread; the click is audited
            page.locator("#inbox-read-all").click();
            assertThat(page.locator("[role=status]")).containsText("已将");
            assertThat(group.locator(".inbox-group-read")).hasCount(0);
            page.navigate(url("/inbox?unread=true"));
            assertThat(page.locator("#inbox-groups")).containsText("等保测评报告" + run);
            assertThat(page.locator("#inbox-groups")).not().containsText(rule);
            shoot(page, "p6-inbox-unread");
        }
        long audited = jdbc.sql("select count(*) from audit_record where action = 'notify.inbox.readAll' and actor like '%supervisor%' "
                + "and details like '%kind=DUTY severity=CRITICAL%'").query(Long.class).single();
        assertThat(audited).isPositive();
    }

    @Test
    void issue23_point7_theSupervisorNavigatesByTaskAndAUnitsHomeShowsItsOwnWork() {
        try (BrowserContext context = newContext(new Browser.NewContextOptions().setViewportSize(1440, 900))) {
            Page page = signIn(context, "supervisor");
            assertThat(page.locator("#site-nav details.nav-group > summary > span:first-child"))
                    .hasText(new String[] {"态势与考核", "云上系统", "隐患与事件", "运维与访问", "数据安全", "平台与服务商", "系统管理"});
            // what waits is counted on the group; a group folds and opens with a click
            assertThat(page.locator("#nav-group-overview .nav-waiting")).hasText(Pattern.compile("^\\d+.*"));
            shoot(page, "p7-nav-supervisor");
            page.locator("#nav-group-hazards > summary").click();
            assertThat(page.locator("#nav-group-hazards a[href='/hazards']")).not().isVisible();
            page.locator("#nav-group-hazards > summary").click();
            page.locator("#nav-group-hazards a[href='/hazards']").click();
            page.waitForURL(Pattern.compile(".*/hazards$"));
            // on the page it leads to, its group is open and the item marked
            assertThat(page.locator("#nav-group-hazards a[aria-current='page']")).hasAttribute("href", "/hazards");
            assertNoItemIsRefused(page);
        }
        try (BrowserContext context = newContext(new Browser.NewContextOptions().setViewportSize(1440, 900))) {
            Page page = signIn(context, "unit1");
            // the unit's home: its systems with their state, its duties with time remaining, its hazards; no "用户 n"
            assertThat(page.locator("#home-systems .home-system").first()).isVisible();
            assertThat(page.locator("#home-systems .home-system .badge").first()).hasText(Pattern.compile("^(登记|待签协议|待核验|已准入|暂停服务|限期退出)$"));
            assertThat(page.locator("#agenda .time-left").first()).hasText(REMAINING);
            assertThat(page.locator("#home-hazards")).isVisible();
            assertThat(page.locator(".figure-card")).hasCount(0);
            assertThat(page.locator("header .app-user")).containsText("包头市教育局");
            // the provider's registers are not offered to a unit (its provider-exit page is: A5.6 concerns it)
            assertThat(page.locator("#site-nav a[href='/platform/hardware']")).hasCount(0);
            assertThat(page.locator("#site-nav a[href='/admin/users']")).hasCount(0);
            shoot(page, "p7-home-unit");
            assertNoItemIsRefused(page);
        }
    }

    /** Issue 23 point 7: every page the navigation offers opens for the person it is offered to. */
    private void assertNoItemIsRefused(Page page) {
        List<String> refused = new ArrayList<>();
        for (Object href : (List<?>) page.locator("#site-nav a.nav-link").evaluateAll("links => links.map(a => a.getAttribute('href'))")) {
            int status = page.request().get(url(String.valueOf(href))).status();
            if (status >= 400) {
                refused.add(href + " → " + status);
            }
        }
        assertThat(refused).isEmpty();
    }
}
