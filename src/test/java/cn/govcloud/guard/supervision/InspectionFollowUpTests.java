package cn.govcloud.guard.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.duties.DutyEngine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17 point 11 (A5.4, A11.3, A10.4): the daily inspection's content triggers follow-up. Abnormal devices and a
 * cryptographic resource pool not fully valid become hazard drafts, reported events an incident draft, for the
 * supervisor, who raises the hazard, asks the provider for the incident report or dismisses with a reason.
 */
@AppTest
class InspectionFollowUpTests {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    DutyEngine engine;

    private final ApiClient api = new ApiClient(() -> mvc);

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private long dailyInspection(String day) throws Exception {
        engine.generate(LocalDate.parse(day), LocalDate.parse(day));
        return ApiClient.body(api.call("provider", get("/api/v1/duties?rule=A5.4-daily-inspection&dueFrom=" + day + "&dueTo=" + day)))
                .get("items").get(0).get("id").asLong();
    }

    private JsonNode followUpsOf(String kind) throws Exception {
        JsonNode all = ApiClient.body(api.call("supervisor", get("/api/v1/supervision/inspection-follow-ups?open=true")));
        for (JsonNode f : all) {
            if (f.get("kind").asString().equals(kind) && f.get("day").asString().equals("2026-06-16")) {
                return f;
            }
        }
        return null;
    }

    @Test
    void A5_4_abnormalDevicesAFailedCryptoPoolAndReportedEventsGoToTheSupervisor_A11_3() throws Exception {
        clock.set(Instant.parse("2026-06-16T09:00:00Z"));
        api.forgetTokens();
        long id = dailyInspection("2026-06-16");
        Map<String, String> report = Map.of("devicesStatus", "异常", "devicesNote", "3号机柜交换机端口故障", "systemsStatus", "正常",
                "cryptoPoolChecked", "true", "cryptoPoolResult", "部分失效", "securityEventCount", "2",
                "securityEventDescription", "两次暴力破解尝试", "noSecurityEvents", "false", "declarant", "王巡检");
        MvcResult filed = api.json("provider", post("/api/v1/duties/" + id + "/submissions"), JSON.writeValueAsString(Map.of("fields", report)));
        assertThat(filed.getResponse().getStatus()).as(filed.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);

        JsonNode device = followUpsOf("DEVICE_ABNORMAL");
        JsonNode pool = followUpsOf("CRYPTO_POOL");
        JsonNode events = followUpsOf("SECURITY_EVENTS");
        assertThat(device.get("proposal").asString()).isEqualTo("HAZARD");
        assertThat(device.get("detail").asString()).contains("交换机");
        assertThat(pool.get("detail").asString()).contains("部分失效");
        assertThat(events.get("proposal").asString()).isEqualTo("INCIDENT");
        assertThat(followUpsOf("SYSTEM_ABNORMAL")).isNull();
        // the supervisor is told at once
        assertThat(jdbc.sql("select count(*) from notify_notice where notice_key like 'inspection-followup:%' and message_key = 'followups.notice.raised'")
                .query(Long.class).single()).isPositive();

        // a hazard draft becomes a hazard on the system the supervisor picks; bad input names the fields and changes nothing
        MvcResult bad = api.json("supervisor", post("/api/v1/supervision/inspection-follow-ups/" + device.get("id").asLong() + "/hazard"), "{}");
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(bad.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("systemId", "severity");
        assertThat(api.json("provider", post("/api/v1/supervision/inspection-follow-ups/" + device.get("id").asLong() + "/hazard"), "{}")
                .getResponse().getStatus()).isEqualTo(403);
        long system = jdbc.sql("select min(id) from systems_system where state = 'ADMITTED'").query(Long.class).single();
        MvcResult raised = api.json("supervisor", post("/api/v1/supervision/inspection-follow-ups/" + device.get("id").asLong() + "/hazard"),
                "{\"systemId\":" + system + ",\"severity\":\"HIGH\"}");
        assertThat(raised.getResponse().getStatus()).as(raised.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        long hazard = ApiClient.body(raised).get("hazardId").asLong();
        assertThat(jdbc.sql("select source from hazards_hazard where id = :id").param("id", hazard).query(String.class).single())
                .isEqualTo("INSPECTION");
        // handled once
        assertThat(api.json("supervisor", post("/api/v1/supervision/inspection-follow-ups/" + device.get("id").asLong() + "/dismissal"),
                "{\"reason\":\"重复\"}").getResponse().getStatus()).isEqualTo(409);

        // the incident draft goes to the provider as a request to report (A10.4)
        MvcResult asked = api.json("supervisor", post("/api/v1/supervision/inspection-follow-ups/" + events.get("id").asLong() + "/incident-request"),
                "{\"note\":\"请于30分钟内定级报告\"}");
        assertThat(ApiClient.body(asked).get("state").asString()).isEqualTo("INCIDENT_REQUESTED");
        assertThat(jdbc.sql("select count(*) from notify_notice where notice_key = :k").param("k", "inspection-followup:" + events.get("id").asLong()
                + ":incident").query(Long.class).single()).isEqualTo(1);

        // a draft the supervisor judges needs nothing is dismissed with a reason
        assertThat(api.json("supervisor", post("/api/v1/supervision/inspection-follow-ups/" + pool.get("id").asLong() + "/dismissal"), "{}")
                .getResponse().getStatus()).isEqualTo(400);
        MvcResult dismissed = api.json("supervisor", post("/api/v1/supervision/inspection-follow-ups/" + pool.get("id").asLong() + "/dismissal"),
                "{\"reason\":\"已切换备用密码机，当日复验有效\"}");
        assertThat(ApiClient.body(dismissed).get("state").asString()).isEqualTo("DISMISSED");
        assertThat(jdbc.sql("select count(*) from audit_record where action like 'supervision.followup.%'").query(Long.class).single())
                .isGreaterThanOrEqualTo(4);

        // the page lists them for the supervisor
        String page = mvc.perform(get("/supervision/inspection-follow-ups").with(org.springframework.security.test.web.servlet.request
                .SecurityMockMvcRequestPostProcessors.authentication(cn.govcloud.guard.security.DemoActors.authentication(jdbc, "supervisor")))
                .accept(MediaType.TEXT_HTML)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("巡检异常跟进", "设备运行异常", "已下发隐患");
    }
}
