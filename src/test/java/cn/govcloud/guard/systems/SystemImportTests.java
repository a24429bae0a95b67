package cn.govcloud.guard.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.security.DemoActors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Issue 4: importing a unit's inventory from an .xlsx, all rows or none; hostile files refused and nothing changed. */
@AppTest
class SystemImportTests {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String[] HEADER = {"名称", "用途", "等级保护级别", "备案编号", "责任人", "责任人手机", "网络暴露面", "地址与资产"};

    @Autowired
    MockMvc mvc;

    private final ApiClient api = new ApiClient(() -> mvc);

    @Autowired
    void client(MockMvc mvc) {
    }

    @Autowired
    JdbcClient jdbc;

    private MvcResult upload(String user, byte[] content) throws Exception {
        return api.call(user, multipart("/api/v1/systems/import").file(new MockMultipartFile("file", "inventory.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", content)));
    }

    private MvcResult getAs(String user, String path) throws Exception {
        return api.call(user, get(path));
    }

    private long count() {
        return jdbc.sql("select count(*) from systems_system").query(Long.class).single();
    }

    static byte[] xlsx(Object[]... rows) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            fill(wb, rows);
            wb.write(out);
            return out.toByteArray();
        }
    }

    static void fill(Workbook wb, Object[]... rows) {
        Sheet sheet = wb.createSheet("系统登记");
        Row header = sheet.createRow(0);
        for (int i = 0; i < HEADER.length; i++) {
            header.createCell(i).setCellValue(HEADER[i]);
        }
        for (int r = 0; r < rows.length; r++) {
            Row row = sheet.createRow(r + 1);
            for (int c = 0; c < rows[r].length; c++) {
                Object v = rows[r][c];
                if (v instanceof Number) {
                    row.createCell(c).setCellValue(((Number) v).doubleValue());
                } else if (v instanceof String && ((String) v).startsWith("=")) {
                    row.createCell(c).setCellFormula(((String) v).substring(1));
                } else if (v != null) {
                    row.createCell(c).setCellValue((String) v);
                }
            }
        }
    }

    static Object[] row(String name, Object level, Object mobile, String exposure) {
        return new Object[] {name, "导入测试", level, "15020099999-00002", "张三", mobile, exposure, "10.30.1.5；web.import.example.gov.cn\n10.30.2.0/24"};
    }

    @Test
    void aValidFileImportsDraftsOfTheUnitOnly() throws Exception {
        MvcResult r = upload("unit1", xlsx(row("导入系统甲", 3, "13812345678", "互联网；GOV_EXTRANET"),
                row("导入系统乙", "2", null, "DEPARTMENT_PRIVATE"), row("导入系统丙", 1, 13912345678L, "政务外网,互联网")));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        JsonNode b = ApiClient.body(r);
        assertThat(b.get("imported").asInt()).isEqualTo(3);
        List<Long> ids = new ArrayList<>();
        b.get("ids").forEach(id -> ids.add(id.asLong()));
        assertThat(ids).hasSize(3);
        long unit1 = jdbc.sql("select org_id from identity_user where username = 'unit1'").query(Long.class).single();
        for (long id : ids) {
            MvcResult s = getAs("unit1", "/api/v1/systems/" + id);
            assertThat(s.getResponse().getStatus()).isEqualTo(200);
            assertThat(ApiClient.body(s).get("status").asString()).isEqualTo("DRAFT");
            assertThat(ApiClient.body(s).get("unitId").asLong()).isEqualTo(unit1);
            assertThat(getAs("unit2", "/api/v1/systems/" + id).getResponse().getStatus()).isEqualTo(404);
        }
        JsonNode first = ApiClient.body(getAs("unit1", "/api/v1/systems/" + ids.get(0)));
        assertThat(first.get("exposure").toString()).contains("INTERNET", "GOV_EXTRANET");
        assertThat(first.get("addresses").toString()).contains("10.30.1.5", "web.import.example.gov.cn", "10.30.2.0/24");
    }

    @Test
    void badRowsAreAllListedAndNothingIsSaved() throws Exception {
        long before = count();
        MvcResult r = upload("unit1", xlsx(row("好的一行", 3, "13812345678", "INTERNET"), row("级别错", 9, "12345", "INTERNET"),
                row("", 2, null, "")));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(422);
        JsonNode errors = ApiClient.body(r).get("errors");
        List<String> found = new ArrayList<>();
        errors.forEach(e -> found.add(e.get("row").asInt() + ":" + e.get("column").asString()));
        assertThat(found).containsExactlyInAnyOrder("3:等级保护级别", "3:责任人手机", "4:名称", "4:网络暴露面");
        errors.forEach(e -> assertThat(e.get("message").asString()).isNotBlank());
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void formulasAreRefusedNotEvaluated() throws Exception {
        long before = count();
        MvcResult r = upload("unit1", xlsx(row("公式行", "=1+2", "13812345678", "INTERNET")));
        assertThat(r.getResponse().getStatus()).isEqualTo(422);
        JsonNode e = ApiClient.body(r).get("errors").get(0);
        assertThat(e.get("row").asInt()).isEqualTo(2);
        assertThat(e.get("column").asString()).isEqualTo("等级保护级别");
        assertThat(e.get("message").asString()).isEqualTo("公式不被接受");
        assertThat(ApiClient.body(r).get("errors")).hasSize(1);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void aPdfNamedXlsxAnEmptyFileAndAHeaderOnlyFileAreRefused() throws Exception {
        long before = count();
        assertThat(upload("unit1", "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)).getResponse().getStatus()).isEqualTo(400);
        assertThat(upload("unit1", new byte[0]).getResponse().getStatus()).isEqualTo(400);
        assertThat(upload("unit1", xlsx()).getResponse().getStatus()).isEqualTo(400);
        assertThat(upload("unit1", new byte[] {'P', 'K', 3, 4, 0, 0, 0}).getResponse().getStatus()).isEqualTo(400);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void aZipBombIsRefused() throws Exception {
        long before = count();
        byte[] valid = xlsx(row("炸弹", 3, null, "INTERNET"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(valid)); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                zip.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    int end = xml.lastIndexOf("</worksheet>");
                    zip.write(xml.substring(0, end).getBytes(StandardCharsets.UTF_8));
                    byte[] spaces = new byte[1024 * 1024];
                    java.util.Arrays.fill(spaces, (byte) ' ');
                    for (int i = 0; i < 50; i++) {
                        zip.write(spaces);
                    }
                    zip.write(xml.substring(end).getBytes(StandardCharsets.UTF_8));
                } else {
                    zip.write(content);
                }
                zip.closeEntry();
            }
        }
        assertThat(out.size()).isLessThan(1024 * 1024);
        MvcResult r = upload("unit1", out.toByteArray());
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(400);
        assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("压缩炸弹");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void tooManyRowsAreRefusedEarly() throws Exception {
        long before = count();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SXSSFWorkbook wb = new SXSSFWorkbook(100)) {
            Sheet sheet = wb.createSheet("系统登记");
            sheet.createRow(0).createCell(0).setCellValue("名称");
            for (int i = 1; i <= 100_000; i++) {
                Row row = sheet.createRow(i);
                row.createCell(0).setCellValue("系统" + i);
                row.createCell(2).setCellValue(3);
            }
            wb.write(out);
        }
        MvcResult r = upload("unit1", out.toByteArray());
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(400);
        assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).containsIgnoringCase("too many rows");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void unit2ImportsIntoUnit2() throws Exception {
        MvcResult r = upload("unit2", xlsx(row("单位二导入系统", 2, null, "INTERNET")));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        long id = ApiClient.body(r).get("ids").get(0).asLong();
        long unit2 = jdbc.sql("select org_id from identity_user where username = 'unit2'").query(Long.class).single();
        assertThat(jdbc.sql("select org_id from systems_system where id = :id").param("id", id).query(Long.class).single()).isEqualTo(unit2);
        assertThat(getAs("unit1", "/api/v1/systems/" + id).getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void theTemplateDownloadsAndTheFormRendersForUnitUsers() throws Exception {
        MvcResult t = getAs("unit1", "/api/v1/systems/import/template");
        assertThat(t.getResponse().getStatus()).isEqualTo(200);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(t.getResponse().getContentAsByteArray()))) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(2);
            Row header = wb.getSheetAt(0).getRow(0);
            for (int i = 0; i < HEADER.length; i++) {
                assertThat(header.getCell(i).getStringCellValue()).isEqualTo(HEADER[i]);
            }
        }
        var unit1 = authentication(DemoActors.authentication(jdbc, "unit1"));
        MvcResult page = mvc.perform(get("/systems/import/template.xlsx").with(unit1)).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        assertThat(page.getResponse().getContentType()).contains("spreadsheetml");
        String html = mvc.perform(get("/systems").with(unit1)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("system-import-form", "/systems/import/template.xlsx");
        String supervisor = mvc.perform(get("/systems").with(authentication(DemoActors.authentication(jdbc, "supervisor")))).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(supervisor).doesNotContain("system-import-form");
        assertThat(getAs("supervisor", "/api/v1/systems/import/template").getResponse().getStatus()).isEqualTo(403);

        long before = count();
        MvcResult bad = mvc.perform(multipart("/systems/import").file(new MockMultipartFile("file", "x.xlsx", "application/octet-stream",
                xlsx(row("页面导入", 7, null, "INTERNET")))).with(unit1).with(csrf())).andReturn();
        assertThat(bad.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("import-errors", "等级保护级别");
        assertThat(count()).isEqualTo(before);
        MvcResult ok = mvc.perform(multipart("/systems/import").file(new MockMultipartFile("file", "x.xlsx", "application/octet-stream",
                xlsx(row("页面导入", 3, null, "INTERNET")))).with(unit1).with(csrf())).andReturn();
        assertThat(ok.getResponse().getRedirectedUrl()).isEqualTo("/systems");
        assertThat(count()).isEqualTo(before + 1);
    }
}
