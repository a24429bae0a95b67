package cn.govcloud.guard.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.data.internal.DataImport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A8.2: the catalog's Excel import (row by row, all or nothing; hostile files refused cleanly) and export. */
@AppTest
class DataImportTests {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    String token;
    String systemName;
    long systemId;

    @BeforeEach
    void system() throws Exception {
        token = ApiClient.bearer(mvc, "unit1");
        systemName = "导入测试系统-" + UUID.randomUUID().toString().substring(0, 8);
        MvcResult r = mvc.perform(post("/api/v1/systems").header("Authorization", token).contentType(MediaType.APPLICATION_JSON).content("""
                {"name":"%s","mlpsLevel":2,"purpose":"导入","exposure":["GOV_EXTRANET"],"addresses":[]}""".formatted(systemName))).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(201);
        systemId = JSON.readTree(r.getResponse().getContentAsString()).get("id").asLong();
    }

    long count() {
        return jdbc.sql("select count(*) from data_dataset where system_id = :s").param("s", systemId).query(Long.class).single();
    }

    static byte[] workbook(List<String> header, List<List<Object>> rows) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("目录");
            Row h = sheet.createRow(0);
            for (int i = 0; i < header.size(); i++) {
                h.createCell(i).setCellValue(header.get(i));
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Object v = rows.get(r).get(c);
                    if (v instanceof String s && s.startsWith("=")) {
                        row.createCell(c).setCellFormula(s.substring(1));
                    } else if (v != null) {
                        row.createCell(c).setCellValue(String.valueOf(v));
                    }
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    List<Object> row(String name, String grade, String parts) {
        return List.of(systemName, name, "描述", "教育", "10万条", "政务云 B 区", grade, "社会秩序", "一般危害", "", parts);
    }

    MvcResult upload(byte[] content) throws Exception {
        return mvc.perform(multipart("/api/v1/data/import").file(new MockMultipartFile("file", "目录.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", content)).header("Authorization", token)).andReturn();
    }

    @Test
    void a8_2_importsEveryRow_andExportsThemBack() throws Exception {
        MvcResult r = upload(workbook(DataImport.COLUMNS, List.of(
                row("学籍库", "重要数据", "学生身份证号/敏感个人信息/重要数据；姓名/个人信息/一般数据3级"),
                row("课程库", "", "课程表/业务数据/一般数据1级"))));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
        assertThat(JSON.readTree(r.getResponse().getContentAsString()).get("imported").asInt()).isEqualTo(2);
        assertThat(jdbc.sql("select grade from data_dataset where system_id = :s order by name").param("s", systemId).query(String.class).list())
                .containsExactlyInAnyOrder("GENERAL_1", "IMPORTANT");

        MvcResult export = mvc.perform(get("/api/v1/data/datasets/export").header("Authorization", token)).andReturn();
        assertThat(export.getResponse().getStatus()).isEqualTo(200);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(export.getResponse().getContentAsByteArray()))) {
            Sheet sheet = wb.getSheetAt(0);
            boolean found = false;
            for (Row row : sheet) {
                if (row.getRowNum() > 0 && "学籍库".equals(row.getCell(1).getStringCellValue())
                        && systemName.equals(row.getCell(0).getStringCellValue())) {
                    found = true;
                    assertThat(row.getCell(6).getStringCellValue()).isEqualTo("重要数据");
                    assertThat(row.getCell(10).getStringCellValue()).contains("学生身份证号/敏感个人信息/重要数据");
                }
            }
            assertThat(found).isTrue();
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("系统");
        }
    }

    @Test
    void a8_2_oneWrongRowImportsNothing_everyErrorNamedByRowAndColumn() throws Exception {
        MvcResult r = upload(workbook(DataImport.COLUMNS, List.of(
                row("好的一行", "重要数据", ""),
                row("就高从严", "一般数据2级", "身份证号/敏感个人信息/重要数据"),
                row("", "核心", ""))));
        assertThat(r.getResponse().getStatus()).isEqualTo(422);
        JsonNode errors = JSON.readTree(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).get("errors");
        assertThat(errors.toString()).contains("\"row\":3").contains("数据级别").contains("就高从严").contains("\"row\":4").contains("数据集名称");
        assertThat(count()).as("all or nothing").isZero();
    }

    @Test
    void a8_2_hostileFiles_formulas_100kRows_wrongColumns_notXlsx_areRefusedCleanly() throws Exception {
        MvcResult formula = upload(workbook(DataImport.COLUMNS, List.of(
                List.of(systemName, "=HYPERLINK(\"http://evil.example\",\"x\")", "描述", "教育", "1", "B区", "重要数据", "社会秩序", "一般危害"))));
        assertThat(formula.getResponse().getStatus()).isEqualTo(422);
        assertThat(formula.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("不接受公式");

        MvcResult columns = upload(workbook(List.of("name", "grade", "description"), List.of(List.of("x", "重要数据", "y"))));
        assertThat(columns.getResponse().getStatus()).isEqualTo(400);
        assertThat(columns.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("列名与模板不一致");

        byte[] big;
        try (SXSSFWorkbook wb = new SXSSFWorkbook(100); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("目录");
            Row h = sheet.createRow(0);
            for (int i = 0; i < DataImport.COLUMNS.size(); i++) {
                h.createCell(i).setCellValue(DataImport.COLUMNS.get(i));
            }
            for (int r = 1; r <= 100_000; r++) {
                sheet.createRow(r).createCell(1).setCellValue("行" + r);
            }
            wb.write(out);
            big = out.toByteArray();
        }
        MvcResult rows = upload(big);
        assertThat(rows.getResponse().getStatus()).as(rows.getResponse().getContentAsString()).isEqualTo(400);
        assertThat(rows.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("行数超过上限");

        MvcResult notXlsx = upload("名称,级别\n学籍库,重要数据\n".getBytes(StandardCharsets.UTF_8));
        assertThat(notXlsx.getResponse().getStatus()).isEqualTo(400);
        assertThat(count()).isZero();
    }
}
