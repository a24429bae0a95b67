package cn.govcloud.guard.hazards.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.security.DemoActors;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The intake pages (A10.1): upload, lists with filters, triage, and who sees the 发出隐患通知 action. */
@AppTest
class IntakePagesTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    private RequestPostProcessor as(String user) {
        return authentication(DemoActors.authentication(jdbc, user));
    }

    private String page(String path, String user) throws Exception {
        return mvc.perform(get(path).with(as(user))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    /** Issue 24 point 7: the upload answers at once with the import's page; the import runs in the background. */
    private long upload(byte[] report) throws Exception {
        long id = started(report, "月度扫描.xml");
        assertThat(IntakeApiTests.finished(jdbc, id)).isEqualTo("DONE");
        String done = page("/intake/imports/" + id, "provider");
        assertThat(done).contains("data-status=\"DONE\"", "id=\"import-new\"", "100%").doesNotContain("hx-trigger");
        return id;
    }

    private long started(byte[] report, String name) throws Exception {
        MvcResult r = mvc.perform(multipart("/intake/imports").file(new MockMultipartFile("file", name, "text/xml", report))
                .with(as("provider")).with(csrf())).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(302);
        assertThat(r.getResponse().getRedirectedUrl()).startsWith("/intake/imports/");
        assertThat((String) r.getFlashMap().get("done")).contains("后台");
        return Long.parseLong(r.getResponse().getRedirectedUrl().substring("/intake/imports/".length()));
    }

    @Test
    void A10_1_aRunningImportShowsItsProgressAndPollsForMore() throws Exception {
        long id = jdbc.sql("select max(id) from intake_import").query(Long.class).optional().orElse(0L);
        IntakeApiTests.runningImport(jdbc, clockNow());
        long running = jdbc.sql("select max(id) from intake_import").query(Long.class).single();
        assertThat(running).isGreaterThan(id);
        String page = page("/intake/imports/" + running, "supervisor");
        assertThat(page).contains("data-status=\"RUNNING\"", "hx-trigger=\"every 2s\"", "25%", "id=\"import-eta\"", "约 9");
        assertThat(page("/intake/imports", "regulator")).contains("/intake/imports/" + running, "导入中 25%");
        mvc.perform(get("/intake/imports/" + running).with(as("unit1"))).andExpect(status().isForbidden());
    }

    @Autowired
    cn.govcloud.guard.MutableClock clock;

    private java.time.Instant clockNow() {
        return clock.instant();
    }

    @Test
    void theProviderUploadsAReportAndSeesItsFindings() throws Exception {
        long importId = upload(IntakeApiTests.unique("openvas-gmp.xml"));
        assertThat(page("/intake/imports", "provider")).contains("id=\"scan-upload-form\"", "月度扫描.xml");
        String list = page("/intake/findings?severity=HIGH", "provider");
        assertThat(list).contains("SSL/TLS: Report Vulnerable Cipher Suites for HTTPS", "教育局招生考试系统");
        long matched = jdbc.sql("select id from intake_finding where last_import_id = :i and host = '10.31.1.10' and port = '443/tcp'")
                .param("i", importId).query(Long.class).single();
        assertThat(page("/intake/findings/" + matched, "supervisor")).contains("id=\"raise-hazard\"", "CVE-2016-2183");
        String unitView = page("/intake/findings/" + matched, "unit1");
        assertThat(unitView).contains("CVE-2016-2183").doesNotContain("id=\"raise-hazard\"");
        mvc.perform(get("/intake/findings/" + matched).with(as("unit2"))).andExpect(status().isNotFound());
        mvc.perform(post("/intake/findings/" + matched + "/hazard").with(as("unit1")).with(csrf())).andExpect(status().isForbidden());
    }

    @Test
    void aRefusedUploadIsExplainedOnThePage_andNothingIsStored() throws Exception {
        long findings = jdbc.sql("select count(*) from intake_finding").query(Long.class).single();
        long id = started(IntakeApiTests.sample("xxe.xml"), "xxe.xml");
        assertThat(IntakeApiTests.finished(jdbc, id)).isEqualTo("FAILED");
        assertThat(page("/intake/imports/" + id, "supervisor")).contains("id=\"import-error\"", "DOCTYPE", "未保存任何内容", "已拒绝");
        assertThat(jdbc.sql("select count(*) from intake_finding").query(Long.class).single()).isEqualTo(findings);
        // no file at all: said on the upload page itself
        String page = mvc.perform(multipart("/intake/imports").file(new MockMultipartFile("file", "x.xml", "text/xml", new byte[0]))
                .with(as("supervisor")).with(csrf())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"intake-error\"");
        // issue 23 point 9: the reason stands beside the file field (fields.html), the alert says nothing was imported
        assertThat(page).contains("id=\"scan-file-error\"", "请选择扫描报告文件", "aria-invalid=\"true\"", "aria-describedby=\"scan-file-help scan-file-error\"",
                "扫描报告未导入");
    }

    /** The finding's page after a redirect, with the flashed attributes handed over (as InspectionRecordingTests does). */
    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder redirected(long finding, MvcResult refused) {
        var request = get("/intake/findings/" + finding);
        refused.getFlashMap().forEach(request::requestAttr);
        return request;
    }

    @Test
    void theTriageQueueAssignsAndDismisses() throws Exception {
        long importId = upload(IntakeApiTests.unique("openvas-gmp.xml"));
        long unmatched = jdbc.sql("select id from intake_finding where last_import_id = :i and host = '10.99.7.4'").param("i", importId)
                .query(Long.class).single();
        assertThat(page("/intake/triage", "provider")).contains("id=\"triage-findings\"", "/intake/findings/" + unmatched + "/assign");
        mvc.perform(get("/intake/triage").with(as("unit1"))).andExpect(status().isForbidden());
        // issue 23 point 9: on the finding's page a refused assign or dismiss comes back (post/redirect/get) with the reason
        // beside the field of THAT form, what was typed kept, nothing changed
        MvcResult refused = mvc.perform(post("/intake/findings/" + unmatched + "/dismiss").param("reason", "")
                .with(as("provider")).with(csrf())).andReturn();
        assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/intake/findings/" + unmatched);
        String shown = mvc.perform(redirected(unmatched, refused).with(as("provider"))).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(shown).contains("id=\"dismiss-" + unmatched + "-reason-error\"", "请写明忽略理由", "aria-invalid=\"true\"")
                .doesNotContain("id=\"assign-" + unmatched + "-systemId-error\"");
        refused = mvc.perform(post("/intake/findings/" + unmatched + "/assign").with(as("provider")).with(csrf())).andReturn();
        shown = mvc.perform(redirected(unmatched, refused).with(as("provider"))).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(shown).contains("id=\"assign-" + unmatched + "-systemId-error\"", "请指定系统编号或系统地址")
                .doesNotContain("id=\"dismiss-" + unmatched + "-reason-error\"");
        assertThat(jdbc.sql("select state from intake_finding where id = :id").param("id", unmatched).query(String.class).single()).isEqualTo("TRIAGE");
        // the same in the triage queue: back to the queue, the reason beside THAT row's dismiss form only
        refused = mvc.perform(post("/intake/findings/" + unmatched + "/dismiss").param("reason", " ").param("back", "triage")
                .with(as("provider")).with(csrf())).andReturn();
        assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/intake/triage");
        var queue = get("/intake/triage");
        refused.getFlashMap().forEach(queue::requestAttr);
        shown = mvc.perform(queue.with(as("provider"))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(shown).contains("id=\"dismiss-findings-" + unmatched + "-reason-error\"", "请写明忽略理由")
                .doesNotContain("id=\"assign-findings-" + unmatched + "-systemId-error\"");
        assertThat(shown.split("invalid-feedback", -1)).as("one refusal on the queue").hasSize(2);
        MvcResult r = mvc.perform(post("/intake/findings/" + unmatched + "/dismiss").param("reason", "扫描范围外的测试主机").param("back", "triage")
                .with(as("provider")).with(csrf())).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/intake/triage");
        assertThat(jdbc.sql("select state from intake_finding where id = :id").param("id", unmatched).query(String.class).single()).isEqualTo("DISMISSED");
        assertThat((String) r.getFlashMap().get("done")).contains("已忽略并记下理由");
        MvcResult empty = mvc.perform(post("/intake/findings/" + unmatched + "/dismiss").param("reason", "again")
                .with(as("provider")).with(csrf())).andReturn();
        assertThat((String) empty.getFlashMap().get("error")).contains("A10.1");
    }

    @Test
    void theAlertListFiltersBySeverityAndState() throws Exception {
        String page = page("/intake/alerts?severity=HIGH&state=OPEN", "supervisor");
        assertThat(page).contains("id=\"alerts-table\"", "id=\"intake-filters\"");
        assertThat(page("/intake/alerts", "unit1")).contains("id=\"alerts-table\"");
    }
}
