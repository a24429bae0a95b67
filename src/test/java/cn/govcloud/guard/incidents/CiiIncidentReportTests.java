package cn.govcloud.guard.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyEngine;
import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.security.DemoActors;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * Issue 22 point 3: rules that condition on 关基 ({@code cii == true}) — the 1-hour report of a 较大-or-above incident on a
 * 关基 system to its 保护工作部门 and to 公安 (《国家网络安全事件报告管理办法》, rule {@code A10.5-cii-incident-report}), closed when
 * both reports are recorded on the incident, and the yearly 关基 检测评估 (《关键信息基础设施安全保护条例》第十七条, rule
 * {@code A7.2-cii-evaluation}), closed by uploading the evaluation report.
 */
@AppTest
class CiiIncidentReportTests {
    private static final String RULE = "A10.5-cii-incident-report";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    Duties duties;
    @Autowired
    DutyEngine engine;

    private final ApiClient api = new ApiClient(() -> mvc);
    private long ciiSystem;
    private long plainSystem;

    @BeforeEach
    void systems() {
        List<Long> unit1 = jdbc.sql("select s.id from systems_system s join identity_user u on u.org_id = s.org_id where u.username = 'unit1' "
                + "and s.state = 'ADMITTED' order by s.id").query(Long.class).list();
        assertThat(unit1).hasSizeGreaterThanOrEqualTo(2);
        plainSystem = unit1.get(0);
        ciiSystem = unit1.get(1);
        jdbc.sql("update systems_system set cii = false, cii_department = null where id in (:ids)").param("ids", unit1).update();
        jdbc.sql("update systems_system set cii = true, cii_department = '自治区教育厅' where id = :id").param("id", ciiSystem).update();
    }

    @AfterEach
    void cleanUp() {
        jdbc.sql("update systems_system set cii = false, cii_department = null where id = :id").param("id", ciiSystem).update();
        clock.reset();
    }

    private JsonNode incident(long system, String grade, Instant confirmedAt) throws Exception {
        MvcResult r = api.json("unit1", post("/api/v1/incidents"), """
                {"systemId": %d, "grade": "%s", "category": "NETWORK_ATTACK", "subType": "NETWORK_ATTACK.DOS", "title": "关基测试事件",
                 "confirmedAt": "%s", "discoveredAt": "%s", "description": "服务中断", "impact": "公众无法访问"}"""
                .formatted(system, grade, confirmedAt, confirmedAt.minusSeconds(600)));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        return ApiClient.body(r);
    }

