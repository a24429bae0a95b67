package cn.govcloud.guard.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.duties.DutyEngine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** API.md's incident contract and the report clock (A10.4, A10.5). */
@AppTest
class IncidentApiTests {
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

    /** Moves the clock and signs in again (a token is valid for a while from its login). */
    void at(Instant instant) {
        clock.set(instant);
        api.forgetTokens();
    }

    long systemOf(String user) {
        return jdbc.sql("select s.id from systems_system s join identity_user u on u.org_id = s.org_id where u.username = :u order by s.id")
                .param("u", user).query(Long.class).list().get(0);
    }

    long count() {
        return jdbc.sql("select count(*) from incidents_incident").query(Long.class).single();
    }

    JsonNode create(String user, String body) throws Exception {
        MvcResult r = api.json(user, post("/api/v1/incidents"), body);
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        return ApiClient.body(r);
    }

    JsonNode systemIncident(String grade, Instant confirmedAt) throws Exception {
        return create("unit1", """
                {"systemId": %d, "grade": "%s", "category": "NETWORK_ATTACK", "subType": "NETWORK_ATTACK.DOS", "title": "门户网站遭受DDoS攻击",
                 "confirmedAt": "%s", "discoveredAt": "%s", "description": "门户网站访问中断", "impact": "公众无法访问"}"""
                .formatted(systemOf("unit1"), grade, confirmedAt, confirmedAt.minusSeconds(600)));
    }

    @Test
    void gradeIIIAnswersReportDueThirtyMinutesAfterConfirmation_A10_5() throws Exception {
        Instant confirmed = clock.instant().minusSeconds(120).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        JsonNode created = systemIncident("III", confirmed);
        assertThat(created.get("id").asLong()).isPositive();
        assertThat(Instant.parse(created.get("reportDueAt").asString())).isEqualTo(confirmed.plus(Duration.ofMinutes(30)));
        // the due time is the catalog duty's
        JsonNode detail = ApiClient.body(api.call("unit1", get("/api/v1/incidents/" + created.get("id").asLong())));
        List<String> rules = new ArrayList<>();
        detail.get("duties").forEach(d -> rules.add(d.get("rule").asString()));
        assertThat(rules).containsExactly("A10.5-incident-report");
        assertThat(detail.get("timeline").get(0).get("kind").asString()).isEqualTo("DETECTED");
    }

    @Test
    void aPlatformIncidentIsTheProvidersWithTheSameClock_A10_4() throws Exception {
        Instant confirmed = Instant.parse("2026-11-25T01:00:00Z");
        JsonNode created = create("provider", """
                {"grade": "II", "category": "设备设施故障", "confirmedAt": "2026-11-25T09:00:00+08:00"}""");
        assertThat(Instant.parse(created.get("reportDueAt").asString())).isEqualTo(confirmed.plus(Duration.ofMinutes(30)));
        assertThat(created.get("rule").asString()).isEqualTo("A10.4");
        assertThat(created.get("platform").asBoolean()).isTrue();
        assertThat(created.get("subType").asString()).isEqualTo("FACILITY_FAILURE.OTHER");
    }

    @Test
    void gradeIVIsRecordedWithoutAClock_A10_5() throws Exception {
        JsonNode created = systemIncident("IV", clock.instant().minusSeconds(60));
        assertThat(created.get("reportDueAt").isNull()).isTrue();
        JsonNode detail = ApiClient.body(api.call("unit1", get("/api/v1/incidents/" + created.get("id").asLong())));
        assertThat(detail.get("duties")).isEmpty();
        assertThat(detail.get("status").asString()).isEqualTo("OPEN");
    }

    @Test
    void theFormSuggestsAGradeFromTheCriteriaAndTheReporterConfirms_A10_4() throws Exception {
        JsonNode created = create("provider", """
                {"grade": "III", "category": "INFORMATION_DESTRUCTION", "subType": "INFORMATION_DESTRUCTION.LEAK",
                 "confirmedAt": "%s", "recordsLeaked": 12000000}""".formatted(clock.instant().minusSeconds(60)));
        assertThat(created.get("suggestedGrade").asString()).isEqualTo("II");
        assertThat(created.get("grade").asString()).isEqualTo("III");
    }

