package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a person does first, in a real browser (Debian's Chromium, never a downloaded one): unit1
 * signs in, sees the Chinese home page, switches to English, signs out.
 */
@AppTest
class LoginBrowserTests {
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static Playwright playwright;
    static Browser browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void launch() {
        if (!Files.isExecutable(CHROMIUM)) {
            // CI installs it (.ci/run) and must not pass without it; a developer machine without it is told loudly.
            if ("1".equals(System.getenv("GOVGUARD_REQUIRE_PG"))) {
                throw new IllegalStateException("/usr/bin/chromium is missing: apt-get install -y chromium fonts-noto-cjk");
            }
            System.err.println("!!!!!!!!!! SKIPPING BROWSER TESTS: /usr/bin/chromium missing (apt-get install -y chromium fonts-noto-cjk)");
            Assumptions.abort("/usr/bin/chromium missing");
        }
        // assertions wait on the page's state; a busy 2-core machine can take seconds for a form post, so they wait up
        // to 30 s (an assertion that holds returns as soon as it does)
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(java.util.Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
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
    void unit1SignsInSeesChineseHomeSwitchesToEnglishAndSignsOut() {
        try (var context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate("http://127.0.0.1:" + port + "/");
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login.*"));
            page.fill("#username", "unit1");
            page.fill("#password", ApiClient.DEMO_PASSWORD);
            page.click("#login-submit");
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*:" + port + "/$"));
            assertThat(page.locator("html")).hasAttribute("lang", "zh-CN");
            assertThat(page.locator("body")).containsText("首页");
            assertThat(page.locator("body")).containsText("包头市教育局");
            page.locator("a[hreflang=en]").first().click();
            assertThat(page.locator("html")).hasAttribute("lang", "en");
            assertThat(page.locator("body")).containsText("Home");
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/browser-home-en.png")));
            page.locator("form[action$='/logout'] button").first().click();
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login\\?logout.*"));
            page.navigate("http://127.0.0.1:" + port + "/");
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login.*"));
        }
    }
}
