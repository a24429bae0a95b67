package cn.govcloud.guard.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.shared.TimeConfiguration;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * Issue 22, "the demo city has data for each": what the seeded city holds for every ledger of the release — asset
 * inventories, every unit's roster, the 关基 and 非涉密 flags, a 实网攻防 period with its findings, official documents of
 * all four kinds (the 通报 with its signed scan), every register's Excel export, and the annual report as PDF and Word.
 */
@AppTest
class DemoCityLedgersTests {
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired MutableClock clock;

    private ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(mvc);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void issue22_theDemoCityHoldsDataForEveryLedger() throws Exception {
        // point 1: asset and exposure inventories (hosts, NAT, ports, domains with their ICP filing, middleware)
        assertThat(jdbc.sql("select distinct kind from systems_inventory").query(String.class).list())
                .contains("HOST", "NAT", "PORT", "DOMAIN", "MIDDLEWARE");
        // point 2: every demo unit's roster, and this year's letters of all but one
        JsonNode rosters = ApiClient.body(api.call("supervisor", get("/api/v1/roster")));
        long filed = 0;
        long signed = 0;
        for (JsonNode r : rosters) {
            if (r.get("orgName").asString().startsWith("包头市")) {
                filed += r.get("filed").asBoolean() ? 1 : 0;
                signed += r.get("signedThisYear").asBoolean() ? 1 : 0;
            }
        }
        assertThat(filed).isEqualTo(8);
        assertThat(signed).isEqualTo(7);
        // point 3: a 关基 system with its protection department, and the 非涉密 declarations
        assertThat(count("select count(*) from systems_system where cii = true")).isPositive();
        // point 4: the autumn 实网攻防 exercise with its findings, and the coming 重保 period
        assertThat(jdbc.sql("select distinct kind from supervision_period").query(String.class).list()).contains("EXERCISE", "PROTECTION");
        assertThat(count("select count(*) from supervision_period_finding")).isEqualTo(3);
        // point 7: official documents of the four kinds, the 通报 with its signed scan attached
        Map<String, Long> kinds = new java.util.HashMap<>();
        jdbc.sql("select kind, count(*) n from documents_official group by kind").query((rs, i) -> kinds.put(rs.getString(1), rs.getLong(2))).list();
        assertThat(kinds.keySet()).contains("AGREEMENT", "AUTHORISATION", "RECTIFICATION_FEEDBACK", "NOTICE");
        assertThat(count("select count(*) from documents_official where kind = 'NOTICE' and scan_file_id is not null")).isPositive();
    }

    @Test
    void issue22_5_everyRegisterOfTheDemoCityExportsToExcel() throws Exception {
        long system = jdbc.sql("select system_id from systems_inventory order by id").query(Long.class).list().get(0);
        for (String url : List.of("/api/v1/systems/export.xlsx", "/api/v1/incidents/export.xlsx", "/api/v1/hazards/export.xlsx",
                "/api/v1/alerts/export.xlsx", "/api/v1/findings/export.xlsx", "/api/v1/duties/export.xlsx", "/api/v1/access/visits/export.xlsx",
                "/api/v1/access/channels/export.xlsx", "/api/v1/access/grants/export.xlsx", "/api/v1/access/accounts/export.xlsx",
                "/api/v1/roster/export.xlsx", "/api/v1/systems/" + system + "/assets/export.xlsx")) {
            MvcResult r = api.call("supervisor", get(url));
            assertThat(r.getResponse().getStatus()).as(url).isEqualTo(200);
            try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(r.getResponse().getContentAsByteArray()))) {
                assertThat(book.getSheetAt(0).getPhysicalNumberOfRows()).as(url).isGreaterThanOrEqualTo(2); // title and header at least
            }
        }
    }

    @Test
    void issue22_6_theDemoCitysAnnualReportRendersAsPdfAndWord() throws Exception {
        int year = LocalDate.now(clock.withZone(TimeConfiguration.CITY_ZONE)).getYear();
        MvcResult pdf = api.call("supervisor", get("/api/v1/annual-reports/" + year + "/pdf"));
        assertThat(pdf.getResponse().getStatus()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(pdf.getResponse().getContentAsByteArray())) {
            assertThat(new PDFTextStripper().getText(doc)).contains("政务云安全运行报告", "包头市大数据中心", "等保测评覆盖率");
        }
        MvcResult docx = api.call("supervisor", get("/api/v1/annual-reports/" + year + "/docx"));
        assertThat(docx.getResponse().getStatus()).isEqualTo(200);
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx.getResponse().getContentAsByteArray()))) {
            String text = String.join("\n", doc.getParagraphs().stream().map(p -> p.getText()).toList());
            assertThat(text).contains("政务云安全运行报告");
            assertThat(new String(docx.getResponse().getContentAsByteArray(), 0, 2, StandardCharsets.US_ASCII)).isEqualTo("PK");
        }
    }
}
