package cn.govcloud.guard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** A5.6: the provider exit — 90 days notice, a migration task per hosted system, data clearance after the end. */
@AppTest
class ProviderExitApiTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    cn.govcloud.guard.platform.internal.ProviderExit exits;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private final ApiClient api = new ApiClient(() -> mvc);

    @Test
    void exitNeeds90DaysNotice_tasksPerSystem_unitsSeeTheirOwn_clearanceClosesIt_A5_6() throws Exception {
        // no exit of an earlier, interrupted run stays open (one open exit per provider)
        jdbc.sql("update platform_exit set state = 'CLEARED' where state = 'OPEN'").update();
        clock.set(Instant.parse("2026-03-02T02:00:00Z"));
        api.forgetTokens(); // tokens were issued at another time

        MvcResult early = api.json("provider", post("/api/v1/platform/exits"),
                "{\"endDate\":\"2026-05-30\",\"reason\":\"业务调整\",\"contact\":\"王云\"}");
        assertThat(early.getResponse().getStatus()).isEqualTo(409);
        assertThat(early.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("A5.6");
        MvcResult bad = api.json("provider", post("/api/v1/platform/exits"), "{\"endDate\":\"31/05/2026\",\"reason\":\"\",\"contact\":\"\"}");
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(api.json("supervisor", post("/api/v1/platform/exits"),
                "{\"endDate\":\"2026-06-30\",\"reason\":\"x\",\"contact\":\"y\"}").getResponse().getStatus()).isEqualTo(403);

        MvcResult filed = api.json("provider", post("/api/v1/platform/exits"),
                "{\"endDate\":\"2026-05-31\",\"reason\":\"业务调整，终止政务云服务\",\"contact\":\"王云\"}");
        assertThat(filed.getResponse().getStatus()).as(filed.getResponse().getContentAsString()).isEqualTo(201);
        JsonNode exit = ApiClient.body(filed);
        long id = exit.get("id").asLong();
        long onPlatform = jdbc.sql("select count(*) from systems_system where state in ('ADMITTED','SUSPENDED','EXIT_ORDERED')")
                .query(Long.class).single();
        assertThat(exit.get("tasks").size()).isEqualTo((int) onPlatform).isGreaterThan(0);
        assertThat(exit.get("overdue").asBoolean()).isFalse();
        // a second application while one is open is refused
        assertThat(api.json("provider", post("/api/v1/platform/exits"),
                "{\"endDate\":\"2026-07-31\",\"reason\":\"x\",\"contact\":\"y\"}").getResponse().getStatus()).isEqualTo(409);
        // the duties of the catalog: the provider notice and one migration duty per system
        assertThat(jdbc.sql("select count(*) from duties_duty where reference like :r and rule_id = 'A5.6-system-migration'")
                .param("r", "exit:" + id + ":system:%").query(Long.class).single()).isEqualTo(onPlatform);

        // unit1 sees the exit with its own systems' tasks only; unit2 cannot touch them
        long unit1Org = jdbc.sql("select org_id from identity_user where username = 'unit1'").query(Long.class).single();
        JsonNode seen = ApiClient.body(api.call("unit1", get("/api/v1/platform/exits/" + id)));
        assertThat(seen.get("tasks").size()).isGreaterThan(0);
        seen.get("tasks").forEach(t -> assertThat(t.get("orgId").asLong()).isEqualTo(unit1Org));
        long task = seen.get("tasks").get(0).get("id").asLong();
        assertThat(api.json("unit2", post("/api/v1/platform/exits/tasks/" + task), "{\"state\":\"IN_PROGRESS\"}").getResponse().getStatus())
                .isIn(403, 404);
        assertThat(api.json("unit1", post("/api/v1/platform/exits/tasks/" + task), "{\"state\":\"MIGRATED\"}").getResponse().getStatus())
                .isEqualTo(400);
        MvcResult moved = api.json("unit1", post("/api/v1/platform/exits/tasks/" + task),
                "{\"state\":\"DATA_VERIFIED\",\"target\":\"自治区政务云\",\"note\":\"数据比对一致\"}");
        assertThat(moved.getResponse().getStatus()).as(moved.getResponse().getContentAsString()).isEqualTo(200);
        assertThat(ApiClient.body(api.call("supervisor", get("/api/v1/platform/exits/" + id))).get("migrated").asInt()).isEqualTo(1);

        // the clearance report before the end of service is refused
        String clearance = "{\"clearedOn\":\"%s\",\"scope\":\"全部云主机、数据库、对象存储中的政务数据及备份\",\"method\":\"三次覆写后销毁介质\","
                + "\"verifiedBy\":\"市大数据中心 李核验\"}";
        MvcResult tooEarly = api.json("provider", post("/api/v1/platform/exits/" + id + "/clearance"), clearance.formatted("2026-03-01"));
        assertThat(tooEarly.getResponse().getStatus()).isEqualTo(409);
        assertThat(tooEarly.getResponse().getContentAsString()).contains("A5.6");

        // after the end the exit is overdue until the report is filed
        clock.set(Instant.parse("2026-06-05T02:00:00Z"));
        api.forgetTokens(); // tokens were issued at another time
        assertThat(ApiClient.body(api.call("supervisor", get("/api/v1/platform/exits/" + id))).get("overdue").asBoolean()).isTrue();
        // issue 17 point 10: the end of service raises the provider's A5.6-data-clearance-report, 15 working days from the end date
        exits.endServices();
        assertThat(jdbc.sql("select due_date from duties_duty where rule_id = 'A5.6-data-clearance-report' and reference = :r")
                .param("r", "exit:" + id + ":ended").query(java.time.LocalDate.class).single()).isEqualTo(java.time.LocalDate.parse("2026-06-22"));
        assertThat(api.json("provider", post("/api/v1/platform/exits/" + id + "/clearance"), clearance.formatted("2026-05-20"))
                .getResponse().getStatus()).isEqualTo(400);
        MvcResult cleared = api.json("provider", post("/api/v1/platform/exits/" + id + "/clearance"), clearance.formatted("2026-06-03"));
        assertThat(cleared.getResponse().getStatus()).as(cleared.getResponse().getContentAsString()).isEqualTo(200);
        JsonNode done = ApiClient.body(cleared);
        assertThat(done.get("state").asText()).isEqualTo("CLEARED");
        assertThat(done.get("overdue").asBoolean()).isFalse();
        assertThat(jdbc.sql("select state from duties_duty where rule_id = 'A5.6-data-clearance-report' and reference = :r")
                .param("r", "exit:" + id + ":ended").query(String.class).single()).isEqualTo("ACCEPTED");
        assertThat(jdbc.sql("select count(*) from audit_record where action like 'platform.exit.%' and target like :t")
                .param("t", "exit%").query(Long.class).single()).isGreaterThanOrEqualTo(2);
        // the export lists the tasks
        assertThat(api.call("regulator", get("/api/v1/platform/exits/export.xlsx")).getResponse().getStatus()).isEqualTo(200);
    }
}
