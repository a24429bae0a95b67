package cn.govcloud.guard.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.incidents.Incidents;
import cn.govcloud.guard.security.DemoActors;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.systems.Systems;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The annual assessment (A12) on the whole application: a fresh unit's scores computed from what
 * was recorded for it through the public services, the district overlay changing a weight (A13),
 * who sees what (A4), the regulators' report as PDF and Excel, and finalising.
 */
@AppTest
class AssessmentTests {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    /** Monday 2 November 2026, 10:00 in Baotou: the hazards are notified, due Monday 9 November. */
    static final Instant NOTIFIED = Instant.parse("2026-11-02T02:00:00Z");
    /** Friday 20 November 2026: the second hazard is overdue. */
    static final Instant LATER = Instant.parse("2026-11-20T02:00:00Z");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    IdentityManagement identity;
    @Autowired
    Systems systems;
    @Autowired
    Hazards hazards;
    @Autowired
    Incidents incidents;

    private final ApiClient api = new ApiClient(() -> mvc);

    /** A unit of its own, created once per run, with what it recorded. */
    record Fresh(long orgId, String name, long onTimeHazard, long lateHazard) {
    }

    private static Fresh fresh;

    @AfterEach
    void reset() throws Exception {
        clock.reset();
        api.forgetTokens(); // a token issued at a moved clock may have expired by now
        MvcResult removed = api.call("supervisor", delete("/api/v1/rules/overlay"));
        assertThat(removed.getResponse().getStatus()).isEqualTo(200);
        api.forgetTokens();
    }

