package cn.govcloud.guard.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.security.DemoActors;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.supervision.inspections.Recording;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** A11.3 with issue 23 point 10: an inspection records several checklist items per save, all or none, and remembers its inspector. */
@AppTest
class InspectionRecordingTests {
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired Recording recording;

    MvcResult as(String user, MockHttpServletRequestBuilder req) throws Exception {
        return mvc.perform(req.with(authentication(DemoActors.authentication(jdbc, user))).with(csrf())).andReturn();
    }

    String html(MvcResult r) throws Exception {
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    long orgOf(String user) {
        return jdbc.sql("select org_id from identity_user where username = :u").param("u", user).query(Long.class).single();
    }

    /** A new inspection of unit1 and its system-level checklist items (a failure on one needs no further choice of system). */
    String inspection(String topic) throws Exception {
        MvcResult created = as("supervisor", post("/supervision/inspections").param("quarter", "2025-Q3").param("topic", topic)
                .param("unitIds", String.valueOf(orgOf("unit1"))));
        assertThat(created.getFlashMap().get("error")).isNull();
        return created.getResponse().getRedirectedUrl();
    }

    List<Long> systemItems(String location) {
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        return jdbc.sql("select id from supervision_inspection_item where inspection_id = :i and subject_kind = 'SYSTEM' order by id")
                .param("i", id).query(Long.class).list();
    }

    Map<String, Object> item(long itemId) {
        return jdbc.sql("select result, remark, inspector, recorded_by, hazard_id from supervision_inspection_item where id = :id")
                .param("id", itemId).query().singleRow();
    }

    MockHttpServletRequestBuilder rows(String location, String inspector, List<Long> items, String... resultsAndRemarks) {
        MockHttpServletRequestBuilder req = post(location + "/results").param("inspector", inspector);
        for (int n = 0; n < items.size(); n++) {
            req.param("itemId-" + n, String.valueOf(items.get(n))).param("result-" + n, resultsAndRemarks[2 * n])
                    .param("remark-" + n, resultsAndRemarks[2 * n + 1]).param("severity-" + n, "HIGH");
        }
        return req;
    }

    @Test
    void a11_3_severalItemsInOneSave_oneBadRowSavesNothingAndStandsBesideItsField() throws Exception {
        String location = inspection("数据安全");
        List<Long> items = systemItems(location).subList(0, 3);
        String form = html(as("supervisor", get(location)));
        assertThat(form).contains("id=\"record-form\"", "name=\"itemId-0\"", "name=\"itemId-2\"", "record-row-template", "itemId-NEW");

        // the second row fails without saying what is wrong: nothing of the three is saved
        MvcResult refused = as("supervisor", rows(location, "张检查", items, "PASS", "", "FAIL", "", "NOT_APPLICABLE", "不涉及"));
        assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo(location + "#record-form");
        @SuppressWarnings("unchecked")
        Map<String, String> errors = (Map<String, String>) refused.getFlashMap().get("errors");
        assertThat(errors).containsEntry("remark-1", "scheduling.error.remark").containsKey("form").hasSize(2);
        items.forEach(x -> assertThat(item(x)).containsEntry("result", "PENDING"));
        assertThat(jdbc.sql("select count(*) from hazards_hazard where source_ref in (:refs)")
                .param("refs", items.stream().map(x -> "inspection-item:" + x).toList()).query(Long.class).single()).isZero();

        // the page comes back with the refusal beside that row's field and everything typed still there (the flashed maps
        // handed over as the redirect's next request would find them)
        String again = html(as("supervisor", get(location).requestAttr("errors", errors).requestAttr("values", refused.getFlashMap().get("values"))));
        assertThat(again).contains("id=\"remark-1-error\"", "不符合项须说明问题", "有填写不正确的行", "value=\"张检查\"", "value=\"不涉及\"");
        assertThat(again).containsPattern("<option value=\"" + items.get(2) + "\"\\s+selected");

        MvcResult saved = as("supervisor", rows(location, "张检查", items, "PASS", "", "FAIL", "弱口令未整改", "NOT_APPLICABLE", "不涉及"));
        assertThat(saved.getFlashMap().get("errors")).isNull();
        assertThat((String) saved.getFlashMap().get("done")).contains("已保存检查结果", "形成隐患通知");
        assertThat(item(items.get(0))).containsEntry("result", "PASS").containsEntry("inspector", "张检查").containsEntry("recorded_by", "supervisor");
        assertThat(item(items.get(1))).containsEntry("result", "FAIL").containsEntry("remark", "弱口令未整改");
        assertThat(item(items.get(1)).get("hazard_id")).isNotNull();
        assertThat(item(items.get(2))).containsEntry("result", "NOT_APPLICABLE");
    }

    @Test
    void a11_3_aRowNamingAnItemTwiceOrAFailedItemIsRefusedBesideItsItem() throws Exception {
        String location = inspection("数据安全");
        List<Long> items = systemItems(location);
        MvcResult twice = as("supervisor", rows(location, "李检查", List.of(items.get(0), items.get(0)), "PASS", "", "PASS", ""));
        @SuppressWarnings("unchecked")
        Map<String, String> errors = (Map<String, String>) twice.getFlashMap().get("errors");
        assertThat(errors).containsEntry("itemId-1", "scheduling.error.itemTwice");
        assertThat(item(items.get(0))).containsEntry("result", "PENDING");
        // blank rows (the page's spare ones) are skipped; a form with none filled says so
        MvcResult empty = as("supervisor", post(location + "/results").param("inspector", "李检查").param("itemId-0", "").param("result-0", ""));
        @SuppressWarnings("unchecked")
        Map<String, String> none = (Map<String, String>) empty.getFlashMap().get("errors");
        assertThat(none).containsEntry("itemId-0", "scheduling.error.noRows");
    }

    @Test
    void a11_3_theFormRemembersTheInspector() throws Exception {
        // a login that never recorded a result is offered its own name
        Actor regulator = (Actor) DemoActors.authentication(jdbc, "regulator").getPrincipal();
        assertThat(recording.rememberedInspector(regulator)).isEqualTo(regulator.displayName());

        String location = inspection("数据安全");
        List<Long> items = systemItems(location);
        as("supervisor", rows(location, "王检查（市大数据中心）", List.of(items.get(0)), "PASS", ""));
        assertThat(item(items.get(0))).containsEntry("result", "PASS");
        // the next time the form opens — this inspection or another — it offers the inspector last entered
        assertThat(html(as("supervisor", get(location)))).contains("id=\"inspector\"", "value=\"王检查（市大数据中心）\"");
        assertThat(html(as("supervisor", get(inspection("数据安全"))))).contains("value=\"王检查（市大数据中心）\"");
    }

    @Test
    void a11_3_theInspectionListSearchesByKeywordAndStateKeepsItsPageSizeAndExportsWhatIsShown() throws Exception {
        MvcResult created = as("supervisor", post("/supervision/inspections").param("quarter", "2025-Q2").param("topic", "检索测试·机房巡查")
                .param("articles", "A8").param("unitIds", String.valueOf(orgOf("unit1"))));
        assertThat(created.getFlashMap().get("error")).isNull();
        String found = html(as("regulator", get("/supervision/inspections").param("q", "检索测试").param("size", "50")));
        assertThat(found).contains("检索测试·机房巡查", "共 1 次检查", "value=\"检索测试\"").containsPattern("<option value=\"50\"\\s+selected");
        assertThat(html(as("regulator", get("/supervision/inspections").param("q", "检索测试").param("state", "COMPLETED"))))
                .doesNotContain("检索测试·机房巡查").contains("共 0 次检查");
        // a literal wildcard matches nothing rather than everything
        assertThat(html(as("regulator", get("/supervision/inspections").param("q", "%")))).contains("共 0 次检查");
        MvcResult sheet = as("regulator", get("/supervision/inspections/export.xlsx").param("q", "检索测试"));
        assertThat(sheet.getResponse().getStatus()).isEqualTo(200);
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(sheet.getResponse().getContentAsByteArray()))) {
            var rows = new java.util.ArrayList<String>();
            book.getSheetAt(0).forEach(r -> rows.add(r.getCell(1) == null ? "" : r.getCell(1).toString()));
            assertThat(rows).contains("检索测试·机房巡查");
        }
    }
}
