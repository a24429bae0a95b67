package cn.govcloud.guard.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17 points 6 and 7 (A11.2, A11.4): each gate decision is a work order to the provider, raised with the decision, due by
 * the catalog's rule (one working day, counted by the working-day calendar), confirmed by the provider (who, when, what), seen
 * by the unit (its own) and the supervisor; until confirmed the switch shows as ordered, awaiting execution.
 */
@AppTest
class WorkOrderTests {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    MockMvc mvc;

    private final ApiClient api = new ApiClient(() -> mvc);

    @Autowired
    void client(MockMvc mvc) {
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    @BeforeEach
    void pinClock() {
        clock.set(MutableClock.DEFAULT_START); // Thursday 2026-11-26 10:00 Shanghai
        api.forgetTokens();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private long admitted() throws Exception {
        MvcResult r = api.json("unit1", post("/api/v1/systems"), """
                {"name":"工单测试-%s","mlpsLevel":2,"purpose":"测试","filingNumber":"15020041009-27002","nonClassified":true,"nonClassifiedDeclarant":"张三","responsibleName":"张三",
                 "responsibleMobile":"13812345678","exposure":["INTERNET"],"addresses":["10.89.2.7"]}""".formatted(UUID.randomUUID().toString().substring(0, 8)));
        long id = ApiClient.body(r).get("id").asLong();
        api.call("unit1", multipart("/api/v1/systems/" + id + "/agreement").file(new MockMultipartFile("file", "协议.pdf", "application/pdf", PDF))
                .param("agreementNumber", "BTZWY-XY-2026-9" + id).param("unitSignatory", "李局长").param("providerSignatory", "王经理")
                .param("signedOn", "2026-11-20"));
        api.call("unit1", post("/api/v1/systems/" + id + "/admission"));
        for (String kind : new String[] {"MLPS_CERTIFICATE", "CRYPTO_PLAN", "SECURITY_TEST", "PENETRATION_TEST"}) {
            var req = multipart("/api/v1/systems/" + id + "/verification/" + kind).file(new MockMultipartFile("file", kind + ".pdf", "application/pdf", PDF));
            if (kind.equals("MLPS_CERTIFICATE")) {
                req.param("certNumber", "DJCP-2026-028").param("certDate", "2026-03-01").param("conclusion", "良").param("validUntil", "2027-03-01")
                        .param("certLevel", "2");
            }
            api.call("unit1", req);
            api.json("supervisor", post("/api/v1/systems/" + id + "/verification/" + kind + "/review"), "{\"accept\":true}");
        }
        for (String m : new String[] {"FIREWALL", "IDS_IPS", "ENDPOINT", "CRYPTO", "LOCAL_BACKUP", "OFFSITE_BACKUP"}) {
            api.call("unit1", multipart("/api/v1/systems/" + id + "/protections/" + m).param("present", "true").param("detail", "已部署"));
        }
        MvcResult admit = api.call("supervisor", post("/api/v1/systems/" + id + "/admit"));
        assertThat(admit.getResponse().getStatus()).as(admit.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        return id;
    }

    private List<JsonNode> orders(String user, long system) throws Exception {
        MvcResult r = api.call(user, get("/api/v1/work-orders").param("system", String.valueOf(system)));
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        ApiClient.body(r).get("items").forEach(list::add);
        return list;
    }

    private JsonNode order(long system, String kind) throws Exception {
        return orders("provider", system).stream().filter(o -> o.get("kind").asString().equals(kind)).findFirst().orElseThrow();
    }

    private String dutyState(long order) {
        return jdbc.sql("select state from duties_duty where reference = :r").param("r", "work-order:" + order).query(String.class).single();
    }

    @Test
    void A11_2_admissionAndASwitchEachRaiseAWorkOrderDueInOneWorkingDay_theSwitchIsPendingUntilTheProviderConfirms() throws Exception {
        long id = admitted();
        JsonNode admission = order(id, "ADMISSION");
        assertThat(admission.get("rule").asString()).isEqualTo("A11.2-work-order");
        assertThat(admission.get("change").asString()).contains("10.89.2.7");
        // the catalog's one working day, counted by the calendar: ordered Thursday 26 November, due at the end of Friday 27
        assertThat(admission.get("dueDate").asString()).isEqualTo("2026-11-27");
        assertThat(Instant.parse(admission.get("dueAt").asString())).isEqualTo(Instant.parse("2026-11-27T16:00:00Z"));
        assertThat(admission.get("dueProvisional").asBoolean()).isFalse();
        assertThat(admission.get("state").asString()).isEqualTo("OPEN");

        JsonNode switched = ApiClient.body(api.json("supervisor", post("/api/v1/systems/" + id + "/internet-access"), "{\"on\":true,\"reason\":\"经评估同意开通\"}"));
        assertThat(switched.get("internetAccess").asBoolean()).isTrue();
        JsonNode system = ApiClient.body(api.call("unit1", get("/api/v1/systems/" + id)));
        assertThat(system.get("internetAccessPending").asBoolean()).isTrue();
        assertThat(system.get("externalExchangePending").asBoolean()).isFalse();
        assertThat(system.get("workOrders").size()).isEqualTo(2);

        JsonNode internet = order(id, "INTERNET_ACCESS_ON");
        long orderId = internet.get("id").asLong();
        assertThat(internet.get("internetAccess").asBoolean()).isTrue();
        assertThat(internet.get("externalExchange").isNull()).isTrue();
        // the provider's duty: owed by the provider organisation, due with the order
        assertThat(jdbc.sql("select d.rule_id || '|' || o.kind from duties_duty d join identity_organisation o on o.id = d.org_id where d.reference = :r")
                .param("r", "work-order:" + orderId).query(String.class).single()).isEqualTo("A11.2-work-order|PROVIDER");
        assertThat(dutyState(orderId)).isEqualTo("OPEN");

        clock.advance(Duration.ofHours(2));
        api.forgetTokens(); // an idle token expires meanwhile
        String executedAt = MutableClock.DEFAULT_START.plus(Duration.ofHours(1)).toString();
        MvcResult confirmed = api.json("provider", post("/api/v1/work-orders/" + orderId + "/confirmation"),
                "{\"executedBy\":\"王运维\",\"executedAt\":\"" + executedAt + "\",\"changes\":\"边界防火墙新增策略 10.89.2.7 443 放通\"}");
        assertThat(confirmed.getResponse().getStatus()).as(confirmed.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode c = ApiClient.body(confirmed);
        assertThat(c.get("state").asString()).isEqualTo("CONFIRMED");
        assertThat(c.get("confirmation").get("executedBy").asString()).isEqualTo("王运维");
        assertThat(Instant.parse(c.get("confirmation").get("executedAt").asString())).isEqualTo(Instant.parse(executedAt));
        assertThat(c.get("confirmation").get("confirmedBy").asString()).isEqualTo("provider");
        assertThat(c.get("confirmation").get("late").asBoolean()).isFalse();
        assertThat(dutyState(orderId)).isEqualTo("ACCEPTED");
        JsonNode after = ApiClient.body(api.call("supervisor", get("/api/v1/systems/" + id)));
        assertThat(after.get("internetAccessPending").asBoolean()).isFalse();
        assertThat(after.get("timeline").toString()).contains("ORDERED:INTERNET_ACCESS_ON", "EXECUTED:INTERNET_ACCESS_ON");
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'systems.work-order.confirm' and target = :t")
                .param("t", "work-order:" + orderId).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'systems.work-order.issue' and target = :t")
                .param("t", "work-order:" + orderId).query(Long.class).single()).isEqualTo(1);

        // a second confirmation: 409 naming the rule, nothing changed
        MvcResult again = api.json("provider", post("/api/v1/work-orders/" + orderId + "/confirmation"),
                "{\"executedBy\":\"李运维\",\"executedAt\":\"" + executedAt + "\",\"changes\":\"再次确认\"}");
        assertThat(again.getResponse().getStatus()).isEqualTo(409);
        assertThat(ApiClient.body(again).get("rule").asString()).isEqualTo("A11.2");
        assertThat(ApiClient.body(api.call("provider", get("/api/v1/work-orders/" + orderId))).get("confirmation").get("executedBy").asString()).isEqualTo("王运维");
    }

    @Test
    void A11_2_aBadConfirmationNamesEachFieldAndChangesNothing_onlyTheProviderConfirms() throws Exception {
        long id = admitted();
        long orderId = order(id, "ADMISSION").get("id").asLong();
        MvcResult bad = api.json("provider", post("/api/v1/work-orders/" + orderId + "/confirmation"),
                "{\"executedBy\":\" \",\"executedAt\":\"2026-11-25T01:00:00Z\",\"changes\":\"\"}");
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(bad.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("executedBy", "executedAt", "changes");
        MvcResult future = api.json("provider", post("/api/v1/work-orders/" + orderId + "/confirmation"),
                "{\"executedBy\":\"王运维\",\"executedAt\":\"2026-11-30T01:00:00Z\",\"changes\":\"开通内网接入\"}");
        assertThat(future.getResponse().getStatus()).isEqualTo(400);
        assertThat(future.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("executedAt");
        MvcResult garbled = api.json("provider", post("/api/v1/work-orders/" + orderId + "/confirmation"),
                "{\"executedBy\":\"王运维\",\"executedAt\":\"昨天\",\"changes\":\"开通内网接入\"}");
        assertThat(garbled.getResponse().getStatus()).isEqualTo(400);
        assertThat(api.json("unit1", post("/api/v1/work-orders/" + orderId + "/confirmation"),
                "{\"executedBy\":\"王运维\",\"executedAt\":\"2026-11-26T02:00:00Z\",\"changes\":\"开通\"}").getResponse().getStatus()).isEqualTo(403);
        assertThat(api.json("supervisor", post("/api/v1/work-orders/" + orderId + "/confirmation"),
                "{\"executedBy\":\"王运维\",\"executedAt\":\"2026-11-26T02:00:00Z\",\"changes\":\"开通\"}").getResponse().getStatus()).isEqualTo(403);
        assertThat(order(id, "ADMISSION").get("state").asString()).isEqualTo("OPEN");
        assertThat(dutyState(orderId)).isEqualTo("OPEN");

        // with an evidence file, as multipart
        clock.advance(Duration.ofMinutes(30));
        api.forgetTokens();
        MvcResult withFile = api.call("provider", multipart("/api/v1/work-orders/" + orderId + "/confirmation")
                .file(new MockMultipartFile("file", "策略截图.pdf", "application/pdf", PDF)).param("executedBy", "王运维")
                .param("executedAt", "2026-11-26T10:20").param("changes", "开通政务云内部网络接入"));
        assertThat(withFile.getResponse().getStatus()).as(withFile.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode confirmation = ApiClient.body(withFile).get("confirmation");
        assertThat(Instant.parse(confirmation.get("executedAt").asString())).isEqualTo(Instant.parse("2026-11-26T02:20:00Z"));
        assertThat(confirmation.get("evidenceDocumentId").isNull()).isFalse();
        assertThat(api.call("unit1", get("/api/v1/work-orders/" + orderId + "/evidence")).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void A4_aUnitSeesOnlyItsOwnSystemsWorkOrders_theSupervisorAndTheProviderSeeThem() throws Exception {
        long id = admitted();
        long orderId = order(id, "ADMISSION").get("id").asLong();
        assertThat(api.call("unit1", get("/api/v1/work-orders/" + orderId)).getResponse().getStatus()).isEqualTo(200);
        assertThat(api.call("supervisor", get("/api/v1/work-orders/" + orderId)).getResponse().getStatus()).isEqualTo(200);
        assertThat(api.call("unit2", get("/api/v1/work-orders/" + orderId)).getResponse().getStatus()).isEqualTo(404);
        assertThat(orders("unit2", id)).isEmpty();
        assertThat(orders("unit1", id)).hasSize(1);
        assertThat(api.call("auditor", get("/api/v1/work-orders")).getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void A11_2_anOrderNotConfirmedByItsDueTimeIsOverdue_andListedSo() throws Exception {
        long id = admitted();
        long orderId = order(id, "ADMISSION").get("id").asLong();
        clock.set(Instant.parse("2026-11-27T16:00:00Z"));
        api.forgetTokens();
        assertThat(ApiClient.body(api.call("provider", get("/api/v1/work-orders/" + orderId))).get("state").asString()).isEqualTo("OVERDUE");
        MvcResult overdue = api.call("provider", get("/api/v1/work-orders").param("state", "OVERDUE").param("limit", "200"));
        assertThat(ApiClient.body(overdue).get("items").toString()).contains("\"id\":" + orderId + ",");
        MvcResult open = api.call("provider", get("/api/v1/work-orders").param("state", "OPEN").param("system", String.valueOf(id)));
        assertThat(ApiClient.body(open).get("items").size()).isZero();
        // confirmed late: it still counts as executed, marked late
        MvcResult late = api.json("provider", post("/api/v1/work-orders/" + orderId + "/confirmation"),
                "{\"executedBy\":\"王运维\",\"executedAt\":\"2026-11-27T15:00:00Z\",\"changes\":\"开通内网接入\"}");
        assertThat(ApiClient.body(late).get("confirmation").get("late").asBoolean()).isTrue();
    }

    @Test
    void A11_4_suspensionAndExitOrderAreWorkOrdersThatSwitchAccessAndExchangeOff() throws Exception {
        long id = admitted();
        api.json("supervisor", post("/api/v1/systems/" + id + "/internet-access"), "{\"on\":true,\"reason\":\"经评估同意开通\"}");
        MvcResult suspended = api.json("supervisor", post("/api/v1/systems/" + id + "/suspension"), "{\"reason\":\"重大安全隐患逾期未整改\"}");
        assertThat(suspended.getResponse().getStatus()).isEqualTo(200);
        JsonNode suspension = order(id, "SUSPENSION");
        assertThat(suspension.get("rule").asString()).isEqualTo("A11.4-work-order");
        assertThat(suspension.get("internetAccess").asBoolean()).isFalse();
        assertThat(suspension.get("externalExchange").asBoolean()).isFalse();
        assertThat(suspension.get("reason").asString()).isEqualTo("重大安全隐患逾期未整改");
        JsonNode system = ApiClient.body(api.call("supervisor", get("/api/v1/systems/" + id)));
        assertThat(system.get("internetAccess").asBoolean()).isFalse();
        assertThat(system.get("internetAccessPending").asBoolean()).isTrue();
        assertThat(system.get("externalExchangePending").asBoolean()).isTrue();

        MvcResult ordered = api.json("supervisor", post("/api/v1/systems/" + id + "/exit-order"), "{\"reason\":\"无法整改\",\"deadline\":\"2026-12-11\"}");
        assertThat(ordered.getResponse().getStatus()).isEqualTo(200);
        JsonNode exitOrder = order(id, "EXIT_ORDER");
        assertThat(exitOrder.get("change").asString()).contains("2026-12-11");
        assertThat(dutyState(exitOrder.get("id").asLong())).isEqualTo("OPEN");
        // point 7 kept: the exit duty is due on the ordered deadline and the order closed the suspension review
        assertThat(jdbc.sql("select due_date from duties_duty where subject_kind = 'SYSTEM' and subject_id = :id and rule_id = 'A11.4-ordered-exit'")
                .param("id", id).query(java.time.LocalDate.class).single()).isEqualTo(java.time.LocalDate.parse("2026-12-11"));
        assertThat(jdbc.sql("select state from duties_duty where subject_kind = 'SYSTEM' and subject_id = :id and rule_id = 'A11.4-suspension-review'")
                .param("id", id).query(String.class).single()).isEqualTo("ACCEPTED");

        MvcResult exited = api.json("unit1", post("/api/v1/systems/" + id + "/exit"), "{\"dataDisposition\":\"数据已迁出并核验，云上副本已销毁\"}");
        assertThat(exited.getResponse().getStatus()).isEqualTo(200);
        assertThat(order(id, "EXIT").get("change").asString()).contains("数据已迁出");
    }

    @Test
    void A8_1_theProviderReadsTheRegistersMetadataOnly_pagedAndFiltered() throws Exception {
        long id = admitted();
        String name = ApiClient.body(api.call("unit1", get("/api/v1/systems/" + id))).get("name").asString();
        MvcResult r = api.call("provider", get("/api/v1/system-register").param("name", name));
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        JsonNode items = ApiClient.body(r).get("items");
        assertThat(items.size()).isEqualTo(1);
        JsonNode entry = items.get(0);
        assertThat(entry.get("id").asLong()).isEqualTo(id);
        assertThat(entry.get("unitName").asString()).isNotBlank();
        assertThat(entry.get("mlpsLevel").asInt()).isEqualTo(2);
        assertThat(entry.get("addresses").toString()).contains("10.89.2.7");
        assertThat(entry.get("status").asString()).isEqualTo("ADMITTED");
        // nothing of the unit's data or people (A8.1): no purpose, responsible person, agreement, documents or duties
        assertThat(entry.has("purpose")).isFalse();
        assertThat(entry.has("responsibleName")).isFalse();
        assertThat(entry.has("responsibleMobile")).isFalse();
        assertThat(entry.toString()).doesNotContain("张三", "13812345678");
        assertThat(ApiClient.body(api.call("provider", get("/api/v1/system-register").param("name", name).param("state", "SUSPENDED"))).get("items").size()).isZero();
        MvcResult page = api.call("provider", get("/api/v1/system-register").param("limit", "2"));
        assertThat(ApiClient.body(page).get("items").size()).isEqualTo(2);
        assertThat(ApiClient.body(page).get("next").isNull()).isFalse();
        assertThat(api.call("unit1", get("/api/v1/system-register")).getResponse().getStatus()).isEqualTo(403);
        assertThat(api.call("provider", get("/api/v1/system-register").param("state", "NONSENSE")).getResponse().getStatus()).isEqualTo(400);
    }
}
