package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import cn.govcloud.guard.AppTest;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 23 point 12 for the supervision pages at 390 px: the month's scheduling session (6,815 px tall before) stays
 * usable — no horizontal scrolling, its sections reachable, its height measured against the wide screen's and bounded —
 * and the supervision's lists (notices, follow-ups, periods, sessions) keep their search form and fit the phone.
 * Issue 23 point 11: a keyword typed into a list's search form stays in the URL and the export link carries it.
 */
@AppTest
class SupervisionPhoneBrowserTests extends BrowserSession {
    static final int PHONE = 390;
    /**
     * The session page at 390 px grows with its agenda: at most this much around it and {@link #PER_ITEM} a drafted item
     * (before issue 23 point 12's compaction it measured 7,364 px with 23 items — 6,600 allowed — and 6,815 px in the issue).
     * The drafted items depend on what the shared test database holds by then (their titles wrap to one or two lines): 160
     * px an item held with 14 items in the helper's run and failed by 405 px with 60 items in CI (12,005 px, ≈ 167 px an
     * item), so the allowance is 200 px an item — still short of the old layout's ≈ 233.
     */
    static final int FIXED_HEIGHT = 2_000;
    static final int PER_ITEM = 200;

    private BrowserContext phone() {
        return newContext(new Browser.NewContextOptions().setViewportSize(PHONE, 844).setDeviceScaleFactor(2).setIsMobile(true)
                .setHasTouch(true).setLocale("zh-CN"));
    }

    private BrowserContext desktop() {
        return newContext(new Browser.NewContextOptions().setViewportSize(1440, 900).setLocale("zh-CN"));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static int number(Page page, String script) {
        return ((Number) page.evaluate(script)).intValue();
    }

    @Test
    void theSchedulingSessionStaysUsableAt390px_A11_3() {
        try (BrowserContext small = phone(); BrowserContext wideContext = desktop()) {
            // an open session with the agenda drafted from the demo city's data (a past month: the current one may be closed)
            long id = openSession();
            Page phone = signIn(small, "supervisor");
            phone.navigate(url("/supervision/scheduling/" + id));
            assertThat(phone.locator("#agenda-table")).isAttached();
            assertThat(phone.locator("#action-form")).isAttached();
            int width = number(phone, "() => document.documentElement.scrollWidth");
            int tall = number(phone, "() => document.documentElement.scrollHeight");
            SystemBrowserTests.shots(phone, "23-12-390-scheduling-session");
            Page wide = signIn(wideContext, "supervisor");
            wide.navigate(phone.url());
            assertThat(wide.locator("#agenda-table")).isAttached();
            int tallWide = number(wide, "() => document.documentElement.scrollHeight");
            SystemBrowserTests.shots(wide, "23-12-1440-scheduling-session");
            System.out.println("scheduling session height: 390 px → " + tall + " px, 1440 px → " + tallWide + " px; agenda items "
                    + phone.locator("#agenda-table tbody tr[data-category]").count());
            org.assertj.core.api.Assertions.assertThat(width).as("document width at 390 px").isLessThanOrEqualTo(PHONE);
            int items = phone.locator("#agenda-table tbody tr[data-category]").count();
            org.assertj.core.api.Assertions.assertThat(tall).as("session page height at 390 px with " + items + " agenda items")
                    .isLessThanOrEqualTo(FIXED_HEIGHT + PER_ITEM * items);
            // every section reachable from the jump links at the top
            phone.click("nav.gg-section-nav a[href='#section-actions']");
            assertThat(phone.locator("#section-actions")).isInViewport();
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @org.springframework.beans.factory.annotation.Autowired
    cn.govcloud.guard.supervision.scheduling.Sessions sessions;

    private long openSession() {
        var context = org.springframework.security.core.context.SecurityContextHolder.getContext();
        var before = context.getAuthentication();
        context.setAuthentication(cn.govcloud.guard.security.DemoActors.authentication(jdbc, "supervisor"));
        try {
            for (int tries = 0; ; tries++) {
                java.time.YearMonth month = java.time.YearMonth.of(2000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(0, 20),
                        java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 13));
                if (sessions.find(month).isEmpty() || tries > 20) {
                    return sessions.open(month).id();
                }
            }
        } finally {
            context.setAuthentication(before);
        }
    }

    @Test
    void theSupervisionListsSearchAndFitThePhone_A11_3() {
        try (BrowserContext small = phone()) {
            Page phone = signIn(small, "supervisor");
            for (String path : List.of("/supervision/notices", "/supervision/inspection-follow-ups", "/supervision/periods", "/supervision/scheduling")) {
                phone.navigate(url(path));
                assertThat(phone.locator("#list-search")).isVisible();
                phone.fill("#f-q", "不存在的关键字");
                phone.click("#list-submit");
                phone.waitForURL(Pattern.compile(".*" + Pattern.quote(path) + "\\?q=.*"));
                assertThat(phone.locator("#list-total")).hasText("共 0 条");
                assertThat(phone.locator("#export-xlsx")).hasAttribute("href", Pattern.compile(".*/export\\.xlsx\\?q=.+"));
                org.assertj.core.api.Assertions.assertThat(number(phone, "() => document.documentElement.scrollWidth"))
                        .as(path + " width at 390 px").isLessThanOrEqualTo(PHONE);
                SystemBrowserTests.shots(phone, "23-11-390" + path.replace('/', '-'));
            }
        }
    }
}
