package cn.govcloud.guard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17 point 14 (A5.6): the competent department decides on the provider's exit application (accept, or
 * object with a reason); each system's migration duty is due on the planned end of service.
 */
@AppTest
class ExitDecisionTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        jdbc.sql("update platform_exit set state = 'CLEARED' where state = 'OPEN'").update();
        clock.reset();
    }

    private final ApiClient api = new ApiClient(() -> mvc);

    @Test
    void A5_6_theSupervisorDecidesOnTheApplication_migrationsAreDueAtThePlannedEnd() throws Exception {
        jdbc.sql("update platform_exit set state = 'CLEARED' where state = 'OPEN'").update();
        clock.set(Instant.parse("2026-03-02T02:00:00Z"));
        api.forgetTokens(); // tokens were issued at another time
        MvcResult filed = api.json("provider", post("/api/v1/platform/exits"), "{\"endDate\":\"2026-08-31\",\"reason\":\"业务调整\",\"contact\":\"王云\"}");
        assertThat(filed.getResponse().getStatus()).as(filed.getResponse().getContentAsString()).isEqualTo(201);
        long id = ApiClient.body(filed).get("id").asLong();

        // the migration duties are due on the planned end, not 90 days after the application
        assertThat(jdbc.sql("select distinct due_date from duties_duty where reference like :r and rule_id = 'A5.6-system-migration'")
                .param("r", "exit:" + id + ":system:%").query(LocalDate.class).list()).containsExactly(LocalDate.parse("2026-08-31"));
        // the supervisor owes a decision
        assertThat(jdbc.sql("select state from duties_duty where rule_id = 'A5.6-exit-decision' and reference = :r")
                .param("r", "exit:" + id + ":decision").query(String.class).single()).isNotEqualTo("ACCEPTED");

        // only the supervisor decides; an objection needs a reason; bad input changes nothing
        assertThat(api.json("provider", post("/api/v1/platform/exits/" + id + "/decision"), "{\"accept\":true}").getResponse().getStatus())
                .isEqualTo(403);
        MvcResult noReason = api.json("supervisor", post("/api/v1/platform/exits/" + id + "/decision"), "{\"accept\":false}");
        assertThat(noReason.getResponse().getStatus()).isEqualTo(400);
        assertThat(noReason.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("reason");
        assertThat(api.json("supervisor", post("/api/v1/platform/exits/" + id + "/decision"), "{}").getResponse().getStatus()).isEqualTo(400);

        MvcResult objected = api.json("supervisor", post("/api/v1/platform/exits/" + id + "/decision"),
                "{\"accept\":false,\"reason\":\"迁移方案未明确3个系统的目标平台\"}");
        assertThat(objected.getResponse().getStatus()).as(objected.getResponse().getContentAsString()).isEqualTo(200);
        JsonNode o = ApiClient.body(objected);
        assertThat(o.get("decision").asText()).isEqualTo("OBJECTED");
        assertThat(o.get("decisionReason").asText()).contains("目标平台");
        // the provider is told, and sees the objection
        assertThat(jdbc.sql("select count(*) from notify_notice where notice_key = :k").param("k", "exit:" + id + ":decision:OBJECTED")
                .query(Long.class).single()).isEqualTo(1);

        MvcResult accepted = api.json("supervisor", post("/api/v1/platform/exits/" + id + "/decision"), "{\"accept\":true}");
        assertThat(ApiClient.body(accepted).get("decision").asText()).isEqualTo("ACCEPTED");
        assertThat(jdbc.sql("select state from duties_duty where rule_id = 'A5.6-exit-decision' and reference = :r")
                .param("r", "exit:" + id + ":decision").query(String.class).single()).isEqualTo("ACCEPTED");
        // an acceptance is final
        MvcResult again = api.json("supervisor", post("/api/v1/platform/exits/" + id + "/decision"), "{\"accept\":false,\"reason\":\"x\"}");
        assertThat(again.getResponse().getStatus()).isEqualTo(409);
        assertThat(again.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("A5.6");
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'platform.exit.decide' and target = :t").param("t", "exit:" + id)
                .query(Long.class).single()).isEqualTo(2);
        // the page shows the decision
        String page = mvc.perform(get("/platform/exits/" + id).with(org.springframework.security.test.web.servlet.request
                .SecurityMockMvcRequestPostProcessors.authentication(cn.govcloud.guard.security.DemoActors.authentication(jdbc, "provider")))
                .accept(MediaType.TEXT_HTML)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("exit-decision-value", "同意");
    }
}
