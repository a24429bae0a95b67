package cn.govcloud.guard.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.security.DemoActors;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.XWPFChart;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * 政务云安全运行年度报告 (A12, A14, issue 22 point 6): the figures are the registers' (and move when a record is added through
 * the API), the PDF and the Word file carry them with their Chinese headings, tables and charts, a year without records
 * gives zeros and a future year is refused, and only the supervisor and the regulators read it.
 */
@AppTest
class AnnualReportTests {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    /** Thursday 26 November 2026, 12:00 in Beijing. */
    static final Instant NOW = Instant.parse("2026-11-26T04:00:00Z");
    static final Instant YEAR_START = LocalDate.of(2026, 1, 1).atStartOfDay(BEIJING).toInstant();
    /** A year in progress counts whole days: up to the end of today. */
    static final Instant TODAY_END = LocalDate.of(2026, 11, 27).atStartOfDay(BEIJING).toInstant();

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    private final ApiClient api = new ApiClient(() -> mvc);

    @BeforeEach
    void pin() {
        clock.set(NOW);
    }

    @AfterEach
    void unpin() {
        clock.reset();
    }

    JsonNode report(String user, int year) throws Exception {
        MvcResult r = api.call(user, get("/api/v1/annual-reports/" + year));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        return ApiClient.body(r);
    }

    static long line(JsonNode lines, String key) {
        for (JsonNode l : lines) {
            if (l.get("key").asString().equals(key)) {
                return l.has("current") && l.get("current").isObject() ? l.get("current").get("notified").asLong() : l.get("current").asLong();
            }
        }
        throw new AssertionError("no line " + key + " in " + lines);
    }

    static JsonNode assessment(JsonNode report, String kind) {
        for (JsonNode a : report.get("assessments")) {
            if (a.get("kind").asString().equals(kind)) {
                return a;
            }
        }
        throw new AssertionError(kind);
    }

    long count(String sql) {
        return jdbc.sql(sql).param("from", YEAR_START.atOffset(java.time.ZoneOffset.UTC)).param("to", TODAY_END.atOffset(java.time.ZoneOffset.UTC))
                .query(Long.class).single();
    }

    long systemOf(String user) {
        return jdbc.sql("select s.id from systems_system s join identity_user u on u.org_id = s.org_id where u.username = :u "
                + "and s.state = 'ADMITTED' order by s.id").param("u", user).query(Long.class).list().get(0);
    }

