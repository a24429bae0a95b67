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
