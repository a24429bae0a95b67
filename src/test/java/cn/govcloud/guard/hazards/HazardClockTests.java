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
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17 point 1: whose clock runs (A10.2, A11.3, A12). The unit's five working days stop at its written
 * feedback; the warner verifies on its own clock; a return restarts the unit's clock as the catalog says;
 * the assessment counts the on-time feedback, not the warner's closing date.
 */
@AppTest
class HazardClockTests {
    static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    /** Monday 23 November 2026, 10:00 in Baotou; the catalog's due date is Monday 30 November. */
    static final Instant MONDAY = Instant.parse("2026-11-23T02:00:00Z");
    static final long DAY = 86_400;

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    Duties duties;
    @Autowired
    HazardOutcomes outcomes;

    private final ApiClient api = new ApiClient(() -> mvc);

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void at(Instant instant) {
        clock.set(instant);
        api.forgetTokens();
    }

    private long orgOf(String user) {
        return jdbc.sql("select org_id from identity_user where username = :u").param("u", user).query(Long.class).single();
    }

    private long system() throws Exception {
        var existing = jdbc.sql("select id from systems_system where org_id = :org and name = '时钟测试·办件系统'").param("org", orgOf("unit1"))
                .query(Long.class).optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        MvcResult r = api.json("unit1", post("/api/v1/systems"), """
                {"name":"时钟测试·办件系统","mlpsLevel":2,"purpose":"测试","filingNumber":"15020099999-00017","responsibleName":"李四",
                 "responsibleMobile":"13812345679","exposure":["GOV_EXTRANET"],"addresses":["10.77.17.5"]}""");
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
        return body(r).get("id").asLong();
    }

    private JsonNode raiseAndAcknowledge(String warner, String title) throws Exception {
        MvcResult r = api.json(warner, post("/api/v1/hazards"), "{\"systemId\":" + system() + ",\"title\":\"" + title + "\",\"severity\":\"HIGH\"}");
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        long id = body(r).get("id").asLong();
        MvcResult ack = api.json("unit1", post("/api/v1/hazards/" + id + "/acknowledge"), "{\"handlerName\":\"李安全\",\"firstMeasures\":\"已隔离\"}");
        assertThat(ack.getResponse().getStatus()).isEqualTo(200);
        return body(r);
    }

    private JsonNode feedback(long id, String completedOn) throws Exception {
        MvcResult r = api.call("unit1", multipart("/api/v1/hazards/" + id + "/feedback")
                .file(new MockMultipartFile("documents", "整改报告.pdf", "application/pdf", PDF))
                .param("measures", "已修复并复测").param("completedOn", completedOn));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        return body(r);
    }

    private JsonNode show(String user, long id) throws Exception {
        return body(api.call(user, get("/api/v1/hazards/" + id)));
    }

