package cn.govcloud.guard.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.security.DemoActors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Issue 23 point 9 / issue 18 point 5 on 短信与政务消息 (/notify/messaging): the gateway forms are the shared field
 * fragments — each refusal beside its field, what was typed kept (never a secret), nothing saved — and a save redirects
 * with what to do next.
 */
@AppTest
class MessagingFormTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    List<String> stored() {
        return jdbc.sql("select kind, enabled, config, updated_at from notify_gateway order by kind")
                .query((rs, i) -> rs.getString(1) + rs.getString(2) + rs.getString(3) + rs.getString(4)).list();
    }

    @Test
    void issue23_9_aRefusedSmsGatewayKeepsWhatWasTypedBesideEachFieldAndSavesNothing() throws Exception {
        var admin = authentication(DemoActors.authentication(jdbc, "sysadmin"));
        List<String> before = stored();
        MvcResult refused = mvc.perform(post("/notify/messaging/sms").with(admin).with(csrf()).param("enabled", "on")
                .param("url", "ftp://typed-by-hand").param("method", "PUT").param("sign", "包头市大数据中心")
                .param("secret", "never-echoed-7f3")).andReturn();
        String html = refused.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("id=\"sms-url-error\"").contains("value=\"ftp://typed-by-hand\"").contains("value=\"包头市大数据中心\"")
                .containsPattern("<option value=\"PUT\"\\s+selected=\"selected\">").contains("<label for=\"sms-url\"")
                .doesNotContain("never-echoed-7f3").doesNotContain("id=\"gov-wecom-baseUrl-error\"");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void issue23_9_aRefusedAppGatewayNamesItsFieldsAndASavedOneSaysWhatComesNext() throws Exception {
        var admin = authentication(DemoActors.authentication(jdbc, "sysadmin"));
        List<String> before = stored();
        String refused = mvc.perform(post("/notify/messaging/gov-dingtalk").with(admin).with(csrf()).param("enabled", "on")
                .param("baseUrl", "ftp://nowhere").param("appId", "ding-typed").param("agentId", "x1").param("minSeverity", "CRITICAL"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("id=\"gov-dingtalk-baseUrl-error\"").contains("id=\"gov-dingtalk-agentId-error\"")
                .contains("value=\"ding-typed\"").containsPattern("<option value=\"CRITICAL\"\\s+selected=\"selected\">");
        assertThat(stored()).isEqualTo(before);

        // the save below is put back afterwards: other tests rely on 政务钉钉 not being configured in the shared database
        List<java.util.Map<String, Object>> row = jdbc.sql("select enabled, config, secret, enabled_at, updated_at, updated_by"
                + " from notify_gateway where kind = 'GOV_DINGTALK'").query().listOfRows();
        try {
            MvcResult saved = mvc.perform(post("/notify/messaging/gov-dingtalk").with(admin).with(csrf())
                    .param("baseUrl", "https://oapi.example.gov.cn").param("appId", "ding-app").param("agentId", "1000003")
                    .param("minSeverity", "WARNING")).andReturn();
            assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/notify/messaging");
            // the flash travels in the (JDBC) session: the redirect's GET brings the session cookie, as a browser does
            String after = mvc.perform(get("/notify/messaging").with(admin).cookie(saved.getResponse().getCookies()))
                    .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(after).contains("id=\"gateway-saved\"").contains("下一步");
        } finally {
            if (row.isEmpty()) {
                jdbc.sql("delete from notify_gateway where kind = 'GOV_DINGTALK'").update();
            } else {
                jdbc.sql("update notify_gateway set enabled = :enabled, config = :config, secret = :secret, enabled_at = :enabled_at,"
                        + " updated_at = :updated_at, updated_by = :updated_by where kind = 'GOV_DINGTALK'").params(row.get(0)).update();
            }
        }
    }
}
