package cn.govcloud.guard.supervision;

import static cn.govcloud.guard.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.security.DemoActors;
import cn.govcloud.guard.supervision.periods.Periods;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * Issue 22 point 4 (A4, 第四条（二）): 实网攻防 and 重保 periods — zero reports only inside the window and only for the
 * participants, the shorter acknowledgement clock, findings as hazards with their source, who sees and who declares.
 * Every test makes its own period and deletes it afterwards, so no other test's hazard falls inside a window.
 */
@AppTest
class PeriodTests {

    @Autowired MockMvc mvc;
    private final ApiClient api = new ApiClient(() -> mvc);
    @Autowired JdbcClient jdbc;
    @Autowired MutableClock clock;
    @Autowired Periods periods;
    @Autowired Hazards hazards;
    @Autowired Duties duties;

    private final List<Long> made = new java.util.ArrayList<>();

    @AfterEach
    void cleanUp() {
        SecurityContextHolder.clearContext();
        for (long id : made) {
            jdbc.sql("delete from supervision_period_finding where period_id = :p").param("p", id).update();
            jdbc.sql("delete from supervision_period_participant where period_id = :p").param("p", id).update();
            jdbc.sql("delete from supervision_period where id = :p").param("p", id).update();
        }
        clock.reset();
    }

