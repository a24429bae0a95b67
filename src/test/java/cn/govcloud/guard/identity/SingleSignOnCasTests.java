package cn.govcloud.guard.identity;

import static cn.govcloud.guard.TestActors.actor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.TestActors;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * 统一身份认证 through CAS 3.0 (issue 21 point 1) against {@link CasServer}, a CAS-protocol server on the JDK's HTTP
 * server written for these tests (no usable CAS server is on Maven Central): the browser goes to CAS and back with a
 * service ticket, the platform validates it at {@code /p3/serviceValidate} and maps {@code cas:user} (or a configured
 * attribute) to the account. Tickets are single-use and bound to their service, and the platform honours both.
 */
@AppTest
class SingleSignOnCasTests {
    static CasServer cas;

    @LocalServerPort
    int port;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startCas() throws Exception {
        cas = new CasServer();
    }

    @AfterAll
    static void stopCas() {
        cas.close();
    }

    String app() {
        return "http://127.0.0.1:" + port;
    }

    private void save(boolean enabled, String attribute) throws Exception {
        save(enabled, attribute, cas.prefix() + "/");
    }

    private void save(boolean enabled, String attribute, String server) throws Exception {
        var request = post("/admin/sso/cas").with(authentication(TestActors.as(actor("secadmin", OrgKind.SUPERVISOR, 1, Role.SECURITY_ADMIN))))
                .with(csrf()).param("displayName", "统一身份认证登录（CAS）").param("serverUrl", server).param("claim", attribute);
        if (enabled) {
            request.param("enabled", "on");
        }
        mvc.perform(request).andExpect(redirectedUrl("/admin/sso"));
    }

    @AfterEach
    void switchOff() throws Exception {
        save(false, "");
        cas.signedIn = null;
    }

    private long audited(String actor, String result, String detailsLike) {
        return jdbc.sql("select count(*) from audit_record where action = 'auth.login' and result = :r and actor = :a and details like :d")
                .param("r", result).param("a", actor).param("d", detailsLike).query(Long.class).single();
    }

