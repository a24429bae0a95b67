package cn.govcloud.guard.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.data.DataSecurity.Grade;
import cn.govcloud.guard.data.DataSecurity.HarmObject;
import cn.govcloud.guard.data.DataSecurity.HarmSeverity;
import cn.govcloud.guard.data.DataSecurity.NewDataset;
import cn.govcloud.guard.data.DataSecurity.Part;
import cn.govcloud.guard.data.DataSecurity.PartKind;
import cn.govcloud.guard.security.DemoActors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The data pages: a unit sees only its own catalog (A4, A8.2); the supervisor's views list every unit's important data and findings. */
@AppTest
class DataPagesTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSecurity data;

    String page(String user, String path) throws Exception {
        MvcResult r = mvc.perform(get(path).with(authentication(DemoActors.authentication(jdbc, user)))).andReturn();
        assertThat(r.getResponse().getStatus()).as(user + " " + path).isEqualTo(200);
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    long unit1Important(String name) {
        var previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "unit1"));
        try {
            long org = jdbc.sql("select org_id from identity_user where username = 'unit1'").query(Long.class).single();
            long system = jdbc.sql("select min(id) from systems_system where org_id = :o and state <> 'EXITED'").param("o", org).query(Long.class).single();
            return data.catalog(new NewDataset(system, name, "页面测试", "教育", "1万条", "B区", null, HarmObject.SOCIAL_ORDER, HarmSeverity.GENERAL, null,
                    List.of(new Part("身份证号", PartKind.SENSITIVE_PERSONAL, Grade.IMPORTANT))));
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }

    @Test
    void a8_2_a4_unitPagesShowOnlyTheOwnUnit_supervisorSeesImportantDataAndFindingsOfAll() throws Exception {
        String name = "页面测试数据集-" + UUID.randomUUID().toString().substring(0, 8);
        long id = unit1Important(name);
        // the lists are paged (issue 23 point 11): each looks for the set by its name, as a reader would
        String q = "?q=" + name;
        assertThat(page("unit1", "/data" + q)).contains(name);
        assertThat(page("unit1", "/data/datasets/" + id)).contains(name).contains("重要数据").contains("尚未制定备份策略");
        // (the keyword stands in the search box: another unit's page must not link the set nor count it)
        String link = "/data/datasets/" + id + "\"";
        assertThat(page("unit2", "/data" + q)).doesNotContain(link).contains("共 0 条");
        assertThat(page("unit2", "/data/important" + q)).doesNotContain(link).contains("共 0 条");
        assertThat(page("unit2", "/data/findings" + q)).doesNotContain(link).contains("共 0 条");
        assertThat(mvc.perform(get("/data/datasets/" + id).with(authentication(DemoActors.authentication(jdbc, "unit2")))).andReturn()
                .getResponse().getStatus()).isEqualTo(404);
        String important = page("supervisor", "/data/important" + q);
        assertThat(important).contains(name).contains("包头市教育局");
        String findings = page("regulator", "/data/findings" + q);
        assertThat(findings).contains(name).contains("A8.2-backup-policy-check").contains("包头市教育局");
        assertThat(page("supervisor", "/data")).doesNotContain("data-new");
        assertThat(mvc.perform(get("/data").with(authentication(DemoActors.authentication(jdbc, "provider")))).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void a8_2_theFormRefusesALowerGradeThanAPartsWithTheReasonAndKeepsWhatWasTyped() throws Exception {
        long org = jdbc.sql("select org_id from identity_user where username = 'unit1'").query(Long.class).single();
        long system = jdbc.sql("select min(id) from systems_system where org_id = :o and state <> 'EXITED'").param("o", org).query(Long.class).single();
        String name = "表单测试-" + UUID.randomUUID().toString().substring(0, 8);
        MvcResult r = mvc.perform(post("/data/datasets").with(csrf()).with(authentication(DemoActors.authentication(jdbc, "unit1")))
                .param("systemId", String.valueOf(system)).param("name", name).param("description", "d").param("businessArea", "教育")
                .param("volume", "1").param("storageLocation", "B区").param("harmObject", "SOCIAL_ORDER").param("harmSeverity", "GENERAL")
                .param("grade", "GENERAL_2").param("partName0", "监护人手机号").param("partKind0", "SENSITIVE_PERSONAL").param("partGrade0", "GENERAL_4"))
                .andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        String html = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("A8.2").contains("就高从严").contains("监护人手机号").contains(name);
        assertThat(jdbc.sql("select count(*) from data_dataset where name = :n").param("n", name).query(Long.class).single()).isZero();
    }

    MvcResult call(String user, org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn();
    }

    org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder as(String user,
            org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) {
        return request.with(authentication(DemoActors.authentication(jdbc, user)));
    }

    @Test
    void issue23_11_theDataListsSearchInSqlFilterByUnitGradeAndStatePageAndExportExactlyTheRowsShown() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String name = "检索测试" + tag;
        long id = unit1Important(name);
        long unit1 = jdbc.sql("select org_id from identity_user where username = 'unit1'").query(Long.class).single();
        long unit2 = jdbc.sql("select org_id from identity_user where username = 'unit2'").query(Long.class).single();

        // the keyword finds the set by its name and by its part's name (SQL, the part's name in an exists)
        assertThat(page("unit1", "/data?q=" + tag)).contains(name).contains("共 1 条").contains("export.xlsx?q=" + tag);
        assertThat(page("supervisor", "/data?q=" + tag + "&grade=IMPORTANT&unit=" + unit1 + "&state=NO_POLICY")).contains(name);
        assertThat(page("supervisor", "/data?q=" + tag + "&unit=" + unit2)).doesNotContain(name).contains("共 0 条");
        assertThat(page("supervisor", "/data?q=" + tag + "&grade=GENERAL_1")).doesNotContain(name);
        assertThat(page("supervisor", "/data?q=" + tag + "&state=POLICY")).doesNotContain(name);
        assertThat(page("supervisor", "/data/important?q=" + tag + "&grade=IMPORTANT")).contains(name);
        assertThat(page("regulator", "/data/findings?q=" + tag + "&state=NO_POLICY")).contains(name);
        assertThat(page("regulator", "/data/findings?q=" + tag + "&state=MISSED_BACKUP")).doesNotContain(name);
        // a unit sees its own whatever unit it asks for (A4)
        assertThat(page("unit2", "/data?q=" + tag + "&unit=" + unit1)).doesNotContain(name);
        assertThat(page("unit1", "/data?size=50")).contains("每页条数");

        // a bad filter value is refused naming the parameter, never read as "any"
        for (String bad : List.of("/data?grade=SECRET", "/data?state=OPEN", "/data?due=week", "/data?size=7", "/data/important?grade=GENERAL_1",
                "/data/transfers?due=soon", "/data/findings?state=LATE")) {
            assertThat(call("supervisor", as("supervisor", get(bad))).getResponse().getStatus()).as(bad).isEqualTo(400);
        }

        // the export holds exactly the filtered rows: the import's columns, one row for the one set found
        MvcResult export = call("unit1", as("unit1", get("/data/export.xlsx?q=" + tag)));
        assertThat(export.getResponse().getStatus()).isEqualTo(200);
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(export.getResponse().getContentAsByteArray()))) {
            assertThat(wb.getSheetAt(0).getLastRowNum()).isEqualTo(1);
            assertThat(wb.getSheetAt(0).getRow(1).getCell(1).getStringCellValue()).isEqualTo(name);
        }
        for (String path : List.of("/data/important/export.xlsx?q=" + tag, "/data/transfers/export.xlsx?state=PLANNED",
                "/data/findings/export.xlsx?q=" + tag)) {
            MvcResult x = call("supervisor", as("supervisor", get(path)));
            assertThat(x.getResponse().getStatus()).as(path).isEqualTo(200);
            assertThat(x.getResponse().getContentType()).startsWith("application/vnd.openxmlformats");
        }
        assertThat(id).isPositive();
    }

    @Test
    void issue23_9_aSavedDataSetRedirectsWithWhatComesNext_aRefusedPolicyShowsTheErrorBesideItsFieldAndSavesNothing() throws Exception {
        long org = jdbc.sql("select org_id from identity_user where username = 'unit1'").query(Long.class).single();
        long system = jdbc.sql("select min(id) from systems_system where org_id = :o and state <> 'EXITED'").param("o", org).query(Long.class).single();
        String name = "跳转测试-" + UUID.randomUUID().toString().substring(0, 8);
        MvcResult saved = call("unit1", as("unit1", post("/data/datasets").with(csrf())).param("systemId", String.valueOf(system)).param("name", name)
                .param("description", "d").param("businessArea", "教育").param("volume", "1").param("storageLocation", "B区")
                .param("harmObject", "SOCIAL_ORDER").param("harmSeverity", "GENERAL").param("partName0", "学号").param("partKind0", "BUSINESS")
                .param("partGrade0", "GENERAL_2"));
        assertThat(saved.getResponse().getStatus()).isEqualTo(302);
        assertThat(saved.getResponse().getRedirectedUrl()).matches("/data/datasets/\\d+");
        assertThat(String.valueOf(saved.getFlashMap().get("done"))).contains(name).contains("备份策略");
        String url = saved.getResponse().getRedirectedUrl();

        MvcResult refused = call("unit1", as("unit1", post(url + "/backup-policy").with(csrf())).param("localCopy", "on")
                .param("everyHours", "abc").param("retentionDays", "30").param("rtoHours", "4").param("rpoHours", "24"));
        assertThat(refused.getResponse().getStatus()).isEqualTo(200);
        String html = refused.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("id=\"everyHours-error\"").contains("value=\"abc\"");
        long id = Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
        assertThat(jdbc.sql("select count(*) from data_backup_policy where dataset_id = :d").param("d", id).query(Long.class).single()).isZero();
    }
}
