package cn.govcloud.guard.siem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.security.DemoActors;
import cn.govcloud.guard.siem.internal.SiemSender;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The SIEM page (issue 21 point 2): the security administrator's alone, a bad form saves nothing, a destination shows its state and test. */
@AppTest
class SiemPagesTests {
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired SiemSender sender;

    @org.junit.jupiter.api.BeforeEach
    @AfterEach
    void tearDown() {
        jdbc.sql("update siem_destination set enabled = false, deleted_at = current_timestamp where deleted_at is null").update();
    }

    private MvcResult perform(String user, MockHttpServletRequestBuilder req) throws Exception {
        return mvc.perform(req.with(authentication(DemoActors.authentication(jdbc, user))).with(csrf()).locale(Locale.SIMPLIFIED_CHINESE))
                .andReturn();
    }

    private static String html(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private long destinations() {
        return jdbc.sql("select count(*) from siem_destination where deleted_at is null").query(Long.class).single();
    }

    @Test
    void A4_the_page_is_the_security_administrators_and_offered_in_his_navigation_only() throws Exception {
        MvcResult page = perform("secadmin", get("/siem"));
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(page)).contains("SIEM 对接").contains("尚未配置 SIEM 目的地").contains("Syslog over TLS（RFC 5425）")
                .contains("href=\"/siem\"");
        for (String user : new String[] {"sysadmin", "unit1", "provider"}) {
            assertThat(perform(user, get("/siem")).getResponse().getStatus()).as(user).isEqualTo(403);
            assertThat(html(perform(user, get("/")))).as(user).doesNotContain("href=\"/siem\"");
        }
    }

    @Test
    void a_bad_destination_is_refused_on_the_form_and_a_good_one_shows_its_state_cursor_and_test_result() throws Exception {
        long before = destinations();
        MvcResult bad = perform("secadmin", post("/siem/destinations").param("name", "SOC").param("kind", "SYSLOG_UDP")
                .param("target", "soc.example:70000").param("secret", "keep-me-secret-please"));
        assertThat(bad.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(bad)).contains("SIEM 目的地配置有误，未保存。").contains("端口 1–65535").contains("只有 Webhook 使用 HMAC 密钥")
                .doesNotContain("keep-me-secret-please");
        assertThat(destinations()).isEqualTo(before);

        try (java.net.DatagramSocket receiver = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            MvcResult saved = perform("secadmin", post("/siem/destinations").param("name", "值班 SOC").param("kind", "SYSLOG_UDP")
                    .param("target", "127.0.0.1:" + receiver.getLocalPort()).param("categories", "HAZARD").param("categories", "INCIDENT"));
            assertThat(saved.getResponse().getStatus()).isEqualTo(302);
            long id = jdbc.sql("select id from siem_destination where name = '值班 SOC' and deleted_at is null").query(Long.class).single();
            String shown = html(perform("secadmin", get("/siem")));
            assertThat(shown).contains("值班 SOC").contains("127.0.0.1:" + receiver.getLocalPort()).contains("隐患").contains("安全事件")
                    .contains("补发中");
            sender.sendDue();
            assertThat(html(perform("secadmin", get("/siem")))).contains("已同步");

            receiver.setSoTimeout(5000);
            MvcResult tested = perform("secadmin", post("/siem/destinations/{id}/test", id));
            assertThat(tested.getFlashMap().get("changed")).isEqualTo("测试消息已发送。");
            java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[65536], 65536);
            receiver.receive(p);
            SyslogMessage m = SyslogMessage.parse(java.util.Arrays.copyOf(p.getData(), p.getLength()));
            assertThat(m.param("govguard@32473", "action")).isEqualTo("siem.test");
            assertThat(m.msg()).contains("SIEM 测试消息");

            perform("secadmin", post("/siem/destinations/{id}/enabled", id).param("enabled", "false"));
            assertThat(html(perform("secadmin", get("/siem")))).contains("已停用");
        }
    }
}