    @Test
    void issue21_1_casSignInWithAValidTicketLandsOnTheHomePageAndTheTicketCannotBeReplayed() throws Exception {
        save(true, "");
        cas.signedIn = "unit1";
        SsoBrowser browser = new SsoBrowser();
        assertThat(browser.get(app() + "/login").body()).contains("id=\"sso-cas\"").contains("统一身份认证登录（CAS）");

        SsoBrowser.Page home = browser.get(app() + "/sso/cas/login");

        assertThat(home.uri().toString()).isEqualTo(app() + "/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(browser.visited).anyMatch(u -> u.toString().startsWith(cas.prefix() + "/login?service="
                + java.net.URLEncoder.encode(app() + "/sso/cas/callback", java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(browser.get(app() + "/account").body()).contains("刘芳");
        assertThat(audited("unit1", "SUCCESS", "统一身份认证 CAS " + cas.prefix() + ", cas:user=unit1")).isEqualTo(1);

        // the same ticket a second time, from another browser: CAS has spent it, the platform signs nobody in
        URI callback = browser.visited.stream().filter(u -> u.toString().startsWith(app() + "/sso/cas/callback?ticket=ST-"))
                .findFirst().orElseThrow();
        SsoBrowser replay = new SsoBrowser();
        SsoBrowser.Page refused = replay.get(callback.toString());
        assertThat(refused.uri().toString()).isEqualTo(app() + "/login?sso=failed");
        assertThat(refused.body()).contains("统一身份认证登录未完成");
        assertThat(replay.get(app() + "/").uri().toString()).isEqualTo(app() + "/login");
        assertThat(audited("", "FAILURE", "统一身份认证 CAS %ticket refused: INVALID_TICKET%")).isEqualTo(1);
    }

    @Test
    void issue21_1_aTicketIssuedForAnotherServiceIsRefused() throws Exception {
        save(true, "");
        String ticket = cas.issue("https://another-application.example.gov.cn/cas/callback", "unit1");
        SsoBrowser browser = new SsoBrowser();

        SsoBrowser.Page refused = browser.get(app() + "/sso/cas/callback?ticket=" + ticket);

        assertThat(refused.uri().toString()).isEqualTo(app() + "/login?sso=failed");
        assertThat(browser.get(app() + "/").uri().toString()).isEqualTo(app() + "/login");
        assertThat(audited("", "FAILURE", "统一身份认证 CAS %ticket refused: INVALID_SERVICE%")).isEqualTo(1);
    }

    @Test
    void issue21_1_aConfiguredAttributeMapsTheAccountAndAdministratorsAndUnknownNamesAreRefused() throws Exception {
        save(true, "loginName");
        SsoBrowser browser = new SsoBrowser();
        cas.signedIn = "unit1staff";
        assertThat(browser.get(app() + "/sso/cas/login").uri().toString()).isEqualTo(app() + "/");
        assertThat(audited("unit1staff", "SUCCESS", "统一身份认证 CAS %, loginName=unit1staff")).isEqualTo(1);

        cas.signedIn = "secadmin";
        SsoBrowser admin = new SsoBrowser();
        SsoBrowser.Page refused = admin.get(app() + "/sso/cas/login");
        assertThat(refused.uri().toString()).isEqualTo(app() + "/login?sso=admin");
        assertThat(refused.body()).contains("不能通过统一身份认证登录");

        cas.signedIn = "nobody-known";
        SsoBrowser stranger = new SsoBrowser();
        assertThat(stranger.get(app() + "/sso/cas/login").body()).contains("平台中没有与您的统一身份对应的账号");
        assertThat(audited("nobody-known", "FAILURE", "%loginName=nobody-known: no account has this username")).isEqualTo(1);
    }

    @Test
    void issue21_1_aCasServerThatIsDownBlocksNobodyAndTheLoginPageSaysSo() throws Exception {
        save(true, "", "http://127.0.0.1:1/cas");
        SsoBrowser browser = new SsoBrowser();

        SsoBrowser.Page page = browser.get(app() + "/sso/cas/callback?ticket=ST-1-somewhere");

        assertThat(page.uri().toString()).isEqualTo(app() + "/login?sso=unavailable");
        assertThat(page.body()).contains("统一身份认证服务暂不可用").contains("id=\"login-submit\"");
    }

    @Test
    void issue21_1_casSwitchedOffHasNoButtonAndItsEndpointsAnswer404() throws Exception {
        save(false, "");
        SsoBrowser browser = new SsoBrowser();
        assertThat(browser.get(app() + "/login").body()).doesNotContain("sso-cas");
        assertThat(browser.get(app() + "/sso/cas/login").status()).isEqualTo(404);
        assertThat(browser.get(app() + "/sso/cas/callback?ticket=" + cas.issue(app() + "/sso/cas/callback", "unit1")).status())
                .isEqualTo(404);
    }

    /** The same settings over the API: read (never the secret), changed with the page's validation, security administrator only. */
    @Test
    void issue21_1_theSecurityAdministratorReadsAndChangesTheSettingsOverTheApi() throws Exception {
        cn.govcloud.guard.ApiClient api = new cn.govcloud.guard.ApiClient(mvc);
        var put = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/sso/cas");
        var ok = api.json("secadmin", put, """
                {"enabled":true,"displayName":"统一身份认证登录（CAS）","serverUrl":"%s/","claim":"","clientSecret":"s3cret-api"}"""
                .formatted(cas.prefix()));
        assertThat(ok.getResponse().getStatus()).as(ok.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(200);
        var cas1 = cn.govcloud.guard.ApiClient.body(api.call("secadmin", get("/api/v1/sso/cas")));
        assertThat(cas1.get("enabled").asBoolean()).isTrue();
        assertThat(cas1.get("serverUrl").asString()).startsWith(cas.prefix());
        assertThat(cas1.toString()).doesNotContain("s3cret-api");
        assertThat(cn.govcloud.guard.ApiClient.body(api.call("secadmin", get("/api/v1/sso"))).size()).isEqualTo(2);

        var bad = api.json("secadmin", org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/sso/cas"),
                "{\"enabled\":true,\"serverUrl\":\"not a url\"}");
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(cn.govcloud.guard.ApiClient.body(bad).get("errors").has("serverUrl")).isTrue();
        assertThat(api.call("secadmin", get("/api/v1/sso/saml")).getResponse().getStatus()).isEqualTo(404);
        assertThat(api.call("unit1", get("/api/v1/sso")).getResponse().getStatus()).isEqualTo(403);
        assertThat(api.call("sysadmin", get("/api/v1/sso/cas")).getResponse().getStatus()).isEqualTo(403);
    }
}
