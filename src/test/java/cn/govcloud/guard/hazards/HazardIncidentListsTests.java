package cn.govcloud.guard.hazards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.documents.SheetExport;
import cn.govcloud.guard.security.DemoActors;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;

/**
 * Issue 23 point 11 for the hazard (A10.2), intake (A10.1) and incident (A10.4, A10.5) lists: the keyword is searched in
 * SQL with the filters, the Excel export holds exactly the rows the list shows, a unit sees only its own in both, and a
 * filter value that cannot be read is a 400 naming it (a problem in the API, a message beside the filter on the page).
 * Issue 23 point 9: the incident's report forms put each refusal beside its field and keep what was typed.
 */
@AppTest
class HazardIncidentListsTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    private ApiClient api;
    /** A word no other test writes, so the counts below are this test's rows only. */
    private final String token = "检索" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);

    @BeforeEach
    void client() {
        api = new ApiClient(mvc);
    }

    private RequestPostProcessor as(String user) {
        return authentication(DemoActors.authentication(jdbc, user));
    }

    private MvcResult page(String path, String user) throws Exception {
        return mvc.perform(get(path).with(as(user))).andReturn();
    }

    private static String html(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private long systemOf(String user) {
        return jdbc.sql("select s.id from systems_system s join identity_user u on u.org_id = s.org_id where u.username = :u order by s.id")
                .param("u", user).query(Long.class).list().get(0);
    }

    private long orgOf(String user) {
        return jdbc.sql("select org_id from identity_user where username = :u").param("u", user).query(Long.class).single();
    }

    private String raise(String unit, String title, String severity) throws Exception {
        MvcResult r = mvc.perform(post("/hazards").with(as("supervisor")).with(csrf()).param("title", title).param("severity", severity)
                .param("systemId", String.valueOf(systemOf(unit))).param("source", "INSPECTION").param("description", "列表测试")).andReturn();
        assertThat(r.getResponse().getStatus()).as(html(r)).isEqualTo(302);
        return r.getResponse().getRedirectedUrl();
    }

    /** The export's data rows (the title, header and total rows left off), each as its cells' text. */
    private List<List<String>> rows(String path, String user) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(path).with(as(user))).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).isEqualTo(SheetExport.MEDIA_TYPE);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(response.getContentAsByteArray()))) {
            Sheet sheet = book.getSheetAt(0);
            List<List<String>> rows = new ArrayList<>();
            rows.add(cells(sheet.getRow(1)));
            for (int r = 2; r < sheet.getLastRowNum(); r++) {
                rows.add(cells(sheet.getRow(r)));
            }
            return rows;
        }
    }

    private static List<String> cells(Row row) {
        List<String> values = new ArrayList<>();
        row.forEach(cell -> values.add(cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                ? String.valueOf((long) cell.getNumericCellValue()) : cell.getStringCellValue()));
        return values;
    }

    @Test
    void A10_2_hazardList_searchesFiltersAndExportsExactlyWhatItShows_aUnitOnlyItsOwn() throws Exception {
        String high = raise("unit1", token + "·弱口令", "HIGH");
        raise("unit1", token + "·目录遍历", "LOW");
        raise("unit2", token + "·未授权访问", "HIGH");
        // issue 23 point 9: the notice says what happens next
        MvcResult created = mvc.perform(post("/hazards").with(as("supervisor")).with(csrf()).param("title", token + "·提示")
                .param("severity", "MEDIUM").param("systemId", String.valueOf(systemOf("unit1")))).andReturn();
        assertThat((String) created.getFlashMap().get("done")).startsWith("已下发隐患通知").contains("个工作日内", "反馈整改");

        String list = html(page("/hazards?q=" + token + "&size=50", "supervisor"));
        assertThat(list).contains(token + "·弱口令", token + "·目录遍历", token + "·未授权访问", token + "·提示")
                .contains("共 4 条").contains("<option value=\"50\" selected=\"selected\">50</option>");
        // the keyword with a filter, the export link carries both
        String filtered = html(page("/hazards?q=" + token + "&severity=HIGH", "supervisor"));
        assertThat(filtered).contains(token + "·弱口令", token + "·未授权访问").doesNotContain(token + "·目录遍历").contains("共 2 条");
        assertThat(filtered).contains("/hazards/export.xlsx?q=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8).replace("+", "%20")
                + "&amp;severity=HIGH");
        // the unit's name and the number find hazards too
        assertThat(html(page("/hazards?q=" + high.substring(high.lastIndexOf('/') + 1), "supervisor"))).contains(token + "·弱口令");
        assertThat(html(page("/hazards?q=YH-" + high.substring(high.lastIndexOf('/') + 1), "supervisor"))).contains(token + "·弱口令");

        List<List<String>> sheet = rows("/hazards/export.xlsx?q=" + token + "&severity=HIGH", "supervisor");
        int title = sheet.get(0).indexOf("隐患名称");
        assertThat(sheet.subList(1, sheet.size()).stream().map(r -> r.get(title)))
                .containsExactlyInAnyOrder(token + "·弱口令", token + "·未授权访问");
        List<List<String>> unit2 = rows("/hazards/export.xlsx?q=" + token, "unit2");
        assertThat(unit2.subList(1, unit2.size()).stream().map(r -> r.get(title))).containsExactly(token + "·未授权访问");
        assertThat(html(page("/hazards?q=" + token, "unit2"))).contains(token + "·未授权访问").doesNotContain(token + "·弱口令");
        // a unit's filter by another unit finds nothing of the other's
        assertThat(html(page("/hazards?q=" + token + "&orgId=" + orgOf("unit1"), "unit2"))).doesNotContain(token + "·弱口令");

        // the API: the same keyword and filters, optional
        JsonNode json = ApiClient.body(api.call("supervisor", get("/api/v1/hazards?q=" + token + "&severity=HIGH")));
        assertThat(json.path("total").asLong()).isEqualTo(2);
        JsonNode unitJson = ApiClient.body(api.call("unit2", get("/api/v1/hazards?q=" + token)));
        assertThat(unitJson.path("total").asLong()).isEqualTo(1);

        // bad filter values: 400 naming the field, never a 500 and never "any"
        MvcResult bad = api.call("supervisor", get("/api/v1/hazards?from=2026-13-01&status=maybe"));
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        JsonNode problem = ApiClient.body(bad);
        assertThat(problem.path("errors").path("from").asString()).contains("2026-12-08"); // list.error.date: 年-月-日，例如 2026-12-08
        assertThat(problem.path("errors").has("status")).isTrue();
        assertThat(mvc.perform(get("/hazards/export.xlsx?age=forever").with(as("supervisor"))).andReturn().getResponse().getStatus()).isEqualTo(400);
        MvcResult badPage = page("/hazards?to=2026-01-01&from=2026-02-01&size=7000", "supervisor");
        assertThat(badPage.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(badPage)).contains("查询条件有误", "结束日期不能早于开始日期", "每页条数只能是 20、50 或 100", "f-to-error");
    }

    @Test
    void A10_4_incidentList_showsTheUnit_searchesAndExportsTheFilteredRows_aUnitOnlyItsOwn() throws Exception {
        Instant confirmed = clock.instant().minusSeconds(3600);
        long one = incident("unit1", token + "·门户篡改", "IV", confirmed);
        incident("unit1", token + "·数据库宕机", "IV", confirmed.minusSeconds(86_400 * 40));
        incident("unit2", token + "·邮件钓鱼", "IV", confirmed);
        String unit1Name = jdbc.sql("select name from identity_organisation where id = :id").param("id", orgOf("unit1")).query(String.class).single();

        String list = html(page("/incidents?q=" + token, "supervisor"));
        assertThat(list).contains(token + "·门户篡改", token + "·数据库宕机", token + "·邮件钓鱼", "所属单位", unit1Name, "共 3 条");
        String day = java.time.LocalDate.ofInstant(confirmed, java.time.ZoneId.of("Asia/Shanghai")).toString();
        String ranged = "/incidents?q=" + token + "&from=" + day + "&to=" + day + "&orgId=" + orgOf("unit1");
        assertThat(html(page(ranged, "supervisor"))).contains(token + "·门户篡改").doesNotContain(token + "·数据库宕机", token + "·邮件钓鱼");
        List<List<String>> sheet = rows(ranged.replace("/incidents?", "/incidents/export.xlsx?"), "supervisor");
        int title = sheet.get(0).indexOf("事件名称");
        int unit = sheet.get(0).indexOf("所属单位");
        assertThat(sheet.subList(1, sheet.size())).hasSize(1);
        assertThat(sheet.get(1).get(title)).isEqualTo(token + "·门户篡改");
        assertThat(sheet.get(1).get(unit)).isEqualTo(unit1Name);
        List<List<String>> unit2 = rows("/incidents/export.xlsx?q=" + token, "unit2");
        assertThat(unit2.subList(1, unit2.size()).stream().map(r -> r.get(title))).containsExactly(token + "·邮件钓鱼");
        assertThat(html(page("/incidents?q=" + token, "unit2"))).contains(token + "·邮件钓鱼").doesNotContain(token + "·门户篡改");

        JsonNode json = ApiClient.body(api.call("supervisor", get("/api/v1/incidents?q=" + token + "&orgId=" + orgOf("unit1"))));
        assertThat(json.size()).isEqualTo(2);
        MvcResult bad = api.call("supervisor", get("/api/v1/incidents?grade=V&month=2026-13"));
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(ApiClient.body(bad).path("errors").has("grade")).isTrue();
        MvcResult badPage = page("/incidents?status=CLOSED", "supervisor");
        assertThat(badPage.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(badPage)).contains("没有这个选项", "f-status-error");

        // issue 23 point 9: the initial report's refusals beside their fields, what was typed kept, after a redirect (PRG)
        MvcResult refused = mvc.perform(post("/incidents/" + one + "/reports").with(as("unit1")).with(csrf()).param("kind", "INITIAL")
                .param("summary", "").param("measures", "已隔离主机").param("reporter", "")).andReturn();
        assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/incidents/" + one);
        String detail = html(mvc.perform(get("/incidents/" + one).with(as("unit1")).cookie(refused.getResponse().getCookies())).andReturn());
        assertThat(detail).contains("initial-summary-error", "initial-reporter-error", ">已隔离主机</textarea>");
    }

    private long incident(String user, String title, String grade, Instant confirmedAt) throws Exception {
        MvcResult r = api.json(user, post("/api/v1/incidents"), """
                {"systemId": %d, "grade": "%s", "category": "NETWORK_ATTACK", "subType": "NETWORK_ATTACK.DOS", "title": "%s",
                 "confirmedAt": "%s", "discoveredAt": "%s", "description": "列表测试", "impact": "无"}"""
                .formatted(systemOf(user), grade, title, confirmedAt, confirmedAt.minusSeconds(600)));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        return ApiClient.body(r).path("id").asLong();
    }

    @Test
    void A10_1_intakeLists_searchByKeywordUnitAndTime_exportTheSame_badValuesRefused() throws Exception {
        long system = systemOf("unit1");
        jdbc.sql("insert into intake_alert (source, title, severity, first_at, last_at, state, received_at, received_by, system_id, org_id) "
                        + "values ('SYSLOG', :t, 'HIGH', :at, :at, 'OPEN', :at, 'test', :s, :o)")
                .param("t", token + " SQL注入尝试").param("at", java.sql.Timestamp.from(clock.instant())).param("s", system)
                .param("o", orgOf("unit1")).update();
        String list = html(page("/intake/alerts?q=" + token.substring(2) + "&size=20", "supervisor"));
        assertThat(list).contains(token + " SQL注入尝试", "所属单位");
        List<List<String>> sheet = rows("/intake/alerts/export.xlsx?q=" + token + "&orgId=" + orgOf("unit1"), "supervisor");
        assertThat(sheet).hasSize(2);
        assertThat(rows("/intake/alerts/export.xlsx?q=" + token, "unit2")).hasSize(1);
        assertThat(html(page("/intake/alerts?q=" + token, "unit2"))).doesNotContain(token + " SQL注入尝试");
        JsonNode json = ApiClient.body(api.call("unit1", get("/api/v1/alerts?q=" + token)));
        assertThat(json.path("items").size()).isEqualTo(1);
        assertThat(api.call("supervisor", get("/api/v1/alerts?from=yesterday")).getResponse().getStatus()).isEqualTo(400);
        MvcResult badPage = page("/intake/findings?severity=SEVERE", "supervisor");
        assertThat(badPage.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(badPage)).contains("没有这个选项");
    }
}
