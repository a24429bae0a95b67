package cn.govcloud.guard.incidents;

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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * The incident report as the regulators receive it, a PDF in Chinese (A10.4): the text extracted
 * from it holds the report's Chinese content. Needs the documents module's {@code Pdf}
 * implementation (documents branch); until it is merged the download answers 422 and this test fails.
 */
@AppTest
class IncidentReportPdfTests {
    @org.springframework.beans.factory.annotation.Autowired
    cn.govcloud.guard.MutableClock clock;
    @Autowired
    MockMvc mvc;

    @Test
    void theReportPdfContainsTheChineseText_A10_4() throws Exception {
        String provider = ApiClient.bearer(mvc, "provider");
        String regulator = ApiClient.bearer(mvc, "regulator");
        JsonMapper json = JsonMapper.builder().build();
        MvcResult created = mvc.perform(post("/api/v1/incidents").header("Authorization", provider).contentType(MediaType.APPLICATION_JSON)
                .content("{\"grade\":\"III\",\"category\":\"NETWORK_ATTACK\",\"subType\":\"NETWORK_ATTACK.DOS\",\"title\":\"云平台出口遭受拒绝服务攻击\","
                        + "\"confirmedAt\":\"" + clock.instant().minusSeconds(60) + "\"}")).andReturn();
        long id = json.readTree(created.getResponse().getContentAsString(StandardCharsets.UTF_8)).get("id").asLong();
        MvcResult report = mvc.perform(post("/api/v1/incidents/" + id + "/reports").header("Authorization", provider)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\":\"INITIAL\",\"summary\":\"出口带宽被占满，政务外网访问缓慢\",\"measures\":\"启用运营商流量清洗\",\"reporter\":\"王云\"}"))
                .andReturn();
        long reportId = json.readTree(report.getResponse().getContentAsString(StandardCharsets.UTF_8)).get("id").asLong();

        MvcResult pdf = mvc.perform(get("/api/v1/incidents/" + id + "/reports/" + reportId + "/pdf").header("Authorization", regulator)).andReturn();
        assertThat(pdf.getResponse().getStatus()).as(pdf.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(pdf.getResponse().getContentType()).isEqualTo("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.getResponse().getContentAsByteArray())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("安全事件初报", "云平台出口遭受拒绝服务攻击", "出口带宽被占满", "启用运营商流量清洗", "Ⅲ级（较大）", "拒绝服务攻击事件");
        }
    }
}
