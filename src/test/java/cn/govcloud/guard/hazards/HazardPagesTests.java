package cn.govcloud.guard.hazards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.security.DemoActors;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The hazard pages (A10.1, A10.2): the form re-renders bad input and saves nothing; each role sees its actions; the home page. */
@AppTest
class HazardPagesTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    private RequestPostProcessor as(String user) {
        return authentication(DemoActors.authentication(jdbc, user));
    }

    private static String html(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private long demoSystem(String name) {
        return jdbc.sql("select id from systems_system where name = :n order by id").param("n", name).query(Long.class).list().get(0);
    }

    @Test
    void theNoticeFormReRendersBadInputAndTheHazardPageShowsEachRoleItsStep_A10_2() throws Exception {
        long before = jdbc.sql("select count(*) from hazards_hazard").query(Long.class).single();
        String form = html(mvc.perform(get("/hazards/new").with(as("supervisor"))).andReturn());
        assertThat(form).contains("下发风险隐患通知", "教育局门户网站", "实网攻防演练", "季度专项检查");
        MvcResult r = mvc.perform(post("/hazards").with(as("supervisor")).with(csrf()).param("title", "页面测试·弱口令")
                .param("severity", "NOPE").param("systemId", "")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(r)).contains("请选择系统", "级别须为", "value=\"页面测试·弱口令\"");
        assertThat(jdbc.sql("select count(*) from hazards_hazard").query(Long.class).single()).isEqualTo(before);

        long system = demoSystem("教育局门户网站");
        r = mvc.perform(post("/hazards").with(as("supervisor")).with(csrf()).param("title", "页面测试·弱口令").param("severity", "HIGH")
                .param("systemId", String.valueOf(system)).param("source", "RED_TEAM").param("description", "实网攻防演练中发现")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(302);
        String location = r.getResponse().getRedirectedUrl();
        assertThat(location).matches("/hazards/\\d+");

        String unit = html(mvc.perform(get(location).with(as("unit1"))).andReturn());
        assertThat(unit).contains("页面测试·弱口令", "实网攻防演练", "已通知", "acknowledge-form", "距整改期限还剩").doesNotContain("close-form");
        String supervisor = html(mvc.perform(get(location).with(as("supervisor"))).andReturn());
        assertThat(supervisor).contains("页面测试·弱口令", "下发通知").doesNotContain("acknowledge-form", "close-form");
        assertThat(mvc.perform(get(location).with(as("unit2"))).andReturn().getResponse().getStatus()).isEqualTo(404);
        // issue 23 point 4: the inbox names the severity in words, not as the enum
        assertThat(html(mvc.perform(get("/inbox").with(as("unit1"))).andReturn())).contains("「页面测试·弱口令」（高危）").doesNotContain("（HIGH）");
        assertThat(html(mvc.perform(get("/inbox?lang=en").with(as("unit1"))).andReturn())).contains("(High)");
        // the unit acknowledges on the page; empty fields re-render with the reasons, nothing half-saved
        r = mvc.perform(post(location + "/acknowledge").with(as("unit1")).with(csrf()).param("handlerName", "")).andReturn();
        assertThat(html(r)).contains("请填写本单位整改负责人姓名", "请填写已采取的初步措施");
        r = mvc.perform(post(location + "/acknowledge").with(as("unit1")).with(csrf()).param("handlerName", "张安全")
                .param("firstMeasures", "已重置口令")).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo(location);
        assertThat(html(mvc.perform(get(location).with(as("unit1"))).andReturn())).contains("张安全", "feedback-form", "extension-form");
        // the same step again is refused naming the rule
        r = mvc.perform(post(location + "/acknowledge").with(as("unit1")).with(csrf()).param("handlerName", "张安全")
                .param("firstMeasures", "再次")).andReturn();
        // issue 23 point 3: the refusal is carried to the hazard's page (post/redirect/get)
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo(location);
        assertThat(html(mvc.perform(get(r.getResponse().getRedirectedUrl()).cookie(r.getResponse().getCookies()).with(as("unit1"))).andReturn())).contains("A10.2");

        // the demo city's hazards, raised through the service (one from the red-team exercise, overdue)
        long unit3 = jdbc.sql("select org_id from identity_user where username = 'unit3'").query(Long.class).single();
        assertThat(html(mvc.perform(get("/hazards?overdue=true&severity=HIGH&orgId=" + unit3).with(as("supervisor"))).andReturn()))
                .contains("实网攻防演练：越权访问参保人信息接口");
        // lists, figures, home, English
        assertThat(html(mvc.perform(get("/hazards?severity=HIGH&overdue=false").with(as("supervisor"))).andReturn())).contains("页面测试·弱口令");
        assertThat(html(mvc.perform(get("/hazards").with(as("unit2"))).andReturn())).doesNotContain("页面测试·弱口令");
        assertThat(html(mvc.perform(get("/hazards/figures").with(as("supervisor"))).andReturn())).contains("整改率", "notice-xlsx", "notice-pdf");
        assertThat(html(mvc.perform(get("/hazards/figures").with(as("unit1"))).andReturn())).contains("整改率").doesNotContain("notice-xlsx");
        // the home page lists the unit's open hazards (first due first, five of them: other tests' may come before this one)
        assertThat(html(mvc.perform(get("/").with(as("unit1"))).andReturn())).contains("home-hazards", "本单位未关闭的风险隐患", "/hazards/");
        assertThat(html(mvc.perform(get("/").with(as("supervisor"))).andReturn())).doesNotContain("home-hazards");
        assertThat(html(mvc.perform(get(location + "?lang=en").with(as("unit1"))).andReturn())).contains("Timeline", "Acknowledged");
        assertThat(html(mvc.perform(get("/hazards?lang=en").with(as("provider"))).andReturn())).contains("Hazards");
    }
}
