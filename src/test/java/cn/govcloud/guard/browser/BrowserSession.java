package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.govcloud.guard.ApiClient;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What the workflow browser tests share: Debian's Chromium (launched as {@link LoginBrowserTests} does) and signing in as a demo user. */
abstract class BrowserSession {
    static Browser browser;

    @LocalServerPort
    int port;

    /** The application's clock: the browser's clock is set from it, and dates typed into forms are its dates. */
    @org.springframework.beans.factory.annotation.Autowired
    cn.govcloud.guard.MutableClock clock;

    /**
     * A browser context whose clock starts at the application's time and runs on (Playwright's clock), so the
     * page's scripts (countdowns, date pickers) and the server agree on what "now" is, whatever day the suite runs.
     */
    BrowserContext newContext() {
        return newContext(new Browser.NewContextOptions());
    }

    BrowserContext newContext(Browser.NewContextOptions options) {
        BrowserContext context = browser.newContext(options);
        context.clock().install(new com.microsoft.playwright.Clock.InstallOptions().setTime(clock.millis()));
        return context;
    }

    /** Today in Beijing on the application's clock. */
    java.time.LocalDate today() {
        return java.time.LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai")));
    }

    java.time.LocalDateTime nowInBeijing() {
        return java.time.LocalDateTime.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai")));
    }

    @BeforeAll
    static void launch() {
        LoginBrowserTests.launch();
        browser = LoginBrowserTests.browser;
    }

    @AfterAll
    static void close() {
        LoginBrowserTests.close();
    }

    Page signIn(BrowserContext context, String user) {
        Page page = context.newPage();
        page.navigate("http://127.0.0.1:" + port + "/login");
        page.fill("#username", user);
        page.fill("#password", ApiClient.DEMO_PASSWORD);
        page.click("#login-submit");
        assertThat(page).hasURL(Pattern.compile(".*:" + port + "/$"));
        return page;
    }
}