    @Test
    void A12_A14_theFiguresAreTheRegistersAndFollowRecordsAddedThroughTheApi() throws Exception {
        JsonNode before = report("supervisor", 2026);
        assertThat(before.get("year").asInt()).isEqualTo(2026);
        assertThat(before.get("inProgress").asBoolean()).isTrue();
        assertThat(before.get("periodEnd").asString()).isEqualTo("2026-11-26");
        assertThat(before.get("previousLabel").asString()).isEqualTo("上年同期");
        // equal to the registers, counted the report's way
        assertThat(before.get("hazards").get("total").get("current").get("notified").asLong())
                .isEqualTo(count("select count(*) from hazards_hazard where notified_at >= :from and notified_at < :to"));
        assertThat(before.get("incidents").get("total").get("current").asLong())
                .isEqualTo(count("select count(*) from incidents_incident where confirmed_at >= :from and confirmed_at < :to"));
        assertThat(line(before.get("channels"), "requested"))
                .isEqualTo(count("select count(*) from access_channel where requested_at >= :from and requested_at < :to"));
        assertThat(before.get("systems").get("total").get("current").asLong()).isEqualTo(count(
                "select count(*) from systems_system s where exists (select 1 from systems_transition t where t.system_id = s.id and t.action = 'ADMIT' "
                        + "and t.occurred_at < :to) and not exists (select 1 from systems_transition t where t.system_id = s.id and t.to_state = 'EXITED' "
                        + "and t.occurred_at < :to)"));
        assertThat(assessment(before, "MLPS").get("passRate").get("denominator").asLong()).isEqualTo(jdbc.sql(
                "select count(distinct system_id) from systems_assessment where kind = 'MLPS' and assessed_on between date '2026-01-01' and date '2026-11-26'")
                .query(Long.class).single());

        // a hazard (manual, high), an incident of grade III, a visit, a channel, a certification report, a failed 等保测评
        long system = systemOf("unit1");
        MvcResult hazard = api.json("supervisor", post("/api/v1/hazards"),
                "{\"systemId\":" + system + ",\"title\":\"年度报告测试·弱口令\",\"severity\":\"HIGH\"}");
        assertThat(hazard.getResponse().getStatus()).as(hazard.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        Instant confirmed = NOW.minus(Duration.ofMinutes(5));
        MvcResult incident = api.json("unit1", post("/api/v1/incidents"), """
                {"systemId": %d, "grade": "III", "category": "NETWORK_ATTACK", "subType": "NETWORK_ATTACK.DOS", "title": "年度报告测试·DDoS攻击",
                 "confirmedAt": "%s", "discoveredAt": "%s", "description": "门户网站访问中断", "impact": "公众无法访问"}"""
                .formatted(system, confirmed, confirmed.minusSeconds(600)));
        assertThat(incident.getResponse().getStatus()).as(incident.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        long incidentId = ApiClient.body(incident).get("id").asLong();
        MvcResult visit = api.json("unit1", post("/api/v1/visits"), "{\"systemId\":" + system + ",\"purpose\":\"更换故障硬盘\","
                + "\"letterNumber\":\"教授函〔2026〕" + System.nanoTime() % 100000 + "号\",\"validFrom\":\"2026-11-26\",\"validUntil\":\"2026-11-27\","
                + "\"visitors\":[{\"realName\":\"王工\",\"idNumber\":\"150102199001011234\",\"mobile\":\"13900001111\"},"
                + "{\"realName\":\"李工\",\"idNumber\":\"11010519491231002X\",\"mobile\":\"13900002222\"}]}");
        assertThat(visit.getResponse().getStatus()).as(visit.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        MvcResult channel = api.json("unit1staff", post("/api/v1/channels"), "{\"systemId\":" + system + ",\"purpose\":\"数据库补丁升级\","
                + "\"operations\":\"升级 MySQL\",\"accounts\":\"dbadmin\",\"channelType\":\"VPN\",\"operatorName\":\"杨洋\",\"startsAt\":\""
                + NOW.plus(Duration.ofHours(1)) + "\",\"endsAt\":\"" + NOW.plus(Duration.ofHours(3)) + "\",\"longTerm\":false}");
        assertThat(channel.getResponse().getStatus()).as(channel.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        String number = "DJCP-AR-" + System.nanoTime() % 1_000_000;
        MvcResult certification = api.json("provider", post("/api/v1/platform/certifications"), "{\"kind\":\"MLPS\",\"reportNumber\":\"" + number
                + "\",\"agency\":\"内蒙古网络安全测评中心\",\"issueDate\":\"2026-11-20\",\"validUntil\":\"2027-11-19\",\"conclusion\":\"良\"}");
        assertThat(certification.getResponse().getStatus()).as(certification.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        // a 密评 of a level-3 system that had none this year, 不符合: assessed and current, not passed
        long unassessed = jdbc.sql("select s.id from systems_system s join identity_user u on u.org_id = s.org_id where u.username = 'unit1' "
                + "and s.state = 'ADMITTED' and s.mlps_level >= 3 and not exists (select 1 from systems_assessment a where a.system_id = s.id "
                + "and a.kind = 'CRYPTO') order by s.id").query(Long.class).list().get(0);
        MvcResult filed = api.call("unit1", multipart("/api/v1/systems/" + unassessed + "/assessments")
                .file(new MockMultipartFile("document", "密评报告.pdf", "application/pdf", "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)))
                .param("kind", "CRYPTO").param("assessedOn", "2026-11-20").param("conclusion", "不符合")
                .param("issuer", "内蒙古商用密码检测中心").param("reportNumber", "MP-AR-" + System.nanoTime() % 100000).param("validUntil", "2027-11-19"));
        assertThat(filed.getResponse().getStatus()).as(filed.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);

        JsonNode after = report("supervisor", 2026);
        JsonNode h0 = before.get("hazards");
        JsonNode h1 = after.get("hazards");
        assertThat(h1.get("total").get("current").get("notified").asLong()).isEqualTo(h0.get("total").get("current").get("notified").asLong() + 1);
        assertThat(h1.get("total").get("current").get("open").asLong()).isEqualTo(h0.get("total").get("current").get("open").asLong() + 1);
        assertThat(line(h1.get("bySource"), "MANUAL")).isEqualTo(line(h0.get("bySource"), "MANUAL") + 1);
        assertThat(line(h1.get("bySeverity"), "HIGH")).isEqualTo(line(h0.get("bySeverity"), "HIGH") + 1);
        long unit1 = jdbc.sql("select org_id from identity_user where username = 'unit1'").query(Long.class).single();
        long unitBefore = 0;
        for (JsonNode l : h0.get("byUnit")) {
            unitBefore += l.get("key").asString().equals(String.valueOf(unit1)) ? l.get("current").get("notified").asLong() : 0;
        }
        assertThat(line(h1.get("byUnit"), String.valueOf(unit1))).isEqualTo(unitBefore + 1);
        assertThat(line(after.get("incidents").get("byGrade"), "III")).isEqualTo(line(before.get("incidents").get("byGrade"), "III") + 1);
        assertThat(after.get("incidents").get("major").findValuesAsString("title")).contains("年度报告测试·DDoS攻击");
        assertThat(after.get("incidents").get("major").findValues("id").stream().map(JsonNode::asLong).toList()).contains(incidentId);
        assertThat(line(after.get("visits"), "authorised")).isEqualTo(line(before.get("visits"), "authorised") + 1);
        assertThat(line(after.get("visits"), "visitors")).isEqualTo(line(before.get("visits"), "visitors") + 2);
        assertThat(line(after.get("channels"), "requested")).isEqualTo(line(before.get("channels"), "requested") + 1);
        assertThat(line(after.get("channels"), "forSystems")).isEqualTo(line(before.get("channels"), "forSystems") + 1);
        assertThat(line(after.get("certifications").get("issuedByKind"), "MLPS"))
                .isEqualTo(line(before.get("certifications").get("issuedByKind"), "MLPS") + 1);
        List<String> numbers = new ArrayList<>();
        after.get("certifications").get("issued").forEach(c -> numbers.add(c.get("reportNumber").asString()));
        assertThat(numbers).contains(number);
        JsonNode c0 = assessment(before, "CRYPTO");
        JsonNode c1 = assessment(after, "CRYPTO");
        assertThat(c1.get("passRate").get("denominator").asLong()).isEqualTo(c0.get("passRate").get("denominator").asLong() + 1);
        assertThat(c1.get("passRate").get("numerator").asLong()).as("不符合 is not a pass").isEqualTo(c0.get("passRate").get("numerator").asLong());
        assertThat(c1.get("coverage").get("denominator").asLong()).isEqualTo(c0.get("coverage").get("denominator").asLong());
        assertThat(c1.get("coverage").get("numerator").asLong()).isEqualTo(c0.get("coverage").get("numerator").asLong() + 1);
        // the previous year's figures stand beside: the same stretch of 2025
        assertThat(after.get("previousYear").asInt()).isEqualTo(2025);
        assertThat(after.get("previousPeriodEnd").asString()).isEqualTo("2025-11-26");
        JsonNode total = after.get("hazards").get("total");
        assertThat(after.get("hazards").get("total").get("deltaNotified").asLong())
                .isEqualTo(total.get("current").get("notified").asLong() - total.get("previous").get("notified").asLong());
    }

    @Test
    void A12_A14_thePdfAndTheWordDocumentCarryTheFiguresWithChineseHeadingsTablesAndCharts() throws Exception {
        JsonNode report = report("regulator", 2026);
        long notified = report.get("hazards").get("total").get("current").get("notified").asLong();
        long audited = jdbc.sql("select count(*) from audit_record where action = 'supervision.annual-report.download'").query(Long.class).single();

        MvcResult pdf = api.call("supervisor", get("/api/v1/annual-reports/2026/pdf"));
        assertThat(pdf.getResponse().getStatus()).isEqualTo(200);
        assertThat(pdf.getResponse().getContentType()).isEqualTo("application/pdf");
        assertThat(pdf.getResponse().getHeader("Content-Disposition")).startsWith("attachment").contains("filename*=UTF-8''");
        keep("annual-report-2026.pdf", pdf.getResponse().getContentAsByteArray());
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.getResponse().getContentAsByteArray())) {
            text = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
            assertThat(doc.getNumberOfPages()).isGreaterThan(1);
        }
        assertThat(text).contains("2026年度政务云安全运行报告", "一、总体情况", "二、云上政务信息系统", "三、风险隐患及整改", "四、网络安全事件",
                "五、应急演练", "六、远程运维与机房实地操作", "七、云服务商安全评估与测评", "八、统计口径说明", "本期通知风险隐患" + notified + "项",
                "等保测评覆盖率", "风险隐患数量（按来源）", "2025年同期");

        MvcResult docx = api.call("supervisor", get("/api/v1/annual-reports/2026/docx"));
        assertThat(docx.getResponse().getStatus()).isEqualTo(200);
        assertThat(docx.getResponse().getContentType()).isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        keep("annual-report-2026.docx", docx.getResponse().getContentAsByteArray());
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx.getResponse().getContentAsByteArray()))) {
            List<String> paragraphs = doc.getParagraphs().stream().map(XWPFParagraph::getText).toList();
            assertThat(paragraphs.get(0)).isEqualTo("2026年度政务云安全运行报告");
            assertThat(paragraphs).contains("目　录", "一、总体情况", "（二）等级保护测评与商用密码应用安全性评估", "八、统计口径说明");
            assertThat(paragraphs).anyMatch(p -> p.contains("本期通知风险隐患" + notified + "项"));
            XWPFParagraph heading = doc.getParagraphs().stream().filter(p -> p.getText().equals("三、风险隐患及整改") && "Heading1".equals(p.getStyle()))
                    .findFirst().orElseThrow();
            assertThat(heading.getRuns().get(0).getFontFamily(org.apache.poi.xwpf.usermodel.XWPFRun.FontCharRange.eastAsia)).isEqualTo("黑体");
            assertThat(doc.getStyles().getStyle("Heading1").getCTStyle().getPPr().getOutlineLvl().getVal().intValue()).isZero();
            assertThat(doc.getDocument().getBody().xmlText()).contains("TOC \\o");
            XWPFTable hazards = doc.getTables().stream().filter(t -> t.getRow(0).getCell(0).getText().equals("来源")).findFirst().orElseThrow();
            assertThat(hazards.getRow(0).getCell(5).getText()).isEqualTo("按期整改率");
            assertThat(hazards.getRow(0).isRepeatHeader()).isTrue();
            List<String> sources = new ArrayList<>();
            for (int r = 1; r < hazards.getNumberOfRows(); r++) {
                sources.add(hazards.getRow(r).getCell(0).getText());
            }
            assertThat(sources).contains("人工发现", "漏洞扫描");
            // native charts, with their data in the embedded workbook
            List<XWPFChart> charts = doc.getCharts();
            assertThat(charts).hasSizeGreaterThanOrEqualTo(5);
            XWPFChart levels = charts.get(0);
            assertThat(levels.getCTChart().getTitle().xmlText()).contains("云上政务信息系统数量（按等保级别，期末）");
            var sheet = levels.getWorkbook().getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("2026年");
            assertThat(sheet.getRow(3).getCell(0).getStringCellValue()).isEqualTo("第三级");
            assertThat((long) sheet.getRow(3).getCell(1).getNumericCellValue()).isEqualTo(line(report.get("systems").get("byLevel"), "level-3"));
        }
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'supervision.annual-report.download'").query(Long.class).single())
                .isEqualTo(audited + 2);
    }

    /** The files as a person would open them, under target/annual-report/ (for a look, not for the assertions). */
    static void keep(String name, byte[] content) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Path.of("target", "annual-report");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.write(dir.resolve(name), content);
    }

    @Test
    void A12_aYearWithoutRecordsGivesZerosAndAFutureYearIsRefusedWithAClearMessage() throws Exception {
        JsonNode empty = report("supervisor", 2024);
        assertThat(empty.get("inProgress").asBoolean()).isFalse();
        assertThat(empty.get("previousLabel").asString()).isEqualTo("上年");
        assertThat(empty.get("systems").get("total").get("current").asLong()).isZero();
        assertThat(empty.get("hazards").get("total").get("current").get("notified").asLong()).isZero();
        assertThat(empty.get("hazards").get("total").get("current").get("onTimePercent").isNull()).isTrue();
        assertThat(empty.get("incidents").get("total").get("current").asLong()).isZero();
        assertThat(api.call("supervisor", get("/api/v1/annual-reports/2024/pdf")).getResponse().getStatus()).isEqualTo(200);
        assertThat(api.call("supervisor", get("/api/v1/annual-reports/2024/docx")).getResponse().getStatus()).isEqualTo(200);

        MvcResult future = api.call("supervisor", get("/api/v1/annual-reports/2027"));
        assertThat(future.getResponse().getStatus()).isEqualTo(400);
        assertThat(future.getResponse().getContentType()).startsWith("application/problem+json");
        JsonNode problem = ApiClient.body(future);
        assertThat(problem.get("errors").get("year").asString()).contains("未来年度");
        assertThat(api.call("supervisor", get("/api/v1/annual-reports/2027/pdf")).getResponse().getStatus()).isEqualTo(400);
        MvcResult page = mvc.perform(get("/supervision/annual-report").param("year", "2027")
                .with(authentication(DemoActors.authentication(jdbc, "supervisor")))).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(400);
        assertThat(page.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("annual-report-error", "未来年度").doesNotContain("report-pdf");
    }

    @Test
    void A12_theSupervisorAndTheRegulatorsReadItAUnitAndTheProviderDoNot() throws Exception {
        for (String user : List.of("unit1", "unit1staff", "provider")) {
            assertThat(api.call(user, get("/api/v1/annual-reports/2026")).getResponse().getStatus()).as(user).isEqualTo(403);
            assertThat(api.call(user, get("/api/v1/annual-reports/2026/pdf")).getResponse().getStatus()).as(user).isEqualTo(403);
            assertThat(api.call(user, get("/api/v1/annual-reports/2026/docx")).getResponse().getStatus()).as(user).isEqualTo(403);
            assertThat(mvc.perform(get("/supervision/annual-report").with(authentication(DemoActors.authentication(jdbc, user))))
                    .andReturn().getResponse().getStatus()).as(user).isEqualTo(403);
        }
        for (String user : List.of("supervisor", "regulator")) {
            MvcResult page = mvc.perform(get("/supervision/annual-report").with(authentication(DemoActors.authentication(jdbc, user)))).andReturn();
            assertThat(page.getResponse().getStatus()).as(user).isEqualTo(200);
            String html = page.getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(html).contains("政务云安全运行年度报告", "report-pdf", "report-docx", "一、总体情况", "上年同期", "data-dashboard-chart",
                    "/supervision/annual-report/report.docx?year=2026", "href=\"/supervision/annual-report\"");
            MvcResult word = mvc.perform(get("/supervision/annual-report/report.docx").param("year", "2025")
                    .with(authentication(DemoActors.authentication(jdbc, user)))).andReturn();
            assertThat(word.getResponse().getStatus()).isEqualTo(200);
            assertThat(word.getResponse().getHeader("Content-Disposition")).contains(".docx");
        }
        String unitHome = mvc.perform(get("/").with(authentication(DemoActors.authentication(jdbc, "unit1")))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(unitHome).doesNotContain("href=\"/supervision/annual-report\"");
    }
}
