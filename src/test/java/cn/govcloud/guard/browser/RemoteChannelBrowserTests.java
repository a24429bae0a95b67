package cn.govcloud.guard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * A remote channel in the browser (A9.2, A9.3): unit staff request it, the unit's security officer
 * approves, the provider opens it, the requester sees the single-use credential once; the gateway
 * (API) verifies it once and is refused the second time.
 */
@AppTest
class RemoteChannelBrowserTests extends BrowserSession {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @SuppressWarnings("deprecation")
    private static void submit(Page page, String selector) {
        page.waitForNavigation(new Page.WaitForNavigationOptions().setTimeout(60_000), () -> page.click(selector));
    }

    @Test
    void requestApproveOpenShowOnceThenTheGatewayVerifiesOnce_A9_2_A9_3() throws Exception {
        DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
        LocalDateTime now = nowInBeijing();
        String credential;
        String channelUrl;
        try (BrowserContext staffContext = newContext(); BrowserContext officerContext = newContext();
             BrowserContext providerContext = newContext()) {
            Page staff = signIn(staffContext, "unit1staff");
            staff.navigate("http://127.0.0.1:" + port + "/access/channels");
            staff.selectOption("#systemId", new SelectOption().setIndex(1));
            staff.selectOption("#channelType", "ZERO_TRUST");
            staff.fill("#operatorName", "杨洋");
            staff.fill("#purpose", "浏览器测试·学籍系统补丁升级");
            staff.fill("#accounts", "appadmin");
            staff.fill("#operations", "升级中间件并重启服务");
            staff.fill("#startsAt", now.minusMinutes(5).format(local));
            staff.fill("#endsAt", now.plusHours(2).format(local));
            submit(staff, "#channel-submit");
            staff.waitForURL(Pattern.compile(".*/access/channels/\\d+$"));
            channelUrl = staff.url();
            assertThat(staff.locator("#channel-status")).hasAttribute("data-status", "REQUESTED");

            Page officer = signIn(officerContext, "unit1");
            officer.navigate(channelUrl);
            officer.fill("#approval-note", "同意，限最小权限");
            submit(officer, "#approve");
            assertThat(officer.locator("#channel-status")).hasAttribute("data-status", "READY");

            Page provider = signIn(providerContext, "provider");
            provider.navigate(channelUrl);
            submit(provider, "#open");
            assertThat(provider.locator("#channel-status")).hasAttribute("data-status", "OPEN");
            assertThat(provider.locator("#reveal")).hasCount(0);

            staff.navigate(channelUrl);
            submit(staff, "#reveal");
            assertThat(staff.locator("#channel-credential")).hasText(Pattern.compile("^ggc_[A-Za-z0-9_-]{43}$"));
            credential = staff.locator("#channel-credential").textContent().strip();
            // issue 23 point 3: the POST redirected to a GET page; a refresh does not resubmit and says 凭据仅显示一次
            assertThat(staff).hasURL(channelUrl + "/credential");
            staff.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("/work/notes/shots/23-3-channel-credential-once-1440.png")));
            staff.reload();
            assertThat(staff.locator("#channel-credential-gone")).containsText("凭据仅显示一次");
            assertThat(staff.locator("#channel-credential")).hasCount(0);
            staff.setViewportSize(390, 844);
            staff.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("/work/notes/shots/23-3-channel-credential-refreshed-390.png")));
            staff.setViewportSize(1440, 900);
            // shown once: back on the page there is no credential and no button to show it again
            staff.navigate(channelUrl);
            assertThat(staff.locator("#channel-credential")).hasCount(0);
            assertThat(staff.locator("#reveal")).hasCount(0);

            // the gateway verifies through the API: allowed once, then refused (一次一用、单次有效)
            String gateway = gatewayToken();
            MvcResult first = verify(gateway, credential);
            org.assertj.core.api.Assertions.assertThat(first.getResponse().getStatus()).isEqualTo(200);
            org.assertj.core.api.Assertions.assertThat(first.getResponse().getContentAsString()).contains("\"allow\":true");
            MvcResult second = verify(gateway, credential);
            org.assertj.core.api.Assertions.assertThat(second.getResponse().getStatus()).isEqualTo(403);
            org.assertj.core.api.Assertions.assertThat(second.getResponse().getContentAsString(StandardCharsets.UTF_8))
                    .contains("\"allow\":false").contains("A9.3");

            staff.navigate(channelUrl);
            assertThat(staff.locator("#channel-status")).hasAttribute("data-status", "USED");
            assertThat(staff.locator("#channel-credential-state")).containsText("一次一用");
        }
    }

    /** Issue 23 point 2: the unit's only security officer is not offered buttons it would be refused; the supervisor decides. */
    @Test
    void aSoleSecurityOfficersRequestGoesToTheSupervisor_A9_2() {
        DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
        LocalDateTime now = nowInBeijing();
        try (BrowserContext officerContext = newContext(); BrowserContext supervisorContext = newContext()) {
            Page officer = signIn(officerContext, "unit1");
            officer.navigate("http://127.0.0.1:" + port + "/access/channels");
            officer.selectOption("#systemId", new SelectOption().setIndex(1));
            officer.selectOption("#channelType", "VPN");
            officer.fill("#operatorName", "刘芳");
            officer.fill("#purpose", "浏览器测试·安全负责人本人申请");
            officer.fill("#accounts", "secadmin-ro");
            officer.fill("#operations", "核查安全配置");
            officer.fill("#startsAt", now.minusMinutes(5).format(local));
            officer.fill("#endsAt", now.plusHours(1).format(local));
            officer.click("#channel-submit");
            // the page's state, not a navigation event: the channel's page shows who is to decide
            try {
                assertThat(officer.locator("#approver")).containsText("市大数据中心",
                        new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
            } catch (AssertionError e) {
                throw new AssertionError("the request did not reach its page; at " + officer.url() + ": " + officer.locator("body").innerText(), e);
            }
            String channelUrl = officer.url();
            assertThat(officer.locator("#approve")).hasCount(0);

            Page supervisor = signIn(supervisorContext, "supervisor");
            supervisor.navigate(channelUrl);
            supervisor.fill("#approval-note", "复核同意");
            supervisor.click("#approve");
            assertThat(supervisor.locator("#channel-status")).hasAttribute("data-status", "READY",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(60_000));
        }
    }

    private String gatewayToken() throws Exception {
        long provider = jdbc.sql("select id from identity_organisation where kind = 'PROVIDER'").query(Long.class).single();
        MvcResult r = mvc.perform(post("/api/v1/api-tokens").header("Authorization", ApiClient.bearer(mvc, "secadmin"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"browser-gateway-" + System.nanoTime() + "\",\"orgId\":" + provider
                        + ",\"scopes\":[\"channels:verify\"],\"expiresAt\":\"" + clock.instant().plus(Duration.ofDays(1)) + "\"}")).andReturn();
        return "Bearer " + r.getResponse().getContentAsString().replaceAll(".*\"secret\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    private MvcResult verify(String gateway, String credential) throws Exception {
        return mvc.perform(post("/api/v1/channels/verify").header("Authorization", gateway).contentType(MediaType.APPLICATION_JSON)
                .content("{\"credential\":\"" + credential + "\"}")).andReturn();
    }
}