    /** A page as the signed-in person (session authentication, as the browser). */
    String page(String user, String path) throws Exception {
        return mvc.perform(get(path).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication(
                DemoActors.authentication(jdbc, user)))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    MvcResult postJson(String user, String path, String json) throws Exception {
        return api.call(user, post(path).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    long orgOf(String user) {
        return jdbc.sql("select org_id from identity_user where username = :u").param("u", user).query(Long.class).single();
    }

    long systemOf(String user) {
        return jdbc.sql("select min(id) from systems_system where org_id = :o and state = 'ADMITTED'").param("o", orgOf(user)).query(Long.class).single();
    }

    void as(String user) {
        SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, user));
    }

    long declare(String kind, String name, LocalDateTime start, LocalDateTime end, String... users) {
        as("supervisor");
        List<Long> ids = java.util.Arrays.stream(users).map(this::orgOf).toList();
        long id = periods.declare(new Periods.NewPeriod(kind, name, start, end, ids, "EXERCISE".equals(kind) ? "省攻防队第3组" : null, null)).id();
        made.add(id);
        SecurityContextHolder.clearContext(); // MockMvc runs on this thread: the pages would otherwise see the supervisor
        return id;
    }

    Map<Long, Duty> zeroReportsOf(long period, LocalDate day) {
        Map<Long, Duty> byUnit = new HashMap<>();
        duties.raisedBy(PeriodDayStarted.reference(period, day)).stream().filter(d -> d.ruleId().equals("A4-period-zero-report"))
                .forEach(d -> byUnit.put(d.subjectId(), d));
        return byUnit;
    }

    @Test
    void zeroReportsAreRaisedEachDayOnlyInsideTheWindowAndOnlyForParticipants_A4() {
        // Monday 14 December 2026, 23:50 Beijing time: a 重保 period from Tuesday 09:00 to Wednesday 18:00 is declared
        clock.set(Instant.parse("2026-12-14T15:50:00Z"));
        long id = declare("PROTECTION", "重保·" + UUID.randomUUID(), LocalDateTime.parse("2026-12-15T09:00"), LocalDateTime.parse("2026-12-16T18:00"),
                "unit1", "unit3", "provider");
        long unit1 = orgOf("unit1");
        long unit3 = orgOf("unit3");
        long unit2 = orgOf("unit2");
        assertThat(zeroReportsOf(id, LocalDate.parse("2026-12-14"))).isEmpty();

        // 00:30 Beijing on Tuesday: the day has begun in Beijing (still Monday in UTC), but the window opens only at 09:00
        clock.set(Instant.parse("2026-12-14T16:30:00Z"));
        periods.raiseDays();
        assertThat(zeroReportsOf(id, LocalDate.parse("2026-12-15"))).isEmpty();

        // 09:05 Beijing: the period runs; each participating unit owes Tuesday's zero report by 24:00 Beijing time
        clock.set(Instant.parse("2026-12-15T01:05:00Z"));
        periods.raiseDays();
        periods.raiseDays(); // again: nothing new
        Map<Long, Duty> tuesday = zeroReportsOf(id, LocalDate.parse("2026-12-15"));
        assertThat(tuesday.keySet()).containsExactlyInAnyOrder(unit1, unit3); // not unit2 (not a participant), not the provider
        assertThat(tuesday.get(unit1).dueAt()).isEqualTo(Instant.parse("2026-12-15T16:00:00Z"));
        assertThat(tuesday.get(unit1).orgId()).isEqualTo(unit1);
        assertThat(zeroReportsOf(id, LocalDate.parse("2026-12-16"))).isEmpty();

        // crossing midnight in Beijing (16:00 UTC): Wednesday's zero report, due at its own 24:00
        clock.set(Instant.parse("2026-12-15T16:10:00Z"));
        periods.raiseDays();
        Map<Long, Duty> wednesday = zeroReportsOf(id, LocalDate.parse("2026-12-16"));
        assertThat(wednesday.keySet()).containsExactlyInAnyOrder(unit1, unit3);
        assertThat(wednesday.get(unit3).dueAt()).isEqualTo(Instant.parse("2026-12-16T16:00:00Z"));
        assertThat(wednesday.keySet()).doesNotContain(unit2);

        // Thursday 00:10 Beijing: the window ended on Wednesday at 18:00, so nothing more
        clock.set(Instant.parse("2026-12-16T16:10:00Z"));
        periods.raiseDays();
        assertThat(zeroReportsOf(id, LocalDate.parse("2026-12-17"))).isEmpty();

        // the compliance grid: two days for each participating unit
        as("supervisor");
        List<Periods.ZeroReportRow> grid = periods.zeroReports(id, cn.govcloud.guard.shared.Actor.require());
        assertThat(grid).extracting(Periods.ZeroReportRow::orgId).containsExactlyInAnyOrder(unit1, unit3);
        assertThat(grid.get(0).days()).extracting(Periods.DayCell::day)
                .containsExactly(LocalDate.parse("2026-12-15"), LocalDate.parse("2026-12-16"));
        assertThat(grid.get(0).due()).isEqualTo(2);
    }

    @Test
    void aCancelledPeriodRaisesNoMoreZeroReports_A4() {
        clock.set(Instant.parse("2026-12-20T02:00:00Z")); // Sunday 10:00 Beijing
        long id = declare("PROTECTION", "重保·" + UUID.randomUUID(), LocalDateTime.parse("2026-12-20T08:00"), LocalDateTime.parse("2026-12-23T08:00"),
                "unit1");
        assertThat(zeroReportsOf(id, LocalDate.parse("2026-12-20"))).hasSize(1); // declared while running: today at once
        as("supervisor");
        periods.cancel(id, "上级通知提前结束");
        assertThat(zeroReportsOf(id, LocalDate.parse("2026-12-20")).values()).allMatch(d -> !d.state().awaitsSubmission());
        clock.set(Instant.parse("2026-12-20T16:30:00Z")); // Monday 00:30 Beijing
        periods.raiseDays();
        assertThat(zeroReportsOf(id, LocalDate.parse("2026-12-21"))).isEmpty();
    }

    @Test
    void theShorterAcknowledgementClockAppliesToAHazardRaisedInsideTheWindowOnly_A4_A10_2() {
        clock.set(Instant.parse("2026-12-22T02:00:00Z")); // Tuesday 10:00 Beijing
        long id = declare("PROTECTION", "重保·" + UUID.randomUUID(), LocalDateTime.parse("2026-12-22T08:00"), LocalDateTime.parse("2026-12-22T20:00"),
                "unit1");
        as("supervisor");
        Hazards.Raised inside = hazards.raise(new Hazards.NewHazard(systemOf("unit1"), "重保期间发现弱口令", Hazards.Severity.HIGH, null, null,
                "MANUAL", null));
        List<Duty> insideDuties = duties.raisedBy("hazard:" + inside.id());
        Duty ack = insideDuties.stream().filter(d -> d.ruleId().equals("A4-period-hazard-acknowledgement")).findFirst().orElseThrow();
        assertThat(ack.dueAt()).isEqualTo(Instant.parse("2026-12-22T02:15:00Z"));
        assertThat(insideDuties).extracting(Duty::ruleId).doesNotContain("A10.2-hazard-acknowledgement").contains("A10.2-rectify");

        // the same moment, a unit that does not take part: the usual 30 minutes
        Hazards.Raised notParticipant = hazards.raise(new Hazards.NewHazard(systemOf("unit2"), "非参与单位的隐患", Hazards.Severity.HIGH, null, null,
                "MANUAL", null));
        assertThat(duties.raisedBy("hazard:" + notParticipant.id())).filteredOn(d -> d.ruleId().equals("A10.2-hazard-acknowledgement"))
                .extracting(Duty::dueAt).containsExactly(Instant.parse("2026-12-22T02:30:00Z"));

        // after the window (20:30 Beijing): the usual 30 minutes again
        clock.set(Instant.parse("2026-12-22T12:30:00Z"));
        Hazards.Raised after = hazards.raise(new Hazards.NewHazard(systemOf("unit1"), "重保结束后发现的隐患", Hazards.Severity.HIGH, null, null,
                "MANUAL", null));
        List<Duty> afterDuties = duties.raisedBy("hazard:" + after.id());
        assertThat(afterDuties).extracting(Duty::ruleId).contains("A10.2-hazard-acknowledgement").doesNotContain("A4-period-hazard-acknowledgement");
        assertThat(afterDuties).filteredOn(d -> d.ruleId().equals("A10.2-hazard-acknowledgement")).extracting(Duty::dueAt)
                .containsExactly(Instant.parse("2026-12-22T13:00:00Z"));
    }

    @Test
    void aFindingOfAnExerciseBecomesAHazardWithItsSource_A4() throws Exception {
        clock.set(Instant.parse("2026-12-24T02:00:00Z"));
        long id = declare("EXERCISE", "实网攻防·" + UUID.randomUUID(), LocalDateTime.parse("2026-12-24T08:00"), LocalDateTime.parse("2026-12-26T18:00"),
                "unit1", "provider");
        long system = systemOf("unit1");
        MvcResult r = postJson("supervisor", "/api/v1/periods/" + id + "/findings",
                "{\"systemId\":" + system + ",\"title\":\"攻击队获取管理后台权限\",\"severity\":\"HIGH\",\"description\":\"弱口令\"}");
        assertThat(r.getResponse().getStatus()).isEqualTo(201);
        long hazardId = body(r).get("hazardId").asLong();
        JsonNode hazard = body(api.call("unit1", get("/api/v1/hazards/" + hazardId)));
        assertThat(hazard.get("source").asText()).isEqualTo("RED_TEAM");
        assertThat(hazard.get("sourceRef").asText()).isEqualTo("supervision-period:" + id);
        // raised inside the exercise for a participant: the shorter clock
        assertThat(Instant.parse(hazard.get("acknowledgeBy").asText())).isEqualTo(Instant.parse("2026-12-24T02:15:00Z"));
        JsonNode detail = body(api.call("supervisor", get("/api/v1/periods/" + id)));
        assertThat(detail.get("findings").get(0).get("hazardId").asLong()).isEqualTo(hazardId);
        assertThat(detail.get("period").get("state").asText()).isEqualTo("RUNNING");

        // a system of a unit that does not take part is refused beside its field, and nothing is raised
        MvcResult refused = postJson("supervisor", "/api/v1/periods/" + id + "/findings",
                "{\"systemId\":" + systemOf("unit2") + ",\"title\":\"x\",\"severity\":\"HIGH\"}");
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        assertThat(body(refused).get("errors").has("systemId")).isTrue();
        assertThat(body(api.call("supervisor", get("/api/v1/periods/" + id))).get("findings")).hasSize(1);
    }

    @Test
    void aUnitSeesOnlyThePeriodsItTakesPartIn_A4() throws Exception {
        clock.set(Instant.parse("2026-12-28T02:00:00Z"));
        String name = "重保·" + UUID.randomUUID();
        long id = declare("PROTECTION", name, LocalDateTime.parse("2027-01-10T00:00"), LocalDateTime.parse("2027-01-12T00:00"), "unit1", "provider");
        assertThat(body(api.call("unit1", get("/api/v1/periods"))).findValuesAsString("name")).contains(name);
        assertThat(body(api.call("provider", get("/api/v1/periods"))).findValuesAsString("name")).contains(name);
        assertThat(body(api.call("regulator", get("/api/v1/periods"))).findValuesAsString("name")).contains(name);
        assertThat(body(api.call("unit2", get("/api/v1/periods"))).findValuesAsString("name")).doesNotContain(name);
        assertThat(api.call("unit2", get("/api/v1/periods/" + id)).getResponse().getStatus()).isEqualTo(404);
        JsonNode mine = body(api.call("unit1", get("/api/v1/periods/" + id)));
        assertThat(mine.get("period").get("state").asText()).isEqualTo("UPCOMING");
        assertThat(mine.get("participants")).hasSize(2);
    }

    @Test
    void onlyTheSupervisorDeclaresAPeriod_403() throws Exception {
        String json = "{\"kind\":\"PROTECTION\",\"name\":\"越权宣布\",\"startsAt\":\"2027-02-01T00:00\",\"endsAt\":\"2027-02-02T00:00\",\"participantIds\":["
                + orgOf("unit1") + "]}";
        for (String user : List.of("unit1", "provider", "regulator")) {
            assertThat(postJson(user, "/api/v1/periods", json).getResponse().getStatus()).as(user).isEqualTo(403);
        }
        assertThat(jdbc.sql("select count(*) from supervision_period where name = '越权宣布'").query(Long.class).single()).isZero();
    }

    @Test
    void anEndBeforeTheStartIsA422NamingTheField_A4() throws Exception {
        String name = "日期错误·" + UUID.randomUUID();
        MvcResult r = postJson("supervisor", "/api/v1/periods", "{\"kind\":\"EXERCISE\",\"name\":\"" + name
                + "\",\"startsAt\":\"2027-03-05T09:00\",\"endsAt\":\"2027-03-01T18:00\",\"participantIds\":[" + orgOf("unit1") + "]}");
        assertThat(r.getResponse().getStatus()).isEqualTo(422);
        assertThat(r.getResponse().getContentType()).contains("application/problem+json");
        assertThat(body(r).get("errors").has("endsAt")).isTrue();
        assertThat(jdbc.sql("select count(*) from supervision_period where name = :n").param("n", name).query(Long.class).single()).isZero();

        // a missing participant is a 400 naming its field
        MvcResult none = postJson("supervisor", "/api/v1/periods", "{\"kind\":\"EXERCISE\",\"name\":\"" + name
                + "\",\"startsAt\":\"2027-03-01T09:00\",\"endsAt\":\"2027-03-05T18:00\",\"participantIds\":[]}");
        assertThat(none.getResponse().getStatus()).isEqualTo(400);
        assertThat(body(none).get("errors").has("participantIds")).isTrue();
    }

    @Test
    void thePagesListAndShowAPeriodToItsParticipants_A4() throws Exception {
        clock.set(Instant.parse("2026-12-29T02:00:00Z"));
        String name = "实网攻防·" + UUID.randomUUID();
        long id = declare("EXERCISE", name, LocalDateTime.parse("2026-12-29T08:00"), LocalDateTime.parse("2026-12-30T18:00"), "unit1");
        String list = page("unit1", "/supervision/periods");
        assertThat(list).contains(name).contains("进行中");
        String detail = page("unit1", "/supervision/periods/" + id);
        assertThat(detail).contains(name).contains("zero-report-table").contains("省攻防队第3组");
        assertThat(page("unit2", "/supervision/periods")).doesNotContain(name);
        String supervisorPage = page("supervisor", "/supervision/periods/" + id);
        assertThat(supervisorPage).contains("finding-form").contains("cancel-form");
    }

    @Test
    void theDeclarationFormShowsABadEndBesideItsFieldAndSavesNothing_A4() throws Exception {
        String name = "表单日期错误·" + UUID.randomUUID();
        var auth = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication(
                DemoActors.authentication(jdbc, "supervisor"));
        MvcResult r = mvc.perform(post("/supervision/periods").with(auth)
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .param("kind", "PROTECTION").param("name", name).param("startsAt", "2027-04-05T09:00").param("endsAt", "2027-04-01T09:00")
                .param("participantIds", String.valueOf(orgOf("unit1")))).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(302);
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/supervision/periods");
        assertThat((Map<String, Object>) r.getFlashMap()).containsKeys("fieldErrors", "form", "error");
        assertThat(r.getFlashMap().get("fieldErrors").toString()).contains("endsAt");
        String html = mvc.perform(get("/supervision/periods").with(auth)
                        // the redirected GET as the browser makes it (the sessions live in the session store, not the mock's own session)
                        .requestAttr(org.springframework.web.servlet.DispatcherServlet.INPUT_FLASH_MAP_ATTRIBUTE, r.getFlashMap())).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("id=\"period-endsAt-error\"").contains("结束时间须晚于开始时间").contains(name);
        assertThat(jdbc.sql("select count(*) from supervision_period where name = :n").param("n", name).query(Long.class).single()).isZero();
    }
}
