package cn.govcloud.guard.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.notify.delivery.DeliverySender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** /api/v1/notify: channel configuration, its validation and who may do it, test messages and delivery status (A10.1, A4). */
@AppTest
class ChannelApiTests {
    static final JsonMapper JSON = JsonMapper.builder().build();
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DeliverySender sender;

    private final ApiClient api = new ApiClient(() -> mvc);
    private RobotServer robot;

    @AfterEach
    void stopRobot() {
        if (robot != null) {
            robot.close();
        }
    }

    private long orgOf(String user) {
        return jdbc.sql("select org_id from identity_user where username = :u").param("u", user).query(Long.class).single();
    }

    private long channels() {
        return jdbc.sql("select count(*) from notify_channel").query(Long.class).single();
    }

    private long create(String user, String body) throws Exception {
        MvcResult r = api.json(user, post("/api/v1/notify/channels"), body);
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
        return ApiClient.body(r).get("id").asLong();
    }

    @Test
    void aUnitSecurityOfficerConfiguresItsOwnChannelsAndSeesNoSecret_A10_1() throws Exception {
        String name = "教育局值班群-" + UUID.randomUUID().toString().substring(0, 6);
        MvcResult r = api.json("unit1", post("/api/v1/notify/channels"), """
                {"kind":"DINGTALK","name":"%s","target":"https://oapi.dingtalk.com/robot/send?access_token=unit1token","secret":"SECunit1"}"""
                .formatted(name));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
        JsonNode c = ApiClient.body(r);
        long id = c.get("id").asLong();
        assertThat(c.get("orgId").asLong()).isEqualTo(orgOf("unit1"));
        assertThat(c.get("target").asString()).isEqualTo("https://oapi.dingtalk.com/…");
        assertThat(c.get("signed").asBoolean()).isTrue();
        assertThat(c.get("enabled").asBoolean()).isTrue();
        assertThat(r.getResponse().getContentAsString()).doesNotContain("unit1token").doesNotContain("SECunit1");

        MvcResult list = api.call("unit1", get("/api/v1/notify/channels"));
        assertThat(list.getResponse().getStatus()).isEqualTo(200);
        assertThat(list.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains(name).doesNotContain("unit1token");

        MvcResult renamed = api.json("unit1", put("/api/v1/notify/channels/" + id), "{\"name\":\"" + name + "-改\",\"enabled\":false,\"clearSecret\":true}");
        assertThat(renamed.getResponse().getStatus()).as(renamed.getResponse().getContentAsString()).isEqualTo(200);
        assertThat(ApiClient.body(renamed).get("name").asString()).isEqualTo(name + "-改");
        assertThat(ApiClient.body(renamed).get("enabled").asBoolean()).isFalse();
        assertThat(ApiClient.body(renamed).get("signed").asBoolean()).isFalse();
        assertThat(ApiClient.body(renamed).get("target").asString()).as("a blank target keeps the URL").isEqualTo("https://oapi.dingtalk.com/…");

        assertThat(api.call("unit1", delete("/api/v1/notify/channels/" + id)).getResponse().getStatus()).isEqualTo(204);
        assertThat(api.call("unit1", delete("/api/v1/notify/channels/" + id)).getResponse().getStatus()).isEqualTo(204);
        assertThat(api.call("unit1", get("/api/v1/notify/channels")).getResponse().getContentAsString(StandardCharsets.UTF_8)).doesNotContain(name);
        assertThat(ApiClient.body(api.call("unit1", get("/api/v1/notify/channels/" + id))).get("deletedAt").isNull()).isFalse();
        MvcResult afterDelete = api.json("unit1", put("/api/v1/notify/channels/" + id), "{\"name\":\"x\"}");
        assertThat(afterDelete.getResponse().getStatus()).isEqualTo(409);

        for (String action : new String[] {"notify.channel.create", "notify.channel.update", "notify.channel.delete"}) {
            assertThat(jdbc.sql("select count(*) from audit_record where action = :a and target = :t").param("a", action)
                    .param("t", "channel:" + id).query(Long.class).single()).as(action).isEqualTo(1);
        }
        assertThat(jdbc.sql("select details from audit_record where target = :t").param("t", "channel:" + id).query(String.class).list())
                .noneMatch(d -> d.contains("unit1token") || d.contains("SECunit1"));
    }

    @Test
    void aUnitCannotConfigureAnotherUnitsChannels_A10_1_A4() throws Exception {
        long unit1Channel = create("unit1", """
                {"kind":"EMAIL","name":"教育局安全邮箱","target":"security@edu.baotou.gov.cn"}""");
        long before = channels();

        MvcResult foreign = api.json("unit2", post("/api/v1/notify/channels"), """
                {"orgId":%d,"kind":"EMAIL","name":"冒充","target":"evil@example.cn"}""".formatted(orgOf("unit1")));
        assertThat(foreign.getResponse().getStatus()).isEqualTo(403);
        assertThat(api.call("unit2", get("/api/v1/notify/channels/" + unit1Channel)).getResponse().getStatus()).isEqualTo(404);
        assertThat(api.json("unit2", put("/api/v1/notify/channels/" + unit1Channel), "{\"target\":\"evil@example.cn\"}").getResponse().getStatus())
                .isEqualTo(404);
        assertThat(api.call("unit2", delete("/api/v1/notify/channels/" + unit1Channel)).getResponse().getStatus()).isEqualTo(404);
        assertThat(api.call("unit2", post("/api/v1/notify/channels/" + unit1Channel + "/test")).getResponse().getStatus()).isEqualTo(404);
        assertThat(api.call("unit2", get("/api/v1/notify/channels")).getResponse().getContentAsString(StandardCharsets.UTF_8))
                .doesNotContain("security@edu.baotou.gov.cn");
        // the supervisor configures its own organisation's channels, not a unit's
        assertThat(api.json("supervisor", post("/api/v1/notify/channels"), """
                {"orgId":%d,"kind":"EMAIL","name":"x","target":"x@example.cn"}""".formatted(orgOf("unit1"))).getResponse().getStatus())
                .isEqualTo(403);
        assertThat(api.call("supervisor", get("/api/v1/notify/channels/" + unit1Channel)).getResponse().getStatus()).isEqualTo(404);
        // unit staff and regulators do not configure channels at all
        assertThat(api.call("unit1staff", get("/api/v1/notify/channels")).getResponse().getStatus()).isEqualTo(403);
        assertThat(api.call("regulator", get("/api/v1/notify/channels")).getResponse().getStatus()).isEqualTo(403);
        assertThat(channels()).isEqualTo(before);

        // the system administrator configures every organisation's
        long byAdmin = create("sysadmin", """
                {"orgId":%d,"kind":"WECOM","name":"管理员代配","target":"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"}"""
                .formatted(orgOf("unit2")));
        assertThat(ApiClient.body(api.call("unit2", get("/api/v1/notify/channels/" + byAdmin))).get("name").asString()).isEqualTo("管理员代配");
        assertThat(ApiClient.body(api.call("sysadmin", get("/api/v1/notify/channels/" + unit1Channel))).get("orgId").asLong()).isEqualTo(orgOf("unit1"));
    }

    @Test
    void badChannelsAreRefusedWithFieldErrorsAndNothingIsSaved_A10_1() throws Exception {
        long before = channels();
        String[][] cases = {
                {"{\"kind\":\"DINGTALK\",\"name\":\"群\",\"target\":\"ftp://oapi.dingtalk.com/robot\"}", "target"},
                {"{\"kind\":\"FEISHU\",\"name\":\"群\",\"target\":\"javascript:alert(1)\"}", "target"},
                {"{\"kind\":\"WECOM\",\"name\":\"群\",\"target\":\"https://qyapi.weixin.qq.com/x\",\"secret\":\"s\"}", "secret"},
                {"{\"kind\":\"EMAIL\",\"name\":\"邮箱\",\"target\":\"not-an-address\"}", "target"},
                {"{\"kind\":\"SMS\",\"name\":\"短信\",\"target\":\"13800000000\"}", "kind"},
                {"{\"kind\":\"EMAIL\",\"name\":\" \",\"target\":\"a@example.cn\"}", "name"},
                {"{}", "kind"},
        };
        for (String[] c : cases) {
            MvcResult r = api.json("unit1", post("/api/v1/notify/channels"), c[0]);
            assertThat(r.getResponse().getStatus()).as(c[0]).isEqualTo(400);
            JsonNode problem = ApiClient.body(r);
            assertThat(problem.get("errors").has(c[1])).as(c[0] + " → " + problem).isTrue();
        }
        MvcResult chinese = api.json("unit1", post("/api/v1/notify/channels").header("Accept-Language", "zh-CN"),
                "{\"kind\":\"DINGTALK\",\"name\":\"群\",\"target\":\"ftp://x\"}");
        assertThat(ApiClient.body(chinese).get("errors").get("target").asString()).contains("Webhook 地址");
        assertThat(channels()).isEqualTo(before);
    }

    @Test
    void aTestMessageIsSentAndItsStatusShown_A10_1() throws Exception {
        robot = new RobotServer("{\"errcode\":0,\"errmsg\":\"ok\"}");
        long id = create("provider", """
                {"kind":"WECOM","name":"运维值班群","target":"%s"}""".formatted(robot.url("/cgi-bin/webhook/send?key=provider")));

        MvcResult r = api.call("provider", post("/api/v1/notify/channels/" + id + "/test"));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(202);
        String key = ApiClient.body(r).get("key").asString();
        assertThat(ApiClient.body(r).get("deliveries")).hasSize(1);

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode delivery;
        do {
            sender.sendDue();
            delivery = ApiClient.body(api.call("provider", get("/api/v1/notify/deliveries").param("key", key))).get(0);
            if (!delivery.get("state").asString().equals("PENDING") || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(50);
        } while (true);
        assertThat(delivery.get("state").asString()).isEqualTo("SENT");
        assertThat(delivery.get("channel").asString()).isEqualTo("WECOM");
        assertThat(delivery.get("target").asString()).isEqualTo("http://127.0.0.1:" + robot.port() + "/…");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.get("sentAt").isNull()).isFalse();
        assertThat(JSON.readTree(robot.requests().get(0).body()).get("markdown").get("content").asString()).contains("运维值班群");
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'notify.channel.test' and target = :t")
                .param("t", "channel:" + id).query(Long.class).single()).isEqualTo(1);

        // the supervisor sees every organisation's deliveries; another unit does not see the provider's
        assertThat(ApiClient.body(api.call("supervisor", get("/api/v1/notify/deliveries").param("key", key)))).hasSize(1);
        assertThat(ApiClient.body(api.call("unit2", get("/api/v1/notify/deliveries").param("key", key)))).isEmpty();
        assertThat(api.call("unit1", get("/api/v1/notify/deliveries").param("limit", "0")).getResponse().getStatus()).isEqualTo(400);

        // a disabled channel takes no test message
        api.json("provider", put("/api/v1/notify/channels/" + id), "{\"enabled\":false}");
        MvcResult refused = api.call("provider", post("/api/v1/notify/channels/" + id + "/test"));
        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        assertThat(ApiClient.body(refused).get("rule").asString()).isEqualTo("A10.1");
    }
}
