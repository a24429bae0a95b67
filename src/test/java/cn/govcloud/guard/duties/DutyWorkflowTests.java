package cn.govcloud.guard.duties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.rules.Rule.Party;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.rules.RuleCatalog;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Duties from the catalog, end to end over the API, with the clock moved by the test (nothing sleeps). */
@AppTest
class DutyWorkflowTests {
    static final JsonMapper JSON = JsonMapper.builder().build();

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
    @Autowired
    RuleCatalog catalog;

    private final ApiClient api = new ApiClient(() -> mvc);

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Moves the clock; tokens are signed in again, since a session does not outlive its expiry on the new clock. */
    private void at(Instant instant) {
        clock.set(instant);
        api.forgetTokens();
    }

    @Test
    void providerHasTodaysDailyDutiesAndSupervisorSeesYesterdaysMissingReportOverdue_A5_4() throws Exception {
        at(Instant.parse("2026-06-10T02:00:00Z")); // 10:00 on Wednesday 10 June in Baotou
        engine.generate(LocalDate.parse("2026-06-09"), LocalDate.parse("2026-06-10"));
        engine.sweep();

        JsonNode mine = json(get("/api/v1/duties?rule=A5.4-daily-inspection&dueFrom=2026-06-09&dueTo=2026-06-10"), "provider");
        Map<String, String> stateByDay = new HashMap<>();
        mine.get("items").forEach(d -> stateByDay.put(d.get("periodStart").asString(), d.get("state").asString()));
        assertThat(stateByDay).containsEntry("2026-06-10", "OPEN").containsEntry("2026-06-09", "OVERDUE");
        JsonNode backup = json(get("/api/v1/duties?rule=A5.3-daily-backup-record&dueFrom=2026-06-10&dueTo=2026-06-10"), "provider");
        assertThat(backup.get("items")).hasSize(1);
        assertThat(backup.get("items").get(0).get("dueAt").asString()).isEqualTo("2026-06-10T16:00:00Z");

        JsonNode overdue = json(get("/api/v1/duties?state=OVERDUE&rule=A5.4-daily-inspection&dueFrom=2026-06-09&dueTo=2026-06-09"), "supervisor");
        assertThat(overdue.get("items")).hasSize(1);
        long id = overdue.get("items").get(0).get("id").asLong();
        assertThat(overdue.get("items").get(0).get("catalogVersion").asString()).isEqualTo(catalog.version().version());

        // the provider was told once, the supervisor escalated to once, however often the sweep runs
        engine.sweep();
        engine.sweep();
        assertThat(noticesLike("duty:" + id + ":overdue:%")).isEqualTo(1);
        assertThat(noticesLike("duty:" + id + ":escalate:%")).isEqualTo(1);
        assertThat(audits("duty.overdue", "duty:" + id)).isEqualTo(1);

        // a unit sees none of the provider's duties
        JsonNode unit = json(get("/api/v1/duties?rule=A5.4-daily-inspection"), "unit1");
        assertThat(unit.get("items")).isEmpty();
        mvc.perform(get("/api/v1/duties/" + id).header("Authorization", api.tokenOf("unit1"))).andExpect(status().isNotFound());
    }

