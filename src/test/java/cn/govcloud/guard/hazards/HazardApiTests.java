package cn.govcloud.guard.hazards;

import static cn.govcloud.guard.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.DutyEngine;
import cn.govcloud.guard.duties.DutyState;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** API.md's hazard contract and the A10.1 / A10.2 closed loop over the API. */
@AppTest
class HazardApiTests {
    static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    /** Monday 23 November 2026, 10:00 in Baotou. */
    static final Instant MONDAY = Instant.parse("2026-11-23T02:00:00Z");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    DutyEngine engine;
    @Autowired
    Duties duties;

    private final ApiClient api = new ApiClient(() -> mvc);

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void at(Instant instant) {
        clock.set(instant);
        api.forgetTokens();
    }

    private static String text(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private long orgOf(String user) {
        return jdbc.sql("select org_id from identity_user where username = :u").param("u", user).query(Long.class).single();
    }

    /** A system of unit1's organisation that only these tests use. */
    private long unit1System() throws Exception {
        var existing = jdbc.sql("select id from systems_system where org_id = :org and name = '隐患测试·学籍管理系统'").param("org", orgOf("unit1"))
                .query(Long.class).optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        MvcResult r = api.json("unit1", post("/api/v1/systems"), """
                {"name":"隐患测试·学籍管理系统","mlpsLevel":3,"purpose":"测试","filingNumber":"15020099999-00009","responsibleName":"张三",
                 "responsibleMobile":"13812345678","exposure":["GOV_EXTRANET"],"addresses":["10.77.1.5"]}""");
        assertThat(r.getResponse().getStatus()).as(text(r)).isEqualTo(201);
        return body(r).get("id").asLong();
    }

    private JsonNode raise(String user, long systemId, String title, String extra) throws Exception {
        MvcResult r = api.json(user, post("/api/v1/hazards"),
                "{\"systemId\":" + systemId + ",\"title\":\"" + title + "\",\"severity\":\"HIGH\"" + extra + "}");
        assertThat(r.getResponse().getStatus()).as(text(r)).isEqualTo(201);
        if (extra.contains("notifiedAt")) {
            // issue 17 point 3: a notice dated before the record counts from its date once the supervisor confirms it
            Backdated.confirm(mvc, user, body(r).get("id").asLong());
            return body(api.call(user, get("/api/v1/hazards/" + body(r).get("id").asLong())));
        }
        return body(r);
    }

    private MvcResult act(String user, long id, String step, String body) throws Exception {
        return api.json(user, post("/api/v1/hazards/" + id + "/" + step), body);
    }

    private MvcResult feedback(String user, long id, String completedOn) throws Exception {
        return api.call(user, multipart("/api/v1/hazards/" + id + "/feedback")
                .file(new MockMultipartFile("documents", "整改报告.pdf", "application/pdf", PDF))
                .param("measures", "已升级 Apache Struts 至 6.3.0.2，关闭外网管理端口").param("residualRisk", "无")
                .param("completedOn", completedOn));
    }

    private void acknowledge(long id) throws Exception {
        MvcResult r = act("unit1", id, "acknowledge", "{\"handlerName\":\"张安全\",\"firstMeasures\":\"已下线受影响接口，启动应急响应\"}");
        assertThat(r.getResponse().getStatus()).as(text(r)).isEqualTo(200);
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    // ---- API.md ---------------------------------------------------------------------------------

    @Test
    void raisingAHazard_201WithTheA10_2DueDate_FiveWorkingDaysAcrossTheSpringFestival() throws Exception {
        long system = unit1System();
        // Friday 13 February 2026: Sat 14 is a working day, 15–23 the Spring Festival, then Tue 24 … Fri 27
        at(Instant.parse("2026-02-13T02:00:00Z")); // recorded as notified (issue 17 point 3: an earlier date waits for the supervisor)
        MvcResult r = api.json("supervisor", post("/api/v1/hazards"), """
                {"systemId":%d,"title":"Struts2 远程代码执行漏洞","severity":"critical","notifiedAt":"2026-02-13T10:00:00+08:00",
                 "description":"S2-066"}""".formatted(system));
        assertThat(r.getResponse().getStatus()).as(text(r)).isEqualTo(201);
        JsonNode h = body(r);
        assertThat(h.get("id").asLong()).isPositive();
        assertThat(h.get("status").asText()).isEqualTo("NOTIFIED");
        assertThat(h.get("dueDate").asText()).isEqualTo("2026-02-27");
        assertThat(Instant.parse(h.get("dueAt").asText())).isEqualTo(Instant.parse("2026-02-27T16:00:00Z"));
        assertThat(h.get("severity").asText()).isEqualTo("CRITICAL");
        assertThat(h.get("rule").asText()).isEqualTo("A10.2");
        // the same as the calendar API says for 5 working days
        JsonNode calendar = body(api.call("supervisor", get("/api/v1/calendar/deadline?start=2026-02-13T02:00:00Z&workingDays=5")));
        assertThat(h.get("dueDate").asText()).isEqualTo(calendar.get("dueDate").asText());
        // the catalog's acknowledgement clock: 30 minutes (A10.1 / A10.2-hazard-acknowledgement)
        assertThat(Instant.parse(h.get("acknowledgeBy").asText())).isEqualTo(Instant.parse("2026-02-13T02:30:00Z"));
        // the hazard belongs to the system's owning unit, and the unit and the supervisor were told at once
        assertThat(h.get("orgId").asLong()).isEqualTo(orgOf("unit1"));
        long id = h.get("id").asLong();
        assertThat(jdbc.sql("select count(*) from notify_notice where notice_key = :k").param("k", "hazard:" + id + ":notified:" + orgOf("unit1"))
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from notify_notice where notice_key = :k").param("k", "hazard:" + id + ":notified:" + orgOf("supervisor"))
                .query(Long.class).single()).isEqualTo(1);
        // the provider may raise one too (it becomes the warning department); a unit only on its own systems (issue 17 point 2)
        assertThat(api.json("provider", post("/api/v1/hazards"), "{\"systemId\":" + system + ",\"title\":\"弱口令\",\"severity\":\"Low\"}")
                .getResponse().getStatus()).isEqualTo(201);
        assertThat(api.json("unit2", post("/api/v1/hazards"), "{\"systemId\":" + system + ",\"title\":\"弱口令\",\"severity\":\"LOW\"}")
                .getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void badInputIs400NamingTheFieldAndNothingIsSaved_A10_2() throws Exception {
        long system = unit1System();
        long hazards = count("hazards_hazard");
        long duties = count("duties_duty");
        MvcResult r = api.json("supervisor", post("/api/v1/hazards"),
                "{\"systemId\":\"abc\",\"title\":\"\",\"severity\":\"SEVERE\",\"notifiedAt\":\"yesterday\"}");
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        assertThat(r.getResponse().getContentType()).startsWith("application/problem+json");
        JsonNode errors = body(r).get("errors");
        assertThat(errors.has("systemId")).isTrue();
        assertThat(errors.has("title")).isTrue();
        assertThat(errors.has("severity")).isTrue();
        assertThat(errors.has("notifiedAt")).isTrue();
        r = api.json("supervisor", post("/api/v1/hazards"), "{\"systemId\":" + system + ",\"title\":\"x\",\"severity\":\"HIGH\",\"source\":\"GOSSIP\"}");
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        assertThat(body(r).get("errors").has("source")).isTrue();
        r = api.json("supervisor", post("/api/v1/hazards"), "{\"systemId\":" + system + ",\"title\":\"x\",\"severity\":\"HIGH\","
                + "\"notifiedAt\":\"2099-01-01T00:00:00+08:00\"}");
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        assertThat(body(r).get("errors").has("notifiedAt")).isTrue();
        // an unknown system
        assertThat(api.json("supervisor", post("/api/v1/hazards"), "{\"systemId\":99999999,\"title\":\"x\",\"severity\":\"HIGH\"}")
                .getResponse().getStatus()).isEqualTo(404);
        assertThat(count("hazards_hazard")).isEqualTo(hazards);
        assertThat(count("duties_duty")).isEqualTo(duties);
    }

    // ---- the loop -------------------------------------------------------------------------------

    @Test
    void theWholeLoopOverTheApi_ReturnRestartsTheUnitsClock_IllegalStepsAre409_A10_2() throws Exception {
        at(MONDAY);
        long system = unit1System();
        JsonNode raised = raise("supervisor", system, "教育局门户 SQL 注入", "");
        long id = raised.get("id").asLong();
        String due = raised.get("dueDate").asText();
        assertThat(due).isEqualTo("2026-11-30");

        // illegal steps: 409 naming the state and the rule
        MvcResult refused = act("supervisor", id, "close", "{}");
        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        assertThat(body(refused).get("rule").asText()).isEqualTo("A10.2");
        assertThat(body(refused).get("detail").asText()).contains("NOTIFIED").contains("CLOSE");
        assertThat(feedback("unit1", id, "2026-11-23").getResponse().getStatus()).isEqualTo(409);
        // only the unit's people acknowledge; a name and the first measures are required
        assertThat(act("supervisor", id, "acknowledge", "{\"handlerName\":\"x\",\"firstMeasures\":\"y\"}").getResponse().getStatus()).isEqualTo(403);
        MvcResult invalid = act("unit1", id, "acknowledge", "{\"handlerName\":\"\"}");
        assertThat(invalid.getResponse().getStatus()).isEqualTo(400);
        assertThat(body(invalid).get("errors").has("handlerName")).isTrue();
        assertThat(body(invalid).get("errors").has("firstMeasures")).isTrue();

        acknowledge(id);
        JsonNode h = body(api.call("unit1", get("/api/v1/hazards/" + id)));
        assertThat(h.get("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(h.get("handlerName").asText()).isEqualTo("张安全");
        assertThat(act("unit1", id, "acknowledge", "{\"handlerName\":\"张安全\",\"firstMeasures\":\"再次\"}").getResponse().getStatus())
                .isEqualTo(409);
        // the acknowledgement filed the catalog's acknowledgement duty
        assertThat(duties.find(h.get("ackDutyId").asLong()).orElseThrow().state()).isEqualTo(DutyState.SUBMITTED);

        assertThat(act("unit1", id, "start", "{}").getResponse().getStatus()).isEqualTo(200);
        at(MONDAY.plusSeconds(86_400));
        // written feedback needs a document
        MvcResult noDocument = api.call("unit1", multipart("/api/v1/hazards/" + id + "/feedback").param("measures", "已修复").param("completedOn", "2026-11-24"));
        assertThat(noDocument.getResponse().getStatus()).isEqualTo(400);
        assertThat(body(noDocument).get("errors").has("documents")).isTrue();
        MvcResult fed = feedback("unit1", id, "2026-11-24");
        assertThat(fed.getResponse().getStatus()).as(text(fed)).isEqualTo(201);
        assertThat(body(fed).get("status").asText()).isEqualTo("FEEDBACK_SUBMITTED");
        // the warner was told, and the supervisor copied (the warner here is the supervisor itself)
        assertThat(jdbc.sql("select count(*) from notify_notice where notice_key like :k").param("k", "hazard:" + id + ":feedback:%")
                .query(Long.class).single()).isGreaterThanOrEqualTo(1);

        // the unit cannot verify its own feedback; the supervisor returns with a reason; the catalog restarts the unit's
        // clock from the return (A10.2-rectify-after-return: five working days from Tuesday 24th, never earlier than before)
        assertThat(act("unit1", id, "close", "{}").getResponse().getStatus()).isEqualTo(403);
        assertThat(act("supervisor", id, "return", "{}").getResponse().getStatus()).isEqualTo(400);
        MvcResult returned = act("supervisor", id, "return", "{\"reason\":\"未提供复测报告，请补充\"}");
        assertThat(returned.getResponse().getStatus()).as(text(returned)).isEqualTo(200);
        assertThat(body(returned).get("status").asText()).isEqualTo("RETURNED");
        assertThat(body(returned).get("dueDate").asText()).isEqualTo("2026-12-01");
        assertThat(body(returned).get("catalogDueDate").asText()).isEqualTo(due);
        assertThat(act("supervisor", id, "close", "{}").getResponse().getStatus()).isEqualTo(409);

        at(MONDAY.plusSeconds(2 * 86_400));
        assertThat(feedback("unit1", id, "2026-11-25").getResponse().getStatus()).isEqualTo(201);
        MvcResult closed = act("supervisor", id, "close", "{\"note\":\"复测确认漏洞已消除\"}");
        assertThat(closed.getResponse().getStatus()).as(text(closed)).isEqualTo(200);
        JsonNode c = body(closed);
        assertThat(c.get("status").asText()).isEqualTo("CLOSED");
        assertThat(c.get("closedOnTime").asBoolean()).isTrue();
        assertThat(c.get("overdue").asBoolean()).isFalse();
        assertThat(act("unit1", id, "start", "{}").getResponse().getStatus()).isEqualTo(409);

        // the catalog's duties are fulfilled
        assertThat(duties.find(c.get("rectifyDutyId").asLong()).orElseThrow().state()).isEqualTo(DutyState.ACCEPTED);
        assertThat(duties.find(c.get("ackDutyId").asLong()).orElseThrow().state()).isEqualTo(DutyState.ACCEPTED);

        JsonNode full = body(api.call("supervisor", get("/api/v1/hazards/" + id)));
        List<String> kinds = new ArrayList<>();
        full.get("timeline").forEach(e -> kinds.add(e.get("kind").asText()));
        assertThat(kinds).containsExactly("NOTIFIED", "ACKNOWLEDGED", "STARTED", "FEEDBACK", "RETURNED", "FEEDBACK", "CLOSED");
        assertThat(full.get("feedback")).hasSize(2);
        assertThat(full.get("feedback").get(0).get("verdict").asText()).isEqualTo("RETURNED");
        assertThat(full.get("feedback").get(0).get("reason").asText()).contains("复测报告");
        assertThat(full.get("feedback").get(1).get("verdict").asText()).isEqualTo("CLOSED");
        // the evidence documents are readable by the hazard's readers, not by another unit
        long document = full.get("feedback").get(1).get("documents").get(0).get("documentId").asLong();
        assertThat(api.call("supervisor", get("/api/v1/hazards/" + id + "/documents/" + document)).getResponse().getStatus()).isEqualTo(200);
        assertThat(api.call("unit2", get("/api/v1/hazards/" + id + "/documents/" + document)).getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void anExtensionNeedsTheSupervisorsApprovalWithAReason_AndMovesTheDueDate_A10_2() throws Exception {
        at(MONDAY);
        long system = unit1System();
        JsonNode raised = raise("supervisor", system, "中间件版本过旧", "");
        long id = raised.get("id").asLong();
        // not before acknowledgement
        assertThat(act("unit1", id, "extension", "{\"proposedDueDate\":\"2026-12-10\",\"reason\":\"需厂商补丁\"}").getResponse().getStatus())
                .isEqualTo(409);
        acknowledge(id);
        assertThat(act("unit1", id, "extension", "{\"proposedDueDate\":\"2026-11-20\",\"reason\":\"需厂商补丁\"}").getResponse().getStatus())
                .isEqualTo(400);
        MvcResult asked = act("unit1", id, "extension", "{\"proposedDueDate\":\"2026-12-10\",\"reason\":\"需厂商提供补丁，已采取隔离措施\"}");
        assertThat(asked.getResponse().getStatus()).as(text(asked)).isEqualTo(201);
        long request = body(asked).get("id").asLong();
        // asking moves nothing; a second request waits for the first
        assertThat(body(api.call("unit1", get("/api/v1/hazards/" + id))).get("dueDate").asText()).isEqualTo("2026-11-30");
        assertThat(act("unit1", id, "risk-acceptance", "{\"reason\":\"接受风险\"}").getResponse().getStatus()).isEqualTo(409);
        // only the supervisor decides: not the unit, not the provider, not the regulator
        String decision = "/requests/" + request + "/decision";
        for (String who : List.of("unit1", "provider", "regulator")) {
            assertThat(api.json(who, post("/api/v1/hazards/" + id + decision), "{\"approve\":true,\"reason\":\"同意延期\"}").getResponse().getStatus())
                    .as(who).isEqualTo(403);
        }
        assertThat(api.json("supervisor", post("/api/v1/hazards/" + id + decision), "{\"approve\":true}").getResponse().getStatus()).isEqualTo(400);
        MvcResult approved = api.json("supervisor", post("/api/v1/hazards/" + id + decision), "{\"approve\":true,\"reason\":\"同意延期至12月10日\"}");
        assertThat(approved.getResponse().getStatus()).as(text(approved)).isEqualTo(200);
        JsonNode h = body(approved);
        assertThat(h.get("dueDate").asText()).isEqualTo("2026-12-10");
        assertThat(Instant.parse(h.get("dueAt").asText())).isEqualTo(Instant.parse("2026-12-10T16:00:00Z"));
        assertThat(h.get("catalogDueDate").asText()).isEqualTo("2026-11-30");
        assertThat(h.get("extended").asBoolean()).isTrue();
        JsonNode full = body(api.call("unit1", get("/api/v1/hazards/" + id)));
        JsonNode r = full.get("requests").get(0);
        assertThat(r.get("decision").asText()).isEqualTo("APPROVED");
        assertThat(r.get("decisionReason").asText()).contains("同意延期");
        assertThat(Instant.parse(r.get("oldDueAt").asText())).isEqualTo(Instant.parse("2026-11-30T16:00:00Z"));
        assertThat(Instant.parse(r.get("newDueAt").asText())).isEqualTo(Instant.parse("2026-12-10T16:00:00Z"));
        assertThat(api.json("supervisor", post("/api/v1/hazards/" + id + decision), "{\"approve\":false,\"reason\":\"再次审批\"}").getResponse().getStatus())
                .isEqualTo(409);

        // the rectification duty moved with it, so the engine does not chase the unit for the old date
        var rectify = duties.find(h.get("rectifyDutyId").asLong()).orElseThrow();
        assertThat(rectify.dueDate()).isEqualTo(java.time.LocalDate.parse("2026-12-10"));
        assertThat(rectify.dueAt()).isEqualTo(Instant.parse("2026-12-10T16:00:00Z"));

        // past the catalog's date but within the extension: not overdue (no sweep here: the database is
        // shared, and a sweep in December would turn every other test's open duties overdue)
        at(Instant.parse("2026-12-02T02:00:00Z"));
        assertThat(body(api.call("unit1", get("/api/v1/hazards/" + id))).get("overdue").asBoolean()).isFalse();

        // risk acceptance, approved by the supervisor, ends the loop
        MvcResult risk = act("unit1", id, "risk-acceptance", "{\"reason\":\"系统将于月底下线，风险可控\"}");
        assertThat(risk.getResponse().getStatus()).as(text(risk)).isEqualTo(201);
        MvcResult accepted = api.json("supervisor", post("/api/v1/hazards/" + id + "/requests/" + body(risk).get("id").asLong() + "/decision"),
                "{\"approve\":true,\"reason\":\"同意接受风险，下线前加强监测\"}");
        assertThat(body(accepted).get("status").asText()).isEqualTo("RISK_ACCEPTED");
        assertThat(duties.find(body(accepted).get("rectifyDutyId").asLong()).orElseThrow().state()).isEqualTo(DutyState.ACCEPTED);
    }

    @Test
    void noAcknowledgementWithin30MinutesEscalatesToTheUnitAndTheSupervisorExactlyOnce_A10_1() throws Exception {
        at(MONDAY);
        long system = unit1System();
        JsonNode raised = raise("supervisor", system, "对外暴露的数据库端口", "");
        long ackDuty = raised.get("ackDutyId").asLong();
        String escalations = "select count(*) from notify_notice where notice_key like :k and org_id = :org";
        String key = "duty:" + ackDuty + ":escalate:%";

        at(MONDAY.plusSeconds(29 * 60));
        engine.sweep();
        assertThat(jdbc.sql(escalations).param("k", key).param("org", orgOf("unit1")).query(Long.class).single()).isZero();

        at(MONDAY.plusSeconds(31 * 60));
        engine.sweep();
        engine.sweep();
        at(MONDAY.plusSeconds(60 * 60));
        engine.sweep();
        assertThat(jdbc.sql(escalations).param("k", key).param("org", orgOf("unit1")).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql(escalations).param("k", key).param("org", orgOf("supervisor")).query(Long.class).single()).isEqualTo(1);
        // the unit's escalation reaches its security officer (the unit's leader for security)
        List<String> roles = jdbc.sql("select r.role from notify_notice_role r join notify_notice n on n.id = r.notice_id "
                + "where n.notice_key like :k and n.org_id = :org").param("k", key).param("org", orgOf("unit1")).query(String.class).list();
        assertThat(roles).contains("UNIT_SECURITY_OFFICER");

        // a late acknowledgement is still taken, and nothing is escalated again
        acknowledge(raised.get("id").asLong());
        engine.sweep();
        assertThat(jdbc.sql(escalations).param("k", key).param("org", orgOf("unit1")).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anOverdueHazardStaysOnTheUnitsRecordAfterClosing_A10_2() throws Exception {
        at(MONDAY);
        long system = unit1System();
        JsonNode raised = raise("supervisor", system, "逾期测试·弱口令", ",\"notifiedAt\":\"2026-11-02T10:00:00+08:00\"");
        long id = raised.get("id").asLong();
        JsonNode h = body(api.call("unit1", get("/api/v1/hazards/" + id)));
        assertThat(h.get("overdue").asBoolean()).isTrue();
        JsonNode before = figuresOf("unit1");
        assertThat(body(api.call("unit1", get("/api/v1/hazards?overdue=true&size=200"))).get("items").toString()).contains("逾期测试·弱口令");
        acknowledge(id);
        assertThat(feedback("unit1", id, "2026-11-23").getResponse().getStatus()).isEqualTo(201);
        JsonNode closed = body(act("supervisor", id, "close", "{}"));
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("overdue").asBoolean()).isTrue();
        assertThat(closed.get("closedOnTime").asBoolean()).isFalse();
        JsonNode after = figuresOf("unit1");
        assertThat(after.get("closedLate").asLong()).isEqualTo(before.get("closedLate").asLong() + 1);
        assertThat(after.get("overdue").asLong()).isEqualTo(before.get("overdue").asLong() - 1);
        assertThat(after.get("due").asLong()).isEqualTo(before.get("due").asLong());
    }

    private JsonNode figuresOf(String user) throws Exception {
        long org = orgOf(user);
        for (JsonNode row : body(api.call("supervisor", get("/api/v1/hazards/figures")))) {
            if (row.get("orgId").asLong() == org) {
                return row;
            }
        }
        throw new AssertionError("no figures for " + user);
    }

    // ---- scoping (A4) ---------------------------------------------------------------------------

    @Test
    void anotherUnitCannotSeeOrActAndTheProviderSeesOnlyWhatItRaised_A4_A10_2() throws Exception {
        long system = unit1System();
        long bySupervisor = raise("supervisor", system, "范围测试·监管下发", "").get("id").asLong();
        long byProvider = raise("provider", system, "范围测试·运营商下发", ",\"source\":\"FINDING\",\"sourceRef\":\"finding:7\"").get("id").asLong();

        assertThat(api.call("unit2", get("/api/v1/hazards/" + bySupervisor)).getResponse().getStatus()).isEqualTo(404);
        assertThat(act("unit2", bySupervisor, "acknowledge", "{\"handlerName\":\"王\",\"firstMeasures\":\"x\"}").getResponse().getStatus())
                .isEqualTo(404);
        assertThat(text(api.call("unit2", get("/api/v1/hazards?size=200")))).doesNotContain("范围测试");
        assertThat(text(api.call("unit1", get("/api/v1/hazards?size=200")))).contains("范围测试·监管下发").contains("范围测试·运营商下发");
        assertThat(text(api.call("regulator", get("/api/v1/hazards?size=200")))).contains("范围测试·监管下发");

        // the provider is the warning department of what it raised, and sees only that
        assertThat(api.call("provider", get("/api/v1/hazards/" + byProvider)).getResponse().getStatus()).isEqualTo(200);
        assertThat(api.call("provider", get("/api/v1/hazards/" + bySupervisor)).getResponse().getStatus()).isEqualTo(404);
        String providerList = text(api.call("provider", get("/api/v1/hazards?size=200")));
        assertThat(providerList).contains("范围测试·运营商下发").doesNotContain("范围测试·监管下发");

        // the provider verifies its own notice; the supervisor, who did not warn, cannot close it
        acknowledge(byProvider);
        assertThat(feedback("unit1", byProvider, java.time.LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai"))).toString())
                .getResponse().getStatus()).isEqualTo(201);
        assertThat(jdbc.sql("select count(*) from notify_notice where notice_key like :k and org_id = :org")
                .param("k", "hazard:" + byProvider + ":feedback:%").param("org", orgOf("provider")).query(Long.class).single()).isEqualTo(1);
        // the feedback goes to the warner (A10.2): another reader is refused by that rule
        assertThat(act("supervisor", byProvider, "close", "{}").getResponse().getStatus()).isEqualTo(409);
        assertThat(act("provider", byProvider, "close", "{}").getResponse().getStatus()).isEqualTo(200);
    }

    // ---- the 通报 -------------------------------------------------------------------------------

    @Test
    void theSupervisorsNoticeOfOverdueHazardsDownloadsAsExcelWithChineseText_A10_2() throws Exception {
        at(MONDAY);
        long system = unit1System();
        raise("supervisor", system, "通报测试·未修复的高危漏洞", ",\"notifiedAt\":\"2026-11-02T10:00:00+08:00\"");
        MvcResult r = api.call("supervisor", get("/api/v1/hazards/notice.xlsx"));
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(r.getResponse().getContentType()).contains("spreadsheetml");
        assertThat(r.getResponse().getHeader("Content-Disposition")).contains("attachment");
        List<String> cells = new ArrayList<>();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(r.getResponse().getContentAsByteArray()))) {
            for (Sheet sheet : book) {
                cells.add(sheet.getSheetName());
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        cells.add(cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                                ? String.valueOf((long) cell.getNumericCellValue()) : cell.getStringCellValue());
                    }
                }
            }
        }
        String unit1Name = jdbc.sql("select name from identity_organisation where id = :id").param("id", orgOf("unit1")).query(String.class).single();
        assertThat(cells).contains("关于逾期未整改风险隐患的通报", "逾期未整改隐患", "各单位整改情况", "通报测试·未修复的高危漏洞", unit1Name, "高危");
        // only the supervisor issues it
        assertThat(api.call("unit1", get("/api/v1/hazards/notice.xlsx")).getResponse().getStatus()).isEqualTo(403);
        assertThat(api.call("provider", get("/api/v1/hazards/notice.xlsx")).getResponse().getStatus()).isEqualTo(403);
    }
}
