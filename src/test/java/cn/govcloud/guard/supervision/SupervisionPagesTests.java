package cn.govcloud.guard.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.security.DemoActors;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** A11.3 pages: every page renders for the roles that may open it, and the forms do what the API does. */
@AppTest
class SupervisionPagesTests {
    @org.springframework.beans.factory.annotation.Autowired
    cn.govcloud.guard.MutableClock clock;
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;

    MvcResult as(String user, MockHttpServletRequestBuilder req) throws Exception {
        return mvc.perform(req.with(authentication(DemoActors.authentication(jdbc, user))).with(csrf())).andReturn();
    }

    String page(String user, String path) throws Exception {
        MvcResult r = as(user, get(path));
        assertThat(r.getResponse().getStatus()).as(user + " " + path).isEqualTo(200);
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    long orgOf(String user) {
        return jdbc.sql("select org_id from identity_user where username = :u").param("u", user).query(Long.class).single();
    }

    @Test
    void a11_3_theSupervisorRunsAMonthThroughThePagesAndUnitsSeeOnlyTheirOwn() throws Exception {
        // a past month, so the test does not take the current one
        MvcResult opened = as("supervisor", post("/supervision/scheduling").param("month", "2025-12"));
        assertThat(opened.getResponse().getStatus()).isEqualTo(302);
        String location = opened.getResponse().getRedirectedUrl();
        assertThat(location).matches("/supervision/scheduling/\\d+");
        assertThat(page("supervisor", location)).contains("2025-12", "agenda-table", "action-form");
        assertThat(page("regulator", location)).contains("2025-12").doesNotContain("action-form");
        // a second opening: back to the list with the rule's message
        MvcResult again = as("supervisor", post("/supervision/scheduling").param("month", "2025-12"));
        assertThat(again.getResponse().getRedirectedUrl()).isEqualTo("/supervision/scheduling");
        assertThat((String) again.getFlashMap().get("error")).contains("A11.3");

        LocalDate due = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai"))).plusDays(20);
        as("supervisor", post(location + "/actions").param("kind", "DUTY").param("title", "页面交办·整改弱口令")
                .param("orgId", String.valueOf(orgOf("unit1"))).param("dueDate", due.toString()));
        as("supervisor", post(location + "/meeting").param("meetingDate", "2025-12-18").param("participants", "市大数据中心、市教育局"));
        as("supervisor", post(location + "/decisions").param("text", "页面测试决定"));
        MvcResult closed = as("supervisor", post(location + "/close").param("reason", "本月调度事项已交办完毕"));
        assertThat(closed.getFlashMap().get("error")).isNull();
        assertThat(page("supervisor", location)).contains("页面交办·整改弱口令", "页面测试决定", due.toString());
        assertThat(page("supervisor", "/supervision/scheduling")).contains("2025-12");
        assertThat(page("unit1", "/supervision/mine")).contains("页面交办·整改弱口令");
        assertThat(page("unit2", "/supervision/mine")).doesNotContain("页面交办·整改弱口令");
        assertThat(as("unit1", get(location)).getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void a11_3_inspectionAndNoticePagesRender() throws Exception {
        assertThat(page("supervisor", "/supervision/inspections")).contains("inspection-form");
        assertThat(page("regulator", "/supervision/inspections")).doesNotContain("inspection-form");
        MvcResult created = as("supervisor", post("/supervision/inspections").param("topic", "网络安全").param("unitIds", String.valueOf(orgOf("unit1"))));
        assertThat(created.getFlashMap().get("error")).isNull();
        String inspection = created.getResponse().getRedirectedUrl();
        assertThat(page("supervisor", inspection)).contains("网络安全", "item-table");

        assertThat(page("supervisor", "/supervision/notices?draftOverdue=1")).contains("逾期未整改隐患通报", "notice-form");
        MvcResult issued = as("supervisor", post("/supervision/notices").param("kind", "安全工作通报").param("title", "页面通报测试")
                .param("body", "请确认收悉").param("unitIds", String.valueOf(orgOf("unit1"))));
        String notice = issued.getResponse().getRedirectedUrl();
        assertThat(notice).matches("/supervision/notices/\\d+");
        assertThat(page("supervisor", notice)).contains("tracking-table", "页面通报测试");
        assertThat(page("unit1", notice)).contains("ack-form");
        assertThat(as("unit2", get(notice)).getResponse().getStatus()).isEqualTo(404);
        as("unit1", post(notice + "/acknowledge").param("reply", "收到"));
        assertThat(page("unit1", notice)).contains("acknowledged").doesNotContain("ack-form");
        assertThat(page("supervisor", notice)).contains("收到");
        // the hazard action's system field lists one unit's systems on the platform, loaded for the chosen unit
        String unit1Systems = page("supervisor", "/supervision/scheduling/systems?orgId=" + orgOf("unit1"));
        assertThat(unit1Systems).contains("教育局招生考试系统").doesNotContain("卫健委全民健康信息平台").doesNotContain("校园安全视频监控平台");
        assertThat(page("supervisor", "/supervision/scheduling/systems")).contains("先选择责任单位");
        assertThat(as("regulator", get("/supervision/scheduling/systems?orgId=" + orgOf("unit1"))).getResponse().getStatus()).isEqualTo(403);
        // the overseers' list tracks each notice to acknowledgement; a unit's list does not show other units' progress
        String list = page("supervisor", "/supervision/notices");
        String row = list.substring(list.indexOf("页面通报测试"));
        assertThat(row.substring(0, row.indexOf("</tr>"))).contains("1 / 1 个单位已确认");
        assertThat(page("unit1", "/supervision/notices")).doesNotContain("个单位已确认");
        assertThat(page("unit1", "/supervision/notices")).contains("页面通报测试");
        assertThat(page("unit2", "/supervision/notices")).doesNotContain("页面通报测试");
    }
}