    @Test
    void badInputIsRefusedAndNothingIsSaved_A10_4() throws Exception {
        long system = systemOf("unit1");
        long otherUnitsSystem = systemOf("unit2");
        String now = clock.instant().minusSeconds(60).toString();
        long before = count();
        Map<String, Integer> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"systemId\":%d,\"grade\":\"V\",\"category\":\"NETWORK_ATTACK\",\"confirmedAt\":\"%s\"}".formatted(system, now), 400);
        cases.put("{\"systemId\":%d,\"grade\":\"III\",\"category\":\"UFO\",\"confirmedAt\":\"%s\"}".formatted(system, now), 400);
        cases.put("{\"systemId\":%d,\"grade\":\"III\",\"category\":\"NETWORK_ATTACK\"}".formatted(system), 400);
        cases.put("{\"systemId\":%d,\"grade\":\"III\",\"category\":\"NETWORK_ATTACK\",\"confirmedAt\":\"%s\"}"
                .formatted(system, clock.instant().plus(Duration.ofHours(1))), 400);
        cases.put("{\"systemId\":%d,\"grade\":\"III\",\"category\":\"NETWORK_ATTACK\",\"confirmedAt\":\"%s\",\"discoveredAt\":\"%s\"}"
                .formatted(system, now, clock.instant()), 400);
        cases.put("{\"systemId\":%d,\"grade\":\"III\",\"category\":\"NETWORK_ATTACK\",\"confirmedAt\":\"not a time\"}".formatted(system), 400);
        cases.put("{\"systemId\":%d,\"grade\":\"III\",\"category\":\"NETWORK_ATTACK\",\"confirmedAt\":\"%s\"}".formatted(otherUnitsSystem, now), 422);
        cases.put("{\"grade\":\"III\",\"category\":\"NETWORK_ATTACK\",\"confirmedAt\":\"%s\"}".formatted(now), 400);
        for (Map.Entry<String, Integer> c : cases.entrySet()) {
            MvcResult r = api.json("unit1", post("/api/v1/incidents"), c.getKey());
            assertThat(r.getResponse().getStatus()).as(c.getKey()).isEqualTo(c.getValue());
            assertThat(r.getResponse().getContentType()).startsWith("application/problem+json");
        }
        // the provider reports the platform, not a unit's system
        assertThat(api.json("provider", post("/api/v1/incidents"), "{\"systemId\":%d,\"grade\":\"III\",\"category\":\"NETWORK_ATTACK\",\"confirmedAt\":\"%s\"}"
                .formatted(system, now)).getResponse().getStatus()).isEqualTo(400);
        assertThat(count()).isEqualTo(before);
        // the supervisor and the regulator do not report incidents
        assertThat(api.json("supervisor", post("/api/v1/incidents"), "{}").getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void theClockRunningOutEscalatesExactlyOnce_A10_5() throws Exception {
        Instant t0 = Instant.parse("2026-11-24T02:00:00Z");
        at(t0);
        JsonNode created = systemIncident("III", t0.minusSeconds(300));
        long id = created.get("id").asLong();
        long duty = ApiClient.body(api.call("unit1", get("/api/v1/incidents/" + id))).get("duties").get(0).get("id").asLong();
        engine.sweep();
        assertThat(escalations(duty)).isZero();

        at(t0.plus(Duration.ofMinutes(26))); // past the due time (confirmed 5 minutes before t0)
        engine.sweep();
        engine.sweep();
        List<String> first = escalations(duty) > 0 ? notices(duty, "escalate") : List.of();
        at(t0.plus(Duration.ofHours(2)));
        engine.sweep();
        List<String> later = notices(duty, "escalate");
        assertThat(first).isNotEmpty();
        assertThat(later).isEqualTo(first);
        assertThat(jdbc.sql("select count(*) from duties_duty where id = :d and escalated_at is not null").param("d", duty)
                .query(Long.class).single()).isEqualTo(1);
        // one escalation episode: the supervisor and the regulators (catalog A10.5 escalate), once each
        long supervisors = orgs("SUPERVISOR");
        assertThat(jdbc.sql("select count(distinct n.org_id) from notify_notice n join identity_organisation o on o.id = n.org_id "
                + "where n.notice_key like :k and o.kind = 'SUPERVISOR'").param("k", "duty:" + duty + ":escalate:%").query(Long.class).single())
                .isEqualTo(supervisors);
        // the unit's leader (UNIT_SECURITY_OFFICER of the owning unit) is told once that it is overdue
        assertThat(jdbc.sql("select count(*) from notify_notice n join notify_notice_role r on r.notice_id = n.id "
                + "where n.notice_key like :k and r.role = 'UNIT_SECURITY_OFFICER'").param("k", "duty:" + duty + ":overdue:%")
                .query(Long.class).single()).isEqualTo(1);
    }

    long orgs(String kind) {
        return jdbc.sql("select count(*) from identity_organisation where kind = :k").param("k", kind).query(Long.class).single();
    }

    long escalations(long duty) {
        return notices(duty, "escalate").size();
    }

    List<String> notices(long duty, String occasion) {
        return jdbc.sql("select notice_key from notify_notice where notice_key like :k order by notice_key")
                .param("k", "duty:" + duty + ":" + occasion + ":%").query(String.class).list();
    }

    @Test
    void raisingGradeIVToIIIStartsTheClockFromTheChange_A10_5() throws Exception {
        Instant t0 = Instant.parse("2026-11-24T03:00:00Z");
        at(t0);
        long id = systemIncident("IV", t0.minusSeconds(600)).get("id").asLong();
        at(t0.plus(Duration.ofMinutes(40)));
        MvcResult r = api.json("unit1", post("/api/v1/incidents/" + id + "/grade"), "{\"grade\":\"III\",\"reason\":\"影响范围扩大到全市\"}");
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(Instant.parse(ApiClient.body(r).get("reportDueAt").asString())).isEqualTo(t0.plus(Duration.ofMinutes(70)));
        JsonNode detail = ApiClient.body(api.call("unit1", get("/api/v1/incidents/" + id)));
        assertThat(detail.get("gradeChanges").get(0).get("from").asString()).isEqualTo("IV");
        assertThat(detail.get("gradeChanges").get(0).get("to").asString()).isEqualTo("III");
        assertThat(detail.get("timeline").toString()).contains("GRADE_CHANGED");
        // a change without a reason is refused
        assertThat(api.json("unit1", post("/api/v1/incidents/" + id + "/grade"), "{\"grade\":\"II\"}").getResponse().getStatus()).isEqualTo(400);
    }

    @Test
    void initialProgressAndFinalReportsFollowTheCatalog_A10_5() throws Exception {
        Instant t0 = Instant.parse("2026-11-24T04:00:00Z");
        at(t0);
        long id = systemIncident("III", t0.minusSeconds(300)).get("id").asLong();
        // a progress report before the initial one is refused (409 naming A10.5)
        MvcResult early = api.json("unit1", post("/api/v1/incidents/" + id + "/reports"), progress(false));
        assertThat(early.getResponse().getStatus()).isEqualTo(409);
        assertThat(ApiClient.body(early).get("rule").asString()).isEqualTo("A10.5");

        at(t0.plus(Duration.ofMinutes(10)));
        MvcResult initial = api.json("unit1", post("/api/v1/incidents/" + id + "/reports"), """
                {"kind":"INITIAL","summary":"门户网站遭受DDoS攻击，访问中断","measures":"启用流量清洗","reporter":"张安全"}""");
        assertThat(initial.getResponse().getStatus()).as(initial.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        assertThat(ApiClient.body(initial).get("late").asBoolean()).isFalse();
        assertThat(ApiClient.body(initial).get("recipients").size()).isEqualTo((int) orgs("REGULATOR"));
        Map<String, String> states = duties(id);
        assertThat(states.get("A10.5-incident-report")).isEqualTo("ACCEPTED");
        assertThat(states.get("A10.5-progress-report")).isEqualTo("OPEN");
        assertThat(dueOf(id, "A10.5-progress-report")).isEqualTo(t0.plus(Duration.ofMinutes(10)).plus(Duration.ofHours(24)));

        at(t0.plus(Duration.ofHours(5)));
        assertThat(api.json("unit1", post("/api/v1/incidents/" + id + "/reports"), progress(true)).getResponse().getStatus()).isEqualTo(201);
        JsonNode detail = ApiClient.body(api.call("unit1", get("/api/v1/incidents/" + id)));
        assertThat(detail.get("status").asString()).isEqualTo("CONTAINED");
        long openProgress = 0;
        for (JsonNode d : detail.get("duties")) {
            if (d.get("rule").asString().equals("A10.5-progress-report") && d.get("state").asString().equals("OPEN")) {
                openProgress++;
            }
        }
        assertThat(openProgress).as("exactly the next progress report is owed").isEqualTo(1);

        // the final report only after resolution
        assertThat(api.json("unit1", post("/api/v1/incidents/" + id + "/reports"), finalReport()).getResponse().getStatus()).isEqualTo(409);
        assertThat(api.json("unit1", post("/api/v1/incidents/" + id + "/resolution"), "{\"note\":\"攻击停止，服务恢复\"}").getResponse().getStatus())
                .isEqualTo(200);
        states = duties(id);
        assertThat(states.get("A10.5-progress-report")).isEqualTo("ACCEPTED");
        assertThat(states.get("A10.5-final-report")).isEqualTo("OPEN");
        assertThat(api.json("unit1", post("/api/v1/incidents/" + id + "/reports"), progress(false)).getResponse().getStatus()).isEqualTo(409);
        assertThat(api.json("unit1", post("/api/v1/incidents/" + id + "/reports"), finalReport()).getResponse().getStatus()).isEqualTo(201);
        assertThat(duties(id).get("A10.5-final-report")).isEqualTo("ACCEPTED");
        List<String> kinds = new ArrayList<>();
        ApiClient.body(api.call("unit1", get("/api/v1/incidents/" + id))).get("timeline").forEach(e -> kinds.add(e.get("kind").asString()));
        assertThat(kinds).containsSubsequence("DETECTED", "CONFIRMED", "REPORTED", "PROGRESS", "CONTAINED", "RESOLVED", "FINAL");
        // issue 23 point 4: the timeline names the reports in Chinese, never as the enum and a number
        String timeline = ApiClient.body(api.call("unit1", get("/api/v1/incidents/" + id))).get("timeline").toString();
        assertThat(timeline).contains("初报第1号", "进展报告第", "分析报告第").doesNotContain("INITIAL #", "PROGRESS #", "FINAL #");
    }

    static String progress(boolean contained) {
        return """
                {"kind":"PROGRESS","summary":"流量清洗生效，访问逐步恢复","contained":%s,"reporter":"张安全"}""".formatted(contained);
    }

    static String finalReport() {
        return """
                {"kind":"FINAL","rootCause":"僵尸网络发起的SYN洪泛攻击","summary":"门户中断2小时，无数据泄露","timeline":"10:00发现，10:05确认，10:15初报",
                 "measures":"流量清洗、封禁来源","lessons":"完善抗DDoS预案","reporter":"张安全"}""";
    }

    Map<String, String> duties(long id) throws Exception {
        Map<String, String> states = new HashMap<>();
        // the latest duty per rule
        ApiClient.body(api.call("unit1", get("/api/v1/incidents/" + id))).get("duties").forEach(d -> states.put(d.get("rule").asString(), d.get("state").asString()));
        return states;
    }

    Instant dueOf(long id, String rule) throws Exception {
        for (JsonNode d : ApiClient.body(api.call("unit1", get("/api/v1/incidents/" + id))).get("duties")) {
            if (d.get("rule").asString().equals(rule) && d.get("state").asString().equals("OPEN")) {
                return Instant.parse(d.get("dueAt").asString());
            }
        }
        return null;
    }

    @Test
    void theRegulatorsAcknowledgeEachReport_A10_4() throws Exception {
        long id = create("provider", """
                {"grade": "III", "category": "NETWORK_ATTACK", "confirmedAt": "%s"}""".formatted(clock.instant().minusSeconds(60))).get("id").asLong();
        MvcResult report = api.json("provider", post("/api/v1/incidents/" + id + "/reports"), """
                {"kind":"INITIAL","summary":"云平台管理网段遭受扫描攻击","measures":"封禁来源地址","reporter":"王云"}""");
        long reportId = ApiClient.body(report).get("id").asLong();
        assertThat(api.call("provider", post("/api/v1/incidents/" + id + "/reports/" + reportId + "/acknowledgement")).getResponse().getStatus())
                .isEqualTo(403);
        MvcResult ack = api.call("regulator", post("/api/v1/incidents/" + id + "/reports/" + reportId + "/acknowledgement"));
        assertThat(ack.getResponse().getStatus()).as(ack.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(ApiClient.body(ack).get("recipients").toString()).contains("regulator");
        assertThat(api.call("regulator", post("/api/v1/incidents/" + id + "/reports/" + reportId + "/acknowledgement")).getResponse().getStatus())
                .isEqualTo(409);
        assertThat(ApiClient.body(api.call("provider", get("/api/v1/incidents/" + id))).get("timeline").toString()).contains("ACKNOWLEDGED");
        // the regulators were told in their inbox
        assertThat(jdbc.sql("select count(*) from notify_notice where notice_key like :k").param("k", "incident-report:" + reportId + ":%")
                .query(Long.class).single()).isEqualTo(orgs("REGULATOR"));
    }

    @Test
    void aUnitSeesItsOwnTheProviderItsCooperationTasksOversightAll_A10_5() throws Exception {
        long id = systemIncident("III", clock.instant().minusSeconds(60)).get("id").asLong();
        assertThat(api.call("unit2", get("/api/v1/incidents/" + id)).getResponse().getStatus()).isEqualTo(404);
        assertThat(ApiClient.body(api.call("unit2", get("/api/v1/incidents"))).toString()).doesNotContain("\"id\":" + id + ",");
        assertThat(api.call("supervisor", get("/api/v1/incidents/" + id)).getResponse().getStatus()).isEqualTo(200);
        assertThat(api.call("regulator", get("/api/v1/incidents/" + id)).getResponse().getStatus()).isEqualTo(200);
        // the provider sees it through its cooperation task and records its support, but the report is the unit's
        assertThat(api.call("provider", get("/api/v1/incidents/" + id)).getResponse().getStatus()).isEqualTo(200);
        MvcResult refused = api.json("provider", post("/api/v1/incidents/" + id + "/reports"), """
                {"kind":"INITIAL","summary":"x","measures":"y","reporter":"王云"}""");
        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        assertThat(api.json("provider", post("/api/v1/incidents/" + id + "/cooperation"), "{\"note\":\"已启用云防护清洗\"}").getResponse().getStatus())
                .isEqualTo(204);
        assertThat(jdbc.sql("select count(*) from notify_notice where notice_key like :k").param("k", "incident:" + id + ":cooperation:%")
                .query(Long.class).single()).isEqualTo(orgs("PROVIDER"));
        // a platform incident is not shown to a unit
        long platform = create("provider", "{\"grade\":\"IV\",\"category\":\"OTHER\",\"confirmedAt\":\"%s\"}"
                .formatted(clock.instant().minusSeconds(60))).get("id").asLong();
        assertThat(api.call("unit1", get("/api/v1/incidents/" + platform)).getResponse().getStatus()).isEqualTo(404);
    }
}