    @Test
    void aZeroReportIsADeclarationAcceptedOnSubmissionAndAContradictoryOneChangesNothing_A5_4() throws Exception {
        at(Instant.parse("2026-06-15T03:00:00Z"));
        engine.generate(LocalDate.parse("2026-06-15"), LocalDate.parse("2026-06-15"));
        long id = json(get("/api/v1/duties?rule=A5.4-daily-inspection&dueFrom=2026-06-15&dueTo=2026-06-15"), "provider")
                .get("items").get(0).get("id").asLong();

        Map<String, String> report = new HashMap<>(Map.of("devicesStatus", "正常", "systemsStatus", "正常",
                "cryptoPoolChecked", "true", "cryptoPoolResult", "有效", "securityEventCount", "2",
                "noSecurityEvents", "true", "declarant", "王巡检"));
        mvc.perform(post("/api/v1/duties/" + id + "/submissions").header("Authorization", api.tokenOf("provider"))
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("fields", report))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.securityEventCount").exists());
        assertThat(submissions(id)).isZero();

        report.put("noSecurityEvents", "false");
        report.put("securityEventCount", "-1");
        report.put("securityEventDescription", "端口扫描");
        mvc.perform(post("/api/v1/duties/" + id + "/submissions").header("Authorization", api.tokenOf("provider"))
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("fields", report))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.securityEventCount").exists());
        report.remove("securityEventDescription");
        report.put("noSecurityEvents", "true");
        report.put("securityEventCount", "0");
        mvc.perform(post("/api/v1/duties/" + id + "/submissions").header("Authorization", api.tokenOf("provider"))
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("fields", report))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.late").value(false))
                .andExpect(jsonPath("$.fields.noSecurityEvents").value("true"));
        assertThat(json(get("/api/v1/duties/" + id), "supervisor").get("state").asString()).isEqualTo("ACCEPTED");

        mvc.perform(post("/api/v1/duties/" + id + "/submissions").header("Authorization", api.tokenOf("provider"))
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("fields", report))))
                .andExpect(status().isConflict());
        // only the responsible organisation submits (A4), even though the supervisor may read the duty
        mvc.perform(post("/api/v1/duties/" + id + "/submissions").header("Authorization", api.tokenOf("supervisor"))
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("fields", report))))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.rule").value("A4"));
    }

    @Test
    void aReturnedMonthlyReportKeepsItsDueTimeAndBecomesOverdueExactlyOnce_A5_4() throws Exception {
        at(Instant.parse("2026-05-20T02:00:00Z"));
        engine.generate(LocalDate.parse("2026-05-20"), LocalDate.parse("2026-05-20"));
        JsonNode duty = json(get("/api/v1/duties?rule=A5.4-monthly-security-report&dueFrom=2026-06-10&dueTo=2026-06-10"), "provider")
                .get("items").get(0);
        long id = duty.get("id").asLong();
        assertThat(duty.get("periodStart").asString()).isEqualTo("2026-05-01");
        assertThat(duty.get("dueAt").asString()).isEqualTo("2026-06-10T16:00:00Z"); // 24:00 on 10 June, Beijing time

        byte[] pdf = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        mvc.perform(multipart("/api/v1/duties/" + id + "/submissions")
                        .file(new MockMultipartFile("report", "2026年5月安全运行报告.pdf", "application/pdf", pdf))
                        .param("vulnerabilityScanPerformed", "true").param("vulnerabilityScanSummary", "全平台扫描 1,204 个资产，高危 0")
                        .param("highRiskVulnerabilities", "0").param("logAuditSummary", "日志审计无异常")
                        .param("securityPostureAnalysis", "态势平稳").param("declarant", "李运维")
                        .header("Authorization", api.tokenOf("provider")))
                .andExpect(status().isCreated());
        assertThat(json(get("/api/v1/duties/" + id), "provider").get("state").asString()).isEqualTo("SUBMITTED");

        mvc.perform(post("/api/v1/duties/" + id + "/review").header("Authorization", api.tokenOf("supervisor"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"RETURN\"}"))
                .andExpect(status().isBadRequest());
        JsonNode returned = JSON.readTree(mvc.perform(post("/api/v1/duties/" + id + "/review").header("Authorization", api.tokenOf("supervisor"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"RETURN\",\"comment\":\"缺少日志审计附表\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(returned.get("state").asString()).isEqualTo("RETURNED");
        assertThat(returned.get("dueAt").asString()).isEqualTo("2026-06-10T16:00:00Z");

        at(Instant.parse("2026-06-10T15:59:59Z"));
        engine.sweep();
        assertThat(json(get("/api/v1/duties/" + id), "provider").get("state").asString()).isEqualTo("RETURNED");
        assertThat(noticesLike("duty:" + id + ":remind:%")).isEqualTo(1); // P3D and P1D both past: one reminder, not two

        at(Instant.parse("2026-06-10T16:00:00Z"));
        engine.sweep();
        engine.sweep();
        assertThat(json(get("/api/v1/duties/" + id), "provider").get("state").asString()).isEqualTo("OVERDUE");
        assertThat(noticesLike("duty:" + id + ":overdue:%")).isEqualTo(1);
        assertThat(audits("duty.overdue", "duty:" + id)).isEqualTo(1);

        // a late submission is still taken, and marked late
        at(Instant.parse("2026-06-11T01:00:00Z"));
        mvc.perform(multipart("/api/v1/duties/" + id + "/submissions")
                        .file(new MockMultipartFile("report", "report-v2.pdf", "application/pdf", pdf))
                        .param("vulnerabilityScanPerformed", "true").param("vulnerabilityScanSummary", "同上，补充附表")
                        .param("highRiskVulnerabilities", "0").param("logAuditSummary", "见附表")
                        .param("securityPostureAnalysis", "态势平稳").param("declarant", "李运维")
                        .header("Authorization", api.tokenOf("provider")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.late").value(true));
        JsonNode accepted = JSON.readTree(mvc.perform(post("/api/v1/duties/" + id + "/review").header("Authorization", api.tokenOf("supervisor"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"ACCEPT\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(accepted.get("state").asString()).isEqualTo("ACCEPTED");
        assertThat(accepted.get("submissions")).hasSize(2);
        long documentId = accepted.get("submissions").get(0).get("documents").get(0).get("documentId").asLong();
        byte[] downloaded = mvc.perform(get("/api/v1/duties/" + id + "/documents/" + documentId).header("Authorization", api.tokenOf("supervisor")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(downloaded).isEqualTo(pdf);
        mvc.perform(get("/api/v1/duties/" + id + "/documents/" + documentId).header("Authorization", api.tokenOf("unit1")))
                .andExpect(status().isNotFound());
    }

    @Test
    void aNotifiedHazardRaisesARectifyDutyDueFiveWorkingDaysLater_A10_2() throws Exception {
        long unit1Org = jdbc.sql("select org_id from identity_user where username = 'unit1'").query(Long.class).single();
        Subject system = new Subject(SubjectKind.SYSTEM, 990_001, "教育局招生考试系统", unit1Org, Map.of("mlpsLevel", 3));
        // Monday 23 November 2026, 10:00 in Baotou: Tue 24 … Fri 27, Mon 30 are the five working days
        // the hazard's severity chooses between A10.2-rectify and A10.2-rectify-critical (issue 17 point 4)
        DutyTrigger notified = new DutyTrigger("hazard.notified", system, Instant.parse("2026-11-23T02:00:00Z"), "hazard:test-a10-2",
                Map.of("severity", "HIGH"));
        List<Duty> raised = duties.raise(notified);
        Duty rectify = raised.stream().filter(d -> d.ruleId().equals("A10.2-rectify")).findFirst().orElseThrow();
        assertThat(rectify.dueDate()).isEqualTo(LocalDate.parse("2026-11-30"));
        assertThat(rectify.dueAt()).isEqualTo(Instant.parse("2026-11-30T16:00:00Z"));
        assertThat(rectify.orgId()).isEqualTo(unit1Org);
        assertThat(rectify.party()).isEqualTo(Party.UNIT);
        assertThat(duties.raise(notified)).extracting(Duty::id).contains(rectify.id()); // the same event again: the same duty

        mvc.perform(get("/api/v1/duties/" + rectify.id()).header("Authorization", api.tokenOf("unit1"))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/duties/" + rectify.id()).header("Authorization", api.tokenOf("unit2"))).andExpect(status().isNotFound());

        // "Working days": a year without its notice never stops the duty; it is raised, counted Monday to Friday,
        // and provisional (Monday 3 March 2031 + 5 = Monday 10 March)
        Duty in2031 = duties.raise(new DutyTrigger("hazard.notified", system, Instant.parse("2031-03-03T02:00:00Z"), "hazard:test-2031",
                        Map.of("severity", "LOW")))
                .stream().filter(d -> d.ruleId().equals("A10.2-rectify")).findFirst().orElseThrow();
        assertThat(in2031.dueDate()).isEqualTo(LocalDate.parse("2031-03-10"));
        assertThat(in2031.dueProvisional()).isTrue();
        assertThat(rectify.dueProvisional()).isFalse();
        mvc.perform(get("/api/v1/duties/" + in2031.id()).header("Authorization", api.tokenOf("unit1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.dueDate").value("2031-03-10")).andExpect(jsonPath("$.dueProvisional").value(true));
    }

    @Test
    void theSupervisorWaivesADutyWithAReasonOnRecord() throws Exception {
        at(Instant.parse("2026-07-01T02:00:00Z"));
        engine.generate(LocalDate.parse("2026-07-01"), LocalDate.parse("2026-07-01"));
        long id = json(get("/api/v1/duties?rule=A5.3-daily-backup-record&dueFrom=2026-07-01&dueTo=2026-07-01"), "provider")
                .get("items").get(0).get("id").asLong();
        mvc.perform(post("/api/v1/duties/" + id + "/waive").header("Authorization", api.tokenOf("provider"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"机房断电\"}")).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/duties/" + id + "/waive").header("Authorization", api.tokenOf("supervisor"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"\"}")).andExpect(status().isBadRequest());
        JsonNode waived = JSON.readTree(mvc.perform(post("/api/v1/duties/" + id + "/waive").header("Authorization", api.tokenOf("supervisor"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"全市停电应急，经批准当日免报\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(waived.get("state").asString()).isEqualTo("WAIVED");
        assertThat(waived.get("waiverReason").asString()).isEqualTo("全市停电应急，经批准当日免报");
        at(Instant.parse("2026-07-02T02:00:00Z"));
        engine.sweep();
        assertThat(json(get("/api/v1/duties/" + id), "provider").get("state").asString()).isEqualTo("WAIVED");
    }

    @Test
    void theComplianceMatrixListsEveryRuleOfTheCatalogWithItsArticleAndExportsToExcel() throws Exception {
        JsonNode all = json(get("/api/v1/compliance?limit=5000"), "supervisor");
        Set<String> ruleIds = catalog.rules().stream().map(r -> r.id()).collect(Collectors.toSet());
        Set<String> listed = new java.util.HashSet<>();
        all.get("rows").forEach(row -> {
            listed.add(row.get("ruleId").asString());
            assertThat(row.get("ruleId").asString()).startsWith(row.get("article").asString());
            assertThat(row.get("catalogVersion").asString()).isEqualTo(catalog.version().version());
        });
        assertThat(listed).isEqualTo(ruleIds);

        long unit1Org = jdbc.sql("select org_id from identity_user where username = 'unit1'").query(Long.class).single();
        JsonNode unit = json(get("/api/v1/compliance?limit=5000"), "unit1");
        unit.get("rows").forEach(row -> assertThat(row.get("orgId").asLong()).isIn(unit1Org, 0L));
        assertThat(unit.get("rows").findValuesAsString("subjectKind")).doesNotContain("PLATFORM");

        byte[] xlsx = mvc.perform(get("/api/v1/compliance/export").header("Authorization", api.tokenOf("supervisor")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(book.getSheetAt(0).getLastRowNum()).isEqualTo(all.get("total").asInt());
            assertThat(book.getSheetAt(0).getRow(0).getCell(3).getStringCellValue()).isEqualTo("条款");
        }
    }

    // ---- helpers ----

    private JsonNode json(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String user) throws Exception {
        String body = mvc.perform(request.header("Authorization", api.tokenOf(user))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return JSON.readTree(body);
    }

    private long noticesLike(String pattern) {
        return jdbc.sql("select count(*) from notify_notice where notice_key like :k").param("k", pattern).query(Long.class).single();
    }

    private long audits(String action, String target) {
        return jdbc.sql("select count(*) from audit_record where action = :a and target = :t").param("a", action).param("t", target)
                .query(Long.class).single();
    }

    private long submissions(long dutyId) {
        return jdbc.sql("select count(*) from duties_submission where duty_id = :d").param("d", dutyId).query(Long.class).single();
    }
}