    private List<JsonNode> ciiDuties(long incident) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        ApiClient.body(api.call("unit1", get("/api/v1/incidents/" + incident))).get("duties").forEach(d -> {
            if (d.get("rule").asString().equals(RULE)) {
                found.add(d);
            }
        });
        return found;
    }

    private MvcResult report(String user, long incident, String body) throws Exception {
        return api.json(user, post("/api/v1/incidents/" + incident + "/cii-reports"), body);
    }

    @Test
    void A10_5_aGradeIIIIncidentOnACiiSystemOwesTheOneHourReportAndOnAPlainSystemDoesNot() throws Exception {
        Instant confirmed = clock.instant().minusSeconds(120).truncatedTo(ChronoUnit.SECONDS);
        long onCii = incident(ciiSystem, "III", confirmed).get("id").asLong();
        List<JsonNode> owed = ciiDuties(onCii);
        assertThat(owed).hasSize(1);
        assertThat(Instant.parse(owed.get(0).get("dueAt").asString())).isEqualTo(confirmed.plus(Duration.ofHours(1)));
        assertThat(owed.get(0).get("state").asString()).isEqualTo("OPEN");
        // beside, not instead of, the 30-minute report of A10.5
        assertThat(ApiClient.body(api.call("unit1", get("/api/v1/incidents/" + onCii))).get("duties").toString()).contains("A10.5-incident-report");
        assertThat(ApiClient.body(api.call("unit1", get("/api/v1/incidents/" + onCii + "/cii-reports"))).get("owed").asBoolean()).isTrue();

        long onPlain = incident(plainSystem, "II", confirmed).get("id").asLong();
        assertThat(ciiDuties(onPlain)).isEmpty();
        assertThat(ApiClient.body(api.call("unit1", get("/api/v1/incidents/" + onPlain + "/cii-reports"))).get("owed").asBoolean()).isFalse();
        MvcResult refused = report("unit1", onPlain, """
                {"recipient":"PUBLIC_SECURITY","recipientName":"包头市公安局网安支队","means":"电话","reporter":"刘芳"}""");
        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        assertThat(ApiClient.body(refused).get("rule").asString()).isEqualTo("A10.5");

        // a grade IV incident on the 关基 system owes none
        assertThat(ciiDuties(incident(ciiSystem, "IV", confirmed).get("id").asLong())).isEmpty();
    }

    @Test
    void A10_5_theDutyClosesWhenTheReportsToBothTheProtectionDepartmentAndPublicSecurityAreRecorded() throws Exception {
        Instant confirmed = clock.instant().minusSeconds(300).truncatedTo(ChronoUnit.SECONDS);
        long id = incident(ciiSystem, "II", confirmed).get("id").asLong();
        long dutyId = ciiDuties(id).get(0).get("id").asLong();

        // bad input: 400 naming each field, nothing stored
        MvcResult bad = report("unit1", id, "{\"recipient\":\"MAYOR\",\"reportedAt\":\"" + clock.instant().plus(Duration.ofHours(2)) + "\"}");
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(ApiClient.body(bad).get("errors").propertyNames()).contains("recipient", "recipientName", "reportedAt", "means", "reporter");
        // another unit does not even see the incident; the regulator does not record the unit's reports
        assertThat(report("unit2", id, "{}").getResponse().getStatus()).isEqualTo(404);
        assertThat(report("regulator", id, "{}").getResponse().getStatus()).isEqualTo(403);

        MvcResult first = report("unit1", id, """
                {"recipient":"PROTECTION_DEPARTMENT","recipientName":"自治区教育厅","reportedAt":"%s","means":"电话并传真","reporter":"刘芳"}"""
                .formatted(confirmed.plusSeconds(120)));
        assertThat(first.getResponse().getStatus()).as(first.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        assertThat(duties.find(dutyId).orElseThrow().state()).isEqualTo(DutyState.OPEN);
        assertThat(report("unit1", id, """
                {"recipient":"PROTECTION_DEPARTMENT","recipientName":"自治区教育厅","means":"电话","reporter":"刘芳"}""").getResponse().getStatus())
                .isEqualTo(409);

        MvcResult second = report("unit1", id, """
                {"recipient":"PUBLIC_SECURITY","recipientName":"包头市公安局网安支队","means":"网络安全事件报告系统","reporter":"刘芳"}""");
        assertThat(second.getResponse().getStatus()).isEqualTo(201);
        assertThat(duties.find(dutyId).orElseThrow().state()).isEqualTo(DutyState.ACCEPTED);
        JsonNode reports = ApiClient.body(api.call("regulator", get("/api/v1/incidents/" + id + "/cii-reports")));
        assertThat(reports.get("reports")).hasSize(2);
        assertThat(reports.get("reports").get(0).get("recipientName").asString()).isEqualTo("自治区教育厅");
        assertThat(ApiClient.body(api.call("unit1", get("/api/v1/incidents/" + id))).get("timeline").toString()).contains("CII_REPORTED");
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'incident.cii-report' and target = :t")
                .param("t", "incident:" + id).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void A10_5_theIncidentPageShowsTheOneHourReportAndItsForm() throws Exception {
        long id = incident(ciiSystem, "III", clock.instant().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS)).get("id").asLong();
        var unit1 = authentication(DemoActors.authentication(jdbc, "unit1"));
        String page = mvc.perform(get("/incidents/" + id).with(unit1)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"cii-reports\"", "id=\"cii-report-form\"", "保护工作部门", "公安机关");
        MvcResult posted = mvc.perform(post("/incidents/" + id + "/cii-reports").with(unit1).with(csrf()).param("recipient", "PUBLIC_SECURITY")
                .param("recipientName", "包头市公安局").param("means", "电话").param("reporter", "刘芳")).andReturn();
        assertThat(posted.getResponse().getRedirectedUrl()).isEqualTo("/incidents/" + id);
        page = mvc.perform(get("/incidents/" + id).with(unit1)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("包头市公安局").doesNotContain("<option value=\"PUBLIC_SECURITY\"");
    }

    @Test
    void A7_2_aCiiSystemOwesTheYearlyEvaluationClosedByUploadingTheReportAPlainSystemDoesNot() throws Exception {
        engine.generate(LocalDate.parse("2026-12-07"), LocalDate.parse("2026-12-07"));
        List<Duty> owed = duties.ofSubjectAndRule(SubjectKind.SYSTEM, ciiSystem, "A7.2-cii-evaluation").stream()
                .filter(d -> d.periodStart() != null && d.periodStart().getYear() == 2026).toList();
        assertThat(owed).hasSize(1);
        assertThat(owed.get(0).dueDate()).isEqualTo(LocalDate.parse("2026-12-31"));
        assertThat(duties.ofSubjectAndRule(SubjectKind.SYSTEM, plainSystem, "A7.2-cii-evaluation")).isEmpty();

        Duty duty = owed.get(0);
        var previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "unit1"));
        try {
            if (duty.state().awaitsSubmission()) {
                duties.submit(duty.id(), Map.of("evaluator", "内蒙古网络安全测评中心", "evaluatedOn", "2026-11-30", "issuesFound", "3",
                                "rectification", "已全部整改并复测", "reportedToDepartment", "true"),
                        List.of(new Duties.Attachment("report", "关基检测评估报告.pdf",
                                new ByteArrayInputStream("%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)))));
            }
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
        assertThat(duties.find(duty.id()).orElseThrow().state()).isIn(DutyState.SUBMITTED, DutyState.ACCEPTED);
        MvcResult accepted = api.json("supervisor", post("/api/v1/duties/" + duty.id() + "/review"), "{\"decision\":\"ACCEPT\",\"comment\":\"已核\"}");
        assertThat(accepted.getResponse().getStatus()).isIn(200, 409);
        assertThat(duties.find(duty.id()).orElseThrow().state()).isEqualTo(DutyState.ACCEPTED);
    }
}
