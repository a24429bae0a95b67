package cn.govcloud.guard.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.security.DemoActors;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Issue 22 point 5: Excel out of every register and list. Each export is opened with POI: Chinese headers, the rows the
 * page's filters select (and for a unit only its own), personal numbers masked unless the reader may see them, and an
 * audit record naming the list, the filters and the row count.
 */
@AppTest
class ExcelExportsTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    private RequestPostProcessor as(String user) {
        return authentication(DemoActors.authentication(jdbc, user));
    }

    /** The workbook's title row, header row and data rows (the last row, the total, left off). */
    record Sheet2(String title, List<String> headers, List<List<String>> rows) {
        List<String> column(String header) {
            int c = headers.indexOf(header);
            assertThat(c).as("column " + header + " in " + headers).isNotNegative();
            return rows.stream().map(r -> r.size() > c ? r.get(c) : "").toList();
        }
    }

    Sheet2 export(String path, String user) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(path).with(as(user))).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(response.getContentType()).isEqualTo(SheetExport.MEDIA_TYPE);
        assertThat(response.getHeader("Content-Disposition")).startsWith("attachment;");
        return read(response.getContentAsByteArray());
    }

    static Sheet2 read(byte[] xlsx) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheetAt(0);
            String title = sheet.getRow(0).getCell(0).getStringCellValue();
            List<String> headers = cells(sheet.getRow(1));
            List<List<String>> rows = new ArrayList<>();
            for (int r = 2; r < sheet.getLastRowNum(); r++) {
                rows.add(cells(sheet.getRow(r)));
            }
            assertThat(cells(sheet.getRow(sheet.getLastRowNum())).get(0)).isEqualTo("共 " + String.format("%,d", rows.size()) + " 行");
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            return new Sheet2(title, headers, rows);
        }
    }

    private static List<String> cells(Row row) {
        List<String> values = new ArrayList<>();
        for (int c = 0; c < row.getLastCellNum(); c++) {
            var cell = row.getCell(c);
            values.add(cell == null ? "" : cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                    ? String.valueOf((long) cell.getNumericCellValue()) : cell.getStringCellValue());
        }
        return values;
    }

    private long orgId(String name) {
        return jdbc.sql("select id from identity_organisation where name = :n").param("n", name).query(Long.class).single();
    }

    private String lastAudit(String action, String actor) {
        return jdbc.sql("select details from audit_record where action = :a and actor = :u order by id desc limit 1").param("a", action)
                .param("u", actor).query(String.class).single();
    }

    private static boolean chinese(String s) {
        return s.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    @Test
    void A7_systemsRegister_filtersOfThePage_unitOnlyItsOwn_audited() throws Exception {
        Sheet2 all = export("/systems/export.xlsx", "supervisor");
        assertThat(all.headers()).contains("系统名称", "所属单位", "等级保护级别", "责任人手机").allMatch(ExcelExportsTests::chinese);
        assertThat(all.title()).contains("信息系统台账", "导出人", "筛选条件：无");
        assertThat(all.rows()).hasSize(jdbc.sql("select count(*) from systems_system").query(Integer.class).single());
        assertThat(lastAudit("systems.export", "supervisor")).contains("rows=" + all.rows().size(), "masked");

        Sheet2 admitted = export("/systems/export.xlsx?state=ADMITTED&level=", "supervisor");
        assertThat(admitted.rows()).hasSize(jdbc.sql("select count(*) from systems_system where state = 'ADMITTED'").query(Integer.class).single());
        assertThat(admitted.column("状态")).allMatch(s -> s.startsWith("已准入"));
        assertThat(admitted.title()).contains("状态=已准入");

        Sheet2 unit = export("/systems/export.xlsx", "unit1");
        long org = jdbc.sql("select org_id from identity_user where username = 'unit1'").query(Long.class).single();
        assertThat(unit.rows()).hasSize(jdbc.sql("select count(*) from systems_system where org_id = :o").param("o", org).query(Integer.class).single());
        assertThat(unit.column("所属单位")).containsOnly("包头市教育局");
        assertThat(unit.column("责任人手机")).allMatch(m -> m.isEmpty() || m.contains("****"));

        // the same over the API with a token
        byte[] api = new ApiClient(mvc).call("supervisor", get("/api/v1/systems/export.xlsx?state=ADMITTED")).getResponse().getContentAsByteArray();
        assertThat(read(api).rows()).hasSize(admitted.rows().size());
    }
}
