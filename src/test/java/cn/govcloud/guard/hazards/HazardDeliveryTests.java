package cn.govcloud.guard.hazards;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.notify.RobotServer;
import cn.govcloud.guard.notify.delivery.ChannelService;
import cn.govcloud.guard.notify.delivery.DeliverySender;
import cn.govcloud.guard.security.DemoActors;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** A10.1 "确保相关信息准确送达": a hazard notice reaches the unit's group robot, and the hazard shows that it did. */
@AppTest
class HazardDeliveryTests {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired ChannelService channels;
    @Autowired DeliverySender sender;

    private RobotServer robot;
    private Long channelId;

    @AfterEach
    void tearDown() {
        if (channelId != null) {
            channels.delete(DemoActors.actor(jdbc, "sysadmin"), channelId);
        }
        if (robot != null) {
            robot.close();
        }
        SecurityContextHolder.clearContext();
    }

    @Test
    void A10_1_a_hazard_notice_reaches_the_units_robot_and_its_page_shows_it_delivered() throws Exception {
        long unit1Org = jdbc.sql("select org_id from identity_user where username = 'unit1'").query(Long.class).single();
        robot = new RobotServer("{\"errcode\":0,\"errmsg\":\"ok\"}");
        channelId = channels.create(DemoActors.actor(jdbc, "sysadmin"), new ChannelService.NewChannel(unit1Org, "WECOM", "隐患送达测试群",
                robot.url("/cgi-bin/webhook/send?key=hazard-test"), null, true)).id();
        long system = jdbc.sql("select id from systems_system where org_id = :org order by id").param("org", unit1Org)
                .query(Long.class).list().get(0);

        MvcResult raised = mvc.perform(post("/api/v1/hazards").header("Authorization", ApiClient.bearer(mvc, "supervisor"))
                .contentType("application/json")
                .content("{\"systemId\":" + system + ",\"title\":\"送达测试：OpenSSH 高危漏洞\",\"severity\":\"HIGH\"}")).andReturn();
        assertThat(raised.getResponse().getStatus()).as(raised.getResponse().getContentAsString()).isEqualTo(201);
        long id = JSON.readTree(raised.getResponse().getContentAsString()).get("id").asLong();

        String unit1 = ApiClient.bearer(mvc, "unit1");
        JsonNode delivery = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            sender.sendDue();
            JsonNode hazard = JSON.readTree(mvc.perform(get("/api/v1/hazards/" + id).header("Authorization", unit1))
                    .andReturn().getResponse().getContentAsString());
            delivery = hazard.get("deliveries").get(0);
            if (delivery != null && "SENT".equals(delivery.get("state").asString())) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(delivery).isNotNull();
        assertThat(delivery.get("state").asString()).isEqualTo("SENT");
        assertThat(delivery.get("channel").asString()).isEqualTo("WECOM");
        assertThat(delivery.get("target").asString()).doesNotContain("hazard-test"); // the robot's key is never shown
        assertThat(robot.requests()).anySatisfy(r -> assertThat(r.body()).contains("送达测试：OpenSSH 高危漏洞"));
    }
}
