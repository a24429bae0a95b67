package cn.govcloud.guard.duties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.security.DemoActors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The duty pages as people use them: lists, the evidence form, review, the matrix and its Excel export, the A5.2 register. */
@AppTest
class DutyPagesTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    DutyEngine engine;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private RequestPostProcessor as(String user) {
        return authentication(DemoActors.authentication(jdbc, user));
    }

    private String page(String path, String user) throws Exception {
        return mvc.perform(get(path).with(as(user))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void theProviderFilesAMonthlyReportInTheFormAndTheSupervisorReturnsIt_A5_4() throws Exception {
        clock.set(Instant.parse("2026-09-14T02:00:00Z"));
        engine.generate(LocalDate.parse("2026-09-14"), LocalDate.parse("2026-09-14"));
        long id = jdbc.sql("select id from duties_duty where rule_id = 'A5.4-monthly-security-report' and period_start = :d")
                .param("d", LocalDate.parse("2026-09-01")).query(Long.class).single();

        assertThat(page("/duties?rule=A5.4-monthly-security-report", "provider")).contains("月度安全运行报告");
        String form = page("/duties/" + id, "provider");
        assertThat(form).contains("id=\"evidence-form\"", "name=\"f.vulnerabilityScanSummary\"", "name=\"d.report\"",
                "每月对政务云平台进行漏洞扫描");

        // the report document is required: the form comes back with the reason and what was typed
        String refused = mvc.perform(multipart("/duties/" + id + "/submit").param("f.vulnerabilityScanPerformed", "true")
                        .param("f.vulnerabilityScanSummary", "扫描 980 个资产").param("f.highRiskVulnerabilities", "0")
                        .param("f.logAuditSummary", "正常").param("f.securityPostureAnalysis", "平稳").param("f.declarant", "李运维")
                        .with(as("provider")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("请上传此附件", "扫描 980 个资产", "id=\"d.report-error\""); // beside the file field (issue 23 point 9)
        assertThat(jdbc.sql("select count(*) from duties_submission where duty_id = :d").param("d", id).query(Long.class).single()).isZero();

        mvc.perform(multipart("/duties/" + id + "/submit")
                        .file(new MockMultipartFile("d.report", "9月报告.pdf", "application/pdf", "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)))
                        .param("f.vulnerabilityScanPerformed", "true").param("f.vulnerabilityScanSummary", "扫描 980 个资产")
                        .param("f.highRiskVulnerabilities", "0").param("f.logAuditSummary", "正常").param("f.securityPostureAnalysis", "平稳")
                        .param("f.declarant", "李运维").with(as("provider")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(page("/duties/" + id, "supervisor")).contains("id=\"review-heading\"", "9月报告.pdf", "李运维");

        // a return without a comment is refused beside the comment field, on the duty's page, and nothing is decided
        String noComment = mvc.perform(post("/duties/" + id + "/review").param("decision", "RETURN").param("comment", " ")
                        .with(as("supervisor")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(noComment).contains("退回时必须填写意见", "id=\"comment-error\"", "id=\"review-form\"");
        assertThat(jdbc.sql("select state from duties_duty where id = :d").param("d", id).query(String.class).single()).isEqualTo("SUBMITTED");
        // a waiver without a reason likewise
        String noReason = mvc.perform(post("/duties/" + id + "/waive").param("reason", "").with(as("supervisor")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(noReason).contains("请填写豁免理由", "id=\"reason-error\"");
        assertThat(jdbc.sql("select state from duties_duty where id = :d").param("d", id).query(String.class).single()).isEqualTo("SUBMITTED");

        mvc.perform(post("/duties/" + id + "/review").param("decision", "RETURN").param("comment", "请补充高危漏洞处置情况")
                .with(as("supervisor")).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(page("/duties/" + id, "provider")).contains("已退回", "请补充高危漏洞处置情况", "id=\"evidence-form\"");
    }

    @Test
    void theMatrixPageFiltersAndExports() throws Exception {
        assertThat(page("/compliance?subjectKind=PLATFORM", "supervisor")).contains("id=\"matrix-table\"", "A5.4-daily-inspection", "条款");
        assertThat(page("/compliance", "unit1")).contains("id=\"matrix-table\"").doesNotContain("data-rule=\"A5.4-daily-inspection\"");
        byte[] xlsx = mvc.perform(get("/compliance/export.xlsx").with(as("regulator"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(xlsx, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("PK");
        assertThat(page("/", "provider")).contains("id=\"agenda\"");
    }

    @Test
    void theProviderRecordsACertificationAndItsFilingIsDueFifteenWorkingDaysAfterIssue_A5_2() throws Exception {
        clock.set(Instant.parse("2026-10-12T02:00:00Z"));
        // issued Thursday 24 September 2026. 25–27 Sep are the Mid-Autumn holiday, 1–7 Oct National Day; the working
        // days after it are 28, 29, 30 Sep, 8, 9, 10 (a make-up Saturday), 12–16, 19–22 Oct: the 15th is 22 October
        mvc.perform(multipart("/platform/certifications").param("kind", "MLPS").param("reportNumber", "DJCP-2026-0917")
                        .param("agency", "内蒙古网络安全测评中心").param("issueDate", "2026-09-24").param("validUntil", "2027-09-23")
                        .param("conclusion", "良").with(as("provider")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        String register = page("/platform/certifications", "supervisor");
        assertThat(register).contains("DJCP-2026-0917", "2027-09-23");
        LocalDate due = jdbc.sql("select d.due_date from duties_duty d join platform_certification c on c.filing_duty_id = d.id "
                + "where c.report_number = 'DJCP-2026-0917'").query(LocalDate.class).single();
        assertThat(due).isEqualTo(LocalDate.parse("2026-10-22"));

        String bad = mvc.perform(multipart("/platform/certifications").param("kind", "MLPS").param("reportNumber", "DJCP-X")
                        .param("agency", "某机构").param("issueDate", "2026-12-01").param("validUntil", "2026-11-01")
                        .param("conclusion", "符合").with(as("provider")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(bad).contains("不能晚于今天", "有效期须晚于出具日期", "请选择该类别报告的结论");
        assertThat(jdbc.sql("select count(*) from platform_certification where report_number = 'DJCP-X'").query(Long.class).single()).isZero();
    }

    /** Issue 23 point 4: what raised a duty reads as words with a link to the record, not as an event name and a key. */
    @Test
    void aDutyShowsWhatRaisedItInWordsWithALinkToTheRecord_A10_2() throws Exception {
        var duty = jdbc.sql("select id, reference from duties_duty where trigger_event = 'hazard.notified' order by id limit 1")
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).single();
        String hazardId = ((String) duty[1]).substring("hazard:".length());
        String html = page("/duties/" + duty[0], "supervisor");
        assertThat(html).contains("隐患已通知", "href=\"/hazards/" + hazardId + "\"", "隐患 #" + hazardId)
                .doesNotContain(">hazard.notified<", ">hazard:" + hazardId + "<");
        assertThat(page("/duties/" + duty[0] + "?lang=en", "supervisor")).contains("Hazard notified", "Hazard #" + hazardId);
    }
}