    private HazardOutcomes.Outcome outcome(long id) {
        return outcomes.outcomes(orgOf("unit1"), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), clock.instant()).stream()
                .filter(o -> o.id() == id).findFirst().orElseThrow();
    }

    @Test
    void A10_2_unitClockStopsAtFeedback_theWarnerVerifiesOnItsOwnClock_A11_3() throws Exception {
        at(MONDAY);
        JsonNode raised = raiseAndAcknowledge("supervisor", "时钟测试·越权访问");
        long id = raised.get("id").asLong();
        assertThat(raised.get("dueDate").asText()).isEqualTo("2026-11-30");
        // issue 17 point 10: the hazard is found as it is recorded (A11.3-hazard-notice), and the notice sent fulfils it
        assertThat(jdbc.sql("select state from duties_duty where rule_id = 'A11.3-hazard-notice' and reference = :r")
                .param("r", "hazard:" + id + ":found").query(String.class).single()).isEqualTo("ACCEPTED");

        at(MONDAY.plusSeconds(DAY)); // Tuesday 24th: on time
        JsonNode fed = feedback(id, "2026-11-24");
        assertThat(fed.get("unitClockStopped").asBoolean()).isTrue();
        // the unit's duty is done, on time, at its feedback
        Duty rectify = duties.find(fed.get("rectifyDutyId").asLong()).orElseThrow();
        assertThat(rectify.state()).isEqualTo(DutyState.ACCEPTED);
        // the warner's verification (A11.3-rectification-follow-up) is raised for the warner, five working days from the feedback
        Duty followUp = duties.find(fed.get("verificationDutyId").asLong()).orElseThrow();
        assertThat(followUp.ruleId()).isEqualTo("A11.3-rectification-follow-up");
        assertThat(followUp.orgId()).isEqualTo(orgOf("supervisor"));
        assertThat(followUp.dueDate()).isEqualTo(LocalDate.parse("2026-12-01"));
        assertThat(fed.get("verificationDueAt").asText()).isEqualTo(followUp.dueAt().toString());

        // Thursday 3 December: past the unit's due date and the warner's; the unit is not overdue for the warner's delay
        at(MONDAY.plusSeconds(10 * DAY));
        JsonNode waiting = show("unit1", id);
        assertThat(waiting.get("overdue").asBoolean()).isFalse();
        assertThat(body(api.call("unit1", get("/api/v1/hazards?overdue=true&size=200"))).get("items").toString()).doesNotContain("时钟测试·越权访问");
        assertThat(outcome(id).onTime()).isTrue();

        MvcResult closed = api.json("supervisor", post("/api/v1/hazards/" + id + "/close"), "{\"note\":\"复测确认\"}");
        assertThat(closed.getResponse().getStatus()).isEqualTo(200);
        assertThat(body(closed).get("closedOnTime").asBoolean()).isTrue();
        assertThat(body(closed).get("overdue").asBoolean()).isFalse();
        // A12: the assessment counts the on-time feedback, not the warner's (late) closing date
        assertThat(outcome(id).onTime()).isTrue();
        // the warner's own duty is fulfilled by the verification, and it was the warner who was late
        Duty verified = duties.find(followUp.id()).orElseThrow();
        assertThat(verified.state()).isEqualTo(DutyState.ACCEPTED);
        assertThat(jdbc.sql("select late from duties_submission where duty_id = :d").param("d", followUp.id()).query(Boolean.class).single())
                .isTrue();
        assertThat(jdbc.sql("select late from duties_submission where duty_id = :d").param("d", rectify.id()).query(Boolean.class).single())
                .isFalse();
    }

    @Test
    void A10_2_aReturnedFeedbackRestartsTheUnitsClockAsTheCatalogSays() throws Exception {
        at(MONDAY);
        long id = raiseAndAcknowledge("supervisor", "时钟测试·弱口令退回").get("id").asLong();
        at(MONDAY.plusSeconds(DAY));
        JsonNode fed = feedback(id, "2026-11-24");
        long followUp = fed.get("verificationDutyId").asLong();

        // the warner returns on Thursday 3 December, after the catalog's date: the unit gets the catalog's five working days again
        at(MONDAY.plusSeconds(10 * DAY));
        MvcResult returned = api.json("supervisor", post("/api/v1/hazards/" + id + "/return"), "{\"reason\":\"未附复测报告，请补充\"}");
        assertThat(returned.getResponse().getStatus()).isEqualTo(200);
        JsonNode r = body(returned);
        assertThat(r.get("status").asText()).isEqualTo("RETURNED");
        assertThat(r.get("dueDate").asText()).isEqualTo("2026-12-10");
        assertThat(r.get("overdue").asBoolean()).isFalse();
        Duty again = duties.find(r.get("returnDutyId").asLong()).orElseThrow();
        assertThat(again.ruleId()).isEqualTo("A10.2-rectify-after-return");
        assertThat(again.dueDate()).isEqualTo(LocalDate.parse("2026-12-10"));
        assertThat(duties.find(followUp).orElseThrow().state()).isEqualTo(DutyState.ACCEPTED);

        // fed back again within the new time: on time, and that duty is done
        at(MONDAY.plusSeconds(11 * DAY));
        JsonNode second = feedback(id, "2026-12-04");
        assertThat(duties.find(again.id()).orElseThrow().state()).isEqualTo(DutyState.ACCEPTED);
        assertThat(second.get("verificationDutyId").asLong()).isNotEqualTo(followUp);
        assertThat(outcome(id).onTime()).isTrue();
    }

    @Test
    void A10_2_aCriticalHazardRunsOnTheCatalogsCriticalRule_severityIsACondition() throws Exception {
        at(MONDAY);
        MvcResult r = api.json("supervisor", post("/api/v1/hazards"), "{\"systemId\":" + system() + ",\"title\":\"时钟测试·远程代码执行\",\"severity\":\"CRITICAL\"}");
        assertThat(r.getResponse().getStatus()).isEqualTo(201);
        JsonNode h = body(r);
        Duty rectify = duties.find(h.get("rectifyDutyId").asLong()).orElseThrow();
        assertThat(rectify.ruleId()).isEqualTo("A10.2-rectify-critical");
        assertThat(h.get("dueDate").asText()).isEqualTo("2026-11-30");
    }

    @Test
    void A10_2_theProviderVerifiesTheFeedbackOnTheHazardsItWarnedOf() throws Exception {
        at(MONDAY);
        long id = raiseAndAcknowledge("provider", "时钟测试·端口暴露").get("id").asLong();
        at(MONDAY.plusSeconds(DAY));
        JsonNode fed = feedback(id, "2026-11-24");
        Duty followUp = duties.find(fed.get("verificationDutyId").asLong()).orElseThrow();
        assertThat(followUp.ruleId()).isEqualTo("A11.3-rectification-follow-up-provider");
        assertThat(followUp.orgId()).isEqualTo(orgOf("provider"));
    }
}
