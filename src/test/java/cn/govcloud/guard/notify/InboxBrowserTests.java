package cn.govcloud.guard.notify;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.notify.internal.Addressee;
import cn.govcloud.guard.notify.internal.InboxService;
import cn.govcloud.guard.security.DemoActors;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Role;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The inbox in a real browser (Debian's Chromium): the unread badge in the navigation, the list,
 * "load more" through htmx under the strict CSP, marking one and then all read.
 */
@AppTest
class InboxBrowserTests {
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static Playwright playwright;
    static Browser browser;

    @LocalServerPort
    int port;
    @Autowired
    Inbox inbox;
    @Autowired
    InboxService service;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void launch() {
        if (!Files.isExecutable(CHROMIUM)) {
            if ("1".equals(System.getenv("GOVGUARD_REQUIRE_PG"))) {
                throw new IllegalStateException("/usr/bin/chromium is missing: apt-get install -y chromium fonts-noto-cjk");
            }
            System.err.println("!!!!!!!!!! SKIPPING BROWSER TESTS: /usr/bin/chromium missing (apt-get install -y chromium fonts-noto-cjk)");
            Assumptions.abort("/usr/bin/chromium missing");
        }
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(java.util.Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void staffSeeTheBadgeOpenTheInboxLoadMoreAndMarkRead() {
        Actor staff = DemoActors.actor(jdbc, "unit1staff");
        service.markAllRead(Addressee.of(staff), null);
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 51; i++) {
            inbox.deliver(new Notice("test:browser:" + run + ":" + i, staff.orgId(), Set.of(Role.UNIT_STAFF), "home.greeting",
                    List.of("通知" + i + "-" + run), i == 50 ? "/account" : null,
                    i == 50 ? Notice.Severity.CRITICAL : Notice.Severity.INFO, Instant.parse("2026-11-26T02:00:00Z")));
        }
        try (var context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate("http://127.0.0.1:" + port + "/login");
            page.fill("#username", "unit1staff");
            page.fill("#password", ApiClient.DEMO_PASSWORD);
            page.click("#login-submit");
            assertThat(page).hasURL(Pattern.compile(".*:" + port + "/$"));
            assertThat(page.locator("#nav-inbox-unread")).containsText("51");

            page.locator("#site-nav a[href='/inbox']").click();
            assertThat(page).hasURL(Pattern.compile(".*/inbox$"));
            // the inbox opens grouped (issue 23 point 6); one by one is a click away
            page.locator("#inbox-view-list").click();
            assertThat(page).hasURL(Pattern.compile(".*/inbox\\?view=list$"));
            // this run's notices only: the demo city's own (e.g. duty reminders for unit1's systems) may be listed after them
            Locator items = page.locator("#inbox-items li.inbox-item").filter(new Locator.FilterOptions().setHasText(run));
            assertThat(items).hasCount(50);
            assertThat(items.first()).containsText("您好，通知50-" + run);
            assertThat(items.first()).containsText("紧急");
            assertThat(items.first().locator("a[href='/account']")).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/browser-inbox.png")).setFullPage(false));

            page.locator("#inbox-more a").click(); // htmx appends the next rows in place
            assertThat(items).hasCount(51);
            assertThat(page.locator("#inbox-items")).containsText("您好，通知0-" + run);
            assertThat(page).hasURL(Pattern.compile(".*/inbox\\?view=list$"));

            items.first().locator("button").click();
            assertThat(page).hasURL(Pattern.compile(".*/inbox\\?view=list$"));
            assertThat(page.locator("#nav-inbox-unread")).containsText("50");
            assertThat(page.locator("#inbox-items li.inbox-item").first()).hasClass(Pattern.compile(".*inbox-read.*"));

            page.locator("#inbox-read-all").click();
            assertThat(page.locator("[role=status]")).containsText("50");
            assertThat(page.locator("#nav-inbox-unread")).hasCount(0);
            assertThat(page.locator("#inbox-items li.inbox-unread")).hasCount(0);
        }
    }
}