    private JsonNode json(String user, String path) throws Exception {
        MvcResult r = api.call(user, get(path));
        assertThat(r.getResponse().getStatus()).as(path + ": " + r.getResponse().getContentAsString()).isEqualTo(200);
        return JSON.readTree(r.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private static void as(Authentication who, Runnable work) {
        Authentication previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(who);
        try {
            work.run();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }

    /**
     * A new unit with one draft system, two hazards notified on 2 November (one closed on time the
     * next day, one left open), and two incidents (grade III and IV) confirmed on 3 November.
     */
    private synchronized Fresh fresh() {
        if (fresh != null) {
            return fresh;
        }
        String suffix = Long.toString(System.nanoTime(), 36);
        String name = "考核测试单位" + suffix;
        long[] ids = new long[4];
        clock.set(NOTIFIED);
        as(DemoActors.authentication(jdbc, "sysadmin"), () -> {
            ids[0] = identity.createOrganisation(name, OrgKind.UNIT);
            long user = identity.createUser(new IdentityManagement.NewUser("assess" + suffix, "考核测试员", ids[0], "13900000000",
                    "Assess-Passw0rd-2026!"));
            as(DemoActors.authentication(jdbc, "secadmin"), () -> identity.assignRoles(user, Set.of(Role.UNIT_SECURITY_OFFICER)));
        });
        Authentication unit = DemoActors.authentication(jdbc, "assess" + suffix);
        as(unit, () -> ids[1] = systems.register(new Systems.NewSystem("考核测试系统" + suffix, "考核测试", 2, null, "张三", "13900000001",
                List.of("GOV_EXTRANET"), List.of("10.201." + (suffix.hashCode() & 0xff) + ".7"))));
        Authentication supervisor = DemoActors.authentication(jdbc, "supervisor");
        // last year: one hazard notified on Thursday 18 December 2025 and never worked on
        clock.set(Instant.parse("2025-12-18T02:00:00Z"));
        as(supervisor, () -> hazards.raise(new Hazards.NewHazard(ids[1], "去年的隐患", Hazards.Severity.LOW, null, null, "MANUAL", null)));
        clock.set(NOTIFIED);
        as(supervisor, () -> {
            ids[2] = hazards.raise(new Hazards.NewHazard(ids[1], "弱口令", Hazards.Severity.HIGH, null, null, "MANUAL", null)).id();
            ids[3] = hazards.raise(new Hazards.NewHazard(ids[1], "中间件漏洞", Hazards.Severity.MEDIUM, null, null, "MANUAL", null)).id();
        });
        clock.set(NOTIFIED.plus(Duration.ofDays(1)));
        as(unit, () -> {
            hazards.acknowledgeHazard(ids[2], "张三", "已修改口令");
            hazards.submitFeedback(ids[2], "已全部修改为强口令", "无", LocalDate.parse("2026-11-03"), "整改报告.pdf", new ByteArrayInputStream(PDF));
            Instant confirmed = clock.instant().minus(Duration.ofHours(1));
            incidents.report(new Incidents.NewIncident(ids[1], "网页篡改", "INFORMATION_DESTRUCTION", null, "III", confirmed.minus(Duration.ofHours(1)),
                    confirmed, "首页被篡改", "门户停止服务 2 小时", Incidents.Criteria.none()));
            incidents.report(new Incidents.NewIncident(ids[1], "扫描探测", "NETWORK_ATTACK", null, "IV", confirmed.minus(Duration.ofHours(1)),
                    confirmed, "端口扫描", "无", Incidents.Criteria.none()));
        });
        as(supervisor, () -> hazards.closeHazard(ids[2], "复测确认"));
        fresh = new Fresh(ids[0], name, ids[2], ids[3]);
        return fresh;
    }

    static JsonNode item(JsonNode unit, String id) {
        for (JsonNode item : unit.get("items")) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no item " + id + " in " + unit);
    }

    @Test
    void a12_aUnitsScoreIsComputedFromItsRecordsItemByItem() throws Exception {
        Fresh f = fresh();
        clock.set(LATER);
        JsonNode unit = json("supervisor", "/api/v1/assessments/2026/units/" + f.orgId());
        assertThat(unit.get("orgName").asText()).isEqualTo(f.name());

        JsonNode hazardsItem = item(unit, "hazards");
        assertThat(hazardsItem.get("numerator").asLong()).isEqualTo(1);
        assertThat(hazardsItem.get("denominator").asLong()).isEqualTo(2);
        assertThat(hazardsItem.get("weight").asInt()).isEqualTo(30);
        assertThat(hazardsItem.get("score").decimalValue()).isEqualByComparingTo("15.00");
        assertThat(hazardsItem.get("formula").asText()).isEqualTo("1 ÷ 2 = 50.0%，× 30 分 = 15.00 分");

        JsonNode incidentsItem = item(unit, "incidents");
        assertThat(incidentsItem.get("numerator").asLong()).isEqualTo(2);
        // issue 17 point 15: grade III (5) and its report missing since 30 minutes after confirmation (漏报, 10); the grade IV
        // incident costs nothing (no report was due)
        assertThat(incidentsItem.get("deduction").decimalValue()).isEqualByComparingTo("15");
        assertThat(incidentsItem.get("score").decimalValue()).isEqualByComparingTo("5.00");
        assertThat(incidentsItem.get("formula").asText()).contains("漏报×1");

        // a draft system without internet access is not on the platform: nothing due, full marks
        JsonNode admission = item(unit, "admission");
        assertThat(admission.get("denominator").asLong()).isZero();
        assertThat(admission.get("empty").asBoolean()).isTrue();
        assertThat(admission.get("score").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(admission.get("formula").asText()).startsWith("无应履行事项");

        // duties: the acknowledgement, rectification and incident-report duties the unit owed, each on time or not
        JsonNode duties = item(unit, "duties");
        JsonNode dutyRecords = unit.get("records").get("duties");
        long onTime = 0;
        for (JsonNode r : dutyRecords) {
            onTime += r.get("onTime").asBoolean() ? 1 : 0;
            assertThat(r.get("link").asText()).startsWith("/duties/");
        }
        assertThat(duties.get("denominator").asLong()).isEqualTo(dutyRecords.size()).isGreaterThanOrEqualTo(4);
        assertThat(duties.get("numerator").asLong()).isEqualTo(onTime).isGreaterThanOrEqualTo(1);
        assertThat(duties.get("score").decimalValue()).isEqualByComparingTo(new java.math.BigDecimal(40 * onTime)
                .divide(new java.math.BigDecimal(dutyRecords.size()), 2, java.math.RoundingMode.HALF_UP));

        // the records behind the hazards item: the one closed on time and the one overdue, with their pages
        JsonNode hazardRecords = unit.get("records").get("hazards");
        assertThat(hazardRecords).hasSize(2);
        assertThat(hazardRecords.get(0).get("id").asLong()).isEqualTo(f.onTimeHazard());
        assertThat(hazardRecords.get(0).get("onTime").asBoolean()).isTrue();
        assertThat(hazardRecords.get(0).get("link").asText()).isEqualTo("/hazards/" + f.onTimeHazard());
        assertThat(hazardRecords.get(1).get("onTime").asBoolean()).isFalse();
        assertThat(unit.get("records").get("incidents")).hasSize(2);

        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        for (JsonNode item : unit.get("items")) {
            sum = sum.add(item.get("score").decimalValue());
        }
        assertThat(unit.get("total").decimalValue()).isEqualByComparingTo(sum);
        // last year: hazards 0 of 1, its acknowledgement and rectification duties 0 of 2, no incident, no system on the platform
        assertThat(unit.get("previousTotal").decimalValue()).isEqualByComparingTo("30.00");
        assertThat(unit.get("previousRank").asInt()).isPositive();
        assertThat(unit.get("delta").decimalValue()).isEqualByComparingTo(sum.subtract(new java.math.BigDecimal("30.00")));

        // the ranking lists the unit with the same total
        JsonNode ranking = json("regulator", "/api/v1/assessments/2026");
        boolean found = false;
        for (JsonNode u : ranking.get("units")) {
            if (u.get("orgId").asLong() == f.orgId()) {
                found = true;
                assertThat(u.get("total").decimalValue()).isEqualByComparingTo(sum);
            }
        }
        assertThat(found).isTrue();
        assertThat(ranking.get("weights").asText()).isEqualTo("duties=40;hazards=30;incidents=20(I=20,II=10,III=5,IV=0,late=5,missing=10,concealed=20);admission=10");
    }

    static final MediaType YAML = MediaType.parseMediaType("text/yaml");

    @Test
    void a12_aDistrictOverlayChangesTheWeightsAndTheScore_A13() throws Exception {
        Fresh f = fresh();
        clock.set(LATER);
        String path = "/api/v1/assessments/2026/units/" + f.orgId();
        JsonNode before = json("supervisor", path);
        api.forgetTokens();

        String overlay = """
                overlay: {name: 考核测试区, version: a12-1, basedOn: 2025.12.16-r1}
                assessment:
                  items:
                    hazards: {weight: 40}
                    duties: {weight: 30}
                    incidents: {deductions: {III: 8}}
                """;
        MvcResult put = api.call("supervisor", put("/api/v1/rules/overlay").contentType(YAML).content(overlay));
        assertThat(put.getResponse().getStatus()).as(put.getResponse().getContentAsString()).isEqualTo(200);

        JsonNode after = json("supervisor", path);
        JsonNode hazardsItem = item(after, "hazards");
        assertThat(hazardsItem.get("weight").asInt()).isEqualTo(40);
        assertThat(hazardsItem.get("score").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(hazardsItem.get("overridden").toString()).contains("weight");
        // grade III now 8, plus the grade III incident's missing report (漏报, 10); the grade IV incident costs nothing
        assertThat(item(after, "incidents").get("deduction").decimalValue()).isEqualByComparingTo("18");
        assertThat(after.get("total").decimalValue()).isNotEqualByComparingTo(before.get("total").decimalValue());
        assertThat(json("supervisor", "/api/v1/assessments/2026").get("catalogVersion").asText()).contains("考核测试区@a12-1");

        // the ranking page explains the new weight
        String page = mvc.perform(get("/supervision/assessment").param("year", "2026")
                        .with(SecurityMockMvcRequestPostProcessors.authentication(DemoActors.authentication(jdbc, "supervisor"))))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("隐患整改完成率（40 分）").contains("网络和数据安全责任落实情况（30 分）");

        // refused overlays change nothing: weights not adding up to 100, an unknown item
        for (String bad : List.of("""
                overlay: {name: 考核测试区, version: a12-2, basedOn: 2025.12.16-r1}
                assessment: {items: {hazards: {weight: 50}}}
                """, """
                overlay: {name: 考核测试区, version: a12-3, basedOn: 2025.12.16-r1}
                assessment: {items: {drills: {weight: 10}}}
                """)) {
            MvcResult refused = api.call("supervisor", put("/api/v1/rules/overlay").contentType(YAML).content(bad));
            assertThat(refused.getResponse().getStatus()).isEqualTo(400);
            assertThat(refused.getResponse().getContentAsString(StandardCharsets.UTF_8)).containsAnyOf("add up to", "no assessment item");
        }
        assertThat(json("supervisor", path).get("total").decimalValue()).isEqualByComparingTo(after.get("total").decimalValue());
    }

    @Test
    void a12_aUnitSeesOnlyItsOwnScoreAndTheProviderOnlyItsRecord_A4() throws Exception {
        long unit1 = jdbc.sql("select org_id from identity_user where username = 'unit1'").query(Long.class).single();
        long unit2 = jdbc.sql("select org_id from identity_user where username = 'unit2'").query(Long.class).single();
        String unit2Name = jdbc.sql("select name from identity_organisation where id = :id").param("id", unit2).query(String.class).single();
        JsonNode own = json("unit1", "/api/v1/assessments/2026");
        assertThat(own.get("units")).hasSize(1);
        assertThat(own.get("units").get(0).get("orgId").asLong()).isEqualTo(unit1);
        assertThat(own.get("providers")).isEmpty();
        assertThat(api.call("unit1", get("/api/v1/assessments/2026/units/" + unit2)).getResponse().getStatus()).isEqualTo(404);
        assertThat(json("unit1", "/api/v1/assessments/2026/units/" + unit1).get("orgId").asLong()).isEqualTo(unit1);

        JsonNode provider = json("provider", "/api/v1/assessments/2026");
        assertThat(provider.get("units")).isEmpty();
        assertThat(provider.get("providers")).hasSize(1);
        // the overseers see every serious incident of the year; the provider only those it is responsible for (A8.1)
        long providerOrg = jdbc.sql("select org_id from identity_user where username = 'provider'").query(Long.class).single();
        JsonNode city = json("supervisor", "/api/v1/assessments/2026").get("providers").get(0).get("incidents");
        assertThat(city).anySatisfy(i -> assertThat(i.get("orgId").asLong()).isNotEqualTo(providerOrg));
        assertThat(provider.get("providers").get(0).get("incidents")).allSatisfy(i -> assertThat(i.get("orgId").asLong()).isEqualTo(providerOrg));

        String page = mvc.perform(get("/supervision/assessment").param("year", "2026")
                        .with(SecurityMockMvcRequestPostProcessors.authentication(DemoActors.authentication(jdbc, "unit1"))))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).doesNotContain(unit2Name).doesNotContain("report.pdf");
        int status = mvc.perform(get("/supervision/assessment/" + unit2).param("year", "2026")
                        .with(SecurityMockMvcRequestPostProcessors.authentication(DemoActors.authentication(jdbc, "unit1"))))
                .andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(404);
    }

    @Test
    void a12_aBadYearIsAProblem() throws Exception {
        for (String year : List.of("1999", "2999", "abc")) {
            MvcResult r = api.call("supervisor", get("/api/v1/assessments/" + year));
            assertThat(r.getResponse().getStatus()).as(year).isEqualTo(400);
            assertThat(r.getResponse().getContentType()).contains("application/problem+json");
        }
        // issue 23 point 4: the page says why in words, never with the message key
        MvcResult page = mvc.perform(get("/supervision/assessment").param("year", "1999")
                .with(SecurityMockMvcRequestPostProcessors.authentication(DemoActors.authentication(jdbc, "supervisor")))).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(400);
        assertThat(page.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("年度须在 2025 年至今年之间")
                .doesNotContain("assessment.error.year");
    }

    @Test
    void a12_theRegulatorsReportIsAChinesePdfAndAnExcelWorkbookWithTheRanking() throws Exception {
        String unit1Name = jdbc.sql("select o.name from identity_organisation o join identity_user u on u.org_id = o.id where u.username = 'unit1'")
                .query(String.class).single();
        MvcResult pdf = mvc.perform(get("/supervision/assessment/report.pdf").param("year", "2026")
                .with(SecurityMockMvcRequestPostProcessors.authentication(DemoActors.authentication(jdbc, "regulator")))).andReturn();
        assertThat(pdf.getResponse().getStatus()).isEqualTo(200);
        assertThat(pdf.getResponse().getContentType()).isEqualTo("application/pdf");
        try (var doc = Loader.loadPDF(pdf.getResponse().getContentAsByteArray())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("2026年度政务云云使用单位网络安全考核报告").contains(unit1Name).contains("云服务商").contains("规则目录版本");
        }
        MvcResult xlsx = mvc.perform(get("/supervision/assessment/report.xlsx").param("year", "2026")
                .with(SecurityMockMvcRequestPostProcessors.authentication(DemoActors.authentication(jdbc, "supervisor")))).andReturn();
        assertThat(xlsx.getResponse().getStatus()).isEqualTo(200);
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getResponse().getContentAsByteArray()))) {
            Sheet ranking = book.getSheet("排名");
            assertThat(ranking.getRow(0).getCell(0).getStringCellValue()).isEqualTo("2026年度政务云云使用单位网络安全考核报告");
            Row header = ranking.getRow(3);
            assertThat(header.getCell(0).getStringCellValue()).isEqualTo("名次");
            List<String> names = new java.util.ArrayList<>();
            for (int r = 4; r <= ranking.getLastRowNum(); r++) {
                names.add(ranking.getRow(r).getCell(1).getStringCellValue());
                assertThat(ranking.getRow(r).getCell(0).getStringCellValue()).isEqualTo(String.valueOf(r - 3));
            }
            assertThat(names).contains(unit1Name);
            assertThat(book.getSheet("考核项得分").getLastRowNum()).isGreaterThanOrEqualTo(names.size() * 4);
        }
        int unitStatus = mvc.perform(get("/supervision/assessment/report.pdf").param("year", "2026")
                .with(SecurityMockMvcRequestPostProcessors.authentication(DemoActors.authentication(jdbc, "unit1")))).andReturn().getResponse().getStatus();
        assertThat(unitStatus).isEqualTo(403);
    }

    @Test
    void a12_finalisingAYearStoresTheSnapshotWithTheCatalogVersionAndIsAudited() throws Exception {
        // issue 23 point 8: a reason is required (400 naming it)
        assertThat(api.call("supervisor", post("/api/v1/assessments/2025/finalisation")).getResponse().getStatus()).isEqualTo(400);
        MvcResult r = api.json("supervisor", post("/api/v1/assessments/2025/finalisation"), "{\"reason\":\"年度考核数据已核对\"}");
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
        try {
            JsonNode year = json("regulator", "/api/v1/assessments/2025");
            assertThat(year.get("finalised").asBoolean()).isTrue();
            assertThat(year.get("finalisedBy").asText()).isEqualTo("supervisor");
            assertThat(year.get("catalogVersion").asText()).isEqualTo("2025.12.16-r1");
            assertThat(year.get("weights").asText()).isEqualTo("duties=40;hazards=30;incidents=20(I=20,II=10,III=5,IV=0,late=5,missing=10,concealed=20);admission=10");
            assertThat(year.get("units").size()).isGreaterThan(0);
            assertThat(jdbc.sql("select count(*) from audit_record where action = 'supervision.assessment.finalise'").query(Long.class).single())
                    .isPositive();
            assertThat(api.call("regulator", post("/api/v1/assessments/2025/finalisation")).getResponse().getStatus()).isEqualTo(403);
        } finally {
            for (String table : List.of("supervision_assessment_score", "supervision_assessment_total", "supervision_assessment_year")) {
                jdbc.sql("delete from " + table + " where assessment_year = 2025").update();
            }
        }
    }

    @Test
    void a12_finalisingFilesEachUnitsAnnualAssessmentDutyWithItsScores() throws Exception {
        int year = LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai"))).getYear();
        long unit1 = jdbc.sql("select org_id from identity_user where username = 'unit1'").query(Long.class).single();
        try {
            MvcResult r = api.json("supervisor", post("/api/v1/assessments/" + year + "/finalisation"), "{\"reason\":\"年度考核数据已核对\"}");
            assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
            JsonNode body = JSON.readTree(r.getResponse().getContentAsString(StandardCharsets.UTF_8));
            assertThat(body.get("finalised").asBoolean()).isTrue();
            // the demo city's yearly A12 duty of unit1 (the supervisor's, owed for the unit) is filed with the catalog's fields
            var duty = jdbc.sql("select id, state from duties_duty where rule_id = 'A12-annual-assessment' and subject_kind = 'UNIT' "
                    + "and subject_id = :org and period_start = :start").param("org", unit1).param("start", LocalDate.of(year, 1, 1))
                    .query((rs, i) -> Map.entry(rs.getLong(1), rs.getString(2))).optional();
            assertThat(duty).as("the demo city's A12 duty of unit1 for " + year).isPresent();
            assertThat(duty.get().getValue()).isIn("SUBMITTED", "ACCEPTED");
            String fields = jdbc.sql("select fields_json from duties_submission where duty_id = :d order by id desc limit 1")
                    .param("d", duty.get().getKey()).query(String.class).single();
            assertThat(fields).contains("totalScore").contains("responsibilityScore").contains("rectificationRate").contains("incidents");
        } finally {
            // the other tests watch this year live
            for (String table : List.of("supervision_assessment_score", "supervision_assessment_total", "supervision_assessment_year")) {
                jdbc.sql("delete from " + table + " where assessment_year = :y").param("y", year).update();
            }
        }
    }
}
