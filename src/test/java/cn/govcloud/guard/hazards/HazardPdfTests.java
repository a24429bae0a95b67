package cn.govcloud.guard.hazards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The supervisor's 通报 as PDF with Chinese text (A10.2). Needs the documents module's {@code Pdf}
 * implementation: it passes once that branch is merged (until then the download answers 422).
 */
@AppTest
class HazardPdfTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theNoticeOfOverdueHazardsRendersAsPdfWithChineseText_A10_2() throws Exception {
        String supervisor = ApiClient.bearer(mvc, "supervisor");
        long system = jdbc.sql("select id from systems_system where name = '教育局门户网站' order by id").query(Long.class).list().get(0);
        MvcResult raised = mvc.perform(post("/api/v1/hazards").header("Authorization", supervisor).contentType(MediaType.APPLICATION_JSON)
                .content("{\"systemId\":" + system + ",\"title\":\"PDF通报测试·目录遍历漏洞\",\"severity\":\"HIGH\","
                        + "\"notifiedAt\":\"2026-10-12T10:00:00+08:00\"}")).andReturn();
        assertThat(raised.getResponse().getStatus()).as(raised.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        // issue 17 point 3: the paper notice of 12 October, confirmed by the supervisor, so it counts from then and is overdue
        Backdated.confirm(mvc, "supervisor", tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(raised.getResponse().getContentAsString(StandardCharsets.UTF_8)).get("id").asLong());

        MvcResult r = mvc.perform(get("/api/v1/hazards/notice.pdf").header("Authorization", supervisor)).andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.getResponse().getContentType()).isEqualTo("application/pdf");
        String text;
        try (PDDocument pdf = Loader.loadPDF(r.getResponse().getContentAsByteArray())) {
            // table cells wrap: compare without the line breaks the layout put in
            text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", "");
        }
        String unit1 = jdbc.sql("select o.name from identity_organisation o join identity_user u on u.org_id = o.id where u.username = 'unit1'")
                .query(String.class).single();
        assertThat(text).contains("关于逾期未整改风险隐患的通报", "各单位整改情况", "PDF通报测试·目录遍历漏洞", unit1);
    }
}
