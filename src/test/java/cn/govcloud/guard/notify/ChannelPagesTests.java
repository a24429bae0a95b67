package cn.govcloud.guard.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.security.DemoActors;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The channel and delivery pages (A10.1): Chinese first, errors on the form with nothing saved, test button, tenancy (A4). */
@AppTest
class ChannelPagesTests {
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;

    private RequestPostProcessor as(String user) {
        return authentication(DemoActors.authentication(jdbc, user));
    }

    private MvcResult perform(String user, MockHttpServletRequestBuilder req) throws Exception {
        return mvc.perform(req.with(as(user)).with(csrf()).locale(Locale.SIMPLIFIED_CHINESE)).andReturn();
    }

    private static String html(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private long channels() {
        return jdbc.sql("select count(*) from notify_channel").query(Long.class).single();
    }

    @Test
    void theChannelPageShowsTheFormAndRefusesABadUrlWithoutSavingAnything_A10_1() throws Exception {
        MvcResult page = perform("unit1", get("/notify/channels"));
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(page)).contains("通知渠道").contains("添加渠道").contains("钉钉群机器人").contains("企业微信群机器人").contains("飞书群机器人")
                .doesNotContain("id=\"orgId\""); // a unit configures only its own organisation's
        assertThat(html(perform("sysadmin", get("/notify/channels")))).contains("id=\"orgId\"");

        long before = channels();
        MvcResult bad = perform("unit1", post("/notify/channels").param("kind", "DINGTALK").param("name", "值班群")
                .param("target", "ftp://oapi.dingtalk.com/robot/send").param("secret", "SECkeepmesecret"));
        assertThat(bad.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(bad)).contains("渠道配置有误，未保存。").contains("请填写有效的 Webhook 地址").contains("ftp://oapi.dingtalk.com/robot/send")
                .doesNotContain("SECkeepmesecret");
        assertThat(channels()).isEqualTo(before);
    }

    @Test
    void aChannelIsAddedTestedAndItsDeliveryListed_A10_1() throws Exception {
        String name = "页面测试邮箱-" + UUID.randomUUID().toString().substring(0, 6);
        MvcResult saved = perform("unit1", post("/notify/channels").param("kind", "EMAIL").param("name", name)
                .param("target", "page-test@edu.baotou.gov.cn"));
        assertThat(saved.getResponse().getStatus()).isEqualTo(302);
        assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/notify/channels");
        long id = jdbc.sql("select id from notify_channel where name = :n").param("n", name).query(Long.class).single();
        assertThat(html(perform("unit1", get("/notify/channels")))).contains(name).contains("page-test@edu.baotou.gov.cn");
        assertThat(html(perform("unit2", get("/notify/channels")))).doesNotContain(name);

        MvcResult tested = perform("unit1", post("/notify/channels/{id}/test", id));
        assertThat(tested.getResponse().getStatus()).isEqualTo(302);
        String location = tested.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/notify/deliveries?key=notify-test:" + id + ":");
        String key = java.net.URLDecoder.decode(location.substring(location.indexOf("key=") + 4), StandardCharsets.UTF_8);
        MvcResult deliveries = perform("unit1", get("/notify/deliveries").param("key", key));
        assertThat(deliveries.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(deliveries)).contains("送达记录").contains(key).contains(name).contains("电子邮件");
        assertThat(html(perform("unit2", get("/notify/deliveries").param("key", key)))).doesNotContain(name).contains("暂无送达记录");
        assertThat(html(perform("supervisor", get("/notify/deliveries").param("key", key)))).contains(name);

        assertThat(perform("unit2", post("/notify/channels/{id}/delete", id)).getResponse().getStatus()).isEqualTo(404);
        assertThat(perform("unit1", post("/notify/channels/{id}/enabled", id).param("enabled", "false")).getResponse().getStatus()).isEqualTo(302);
        assertThat(jdbc.sql("select enabled from notify_channel where id = :id").param("id", id).query(Boolean.class).single()).isFalse();
        assertThat(perform("unit1", post("/notify/channels/{id}/delete", id)).getResponse().getStatus()).isEqualTo(302);
        assertThat(html(perform("unit1", get("/notify/channels")))).doesNotContain(name);
        assertThat(perform("unit1staff", get("/notify/channels")).getResponse().getStatus()).isEqualTo(403);
    }
}
