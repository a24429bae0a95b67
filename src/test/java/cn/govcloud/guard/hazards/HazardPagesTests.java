package cn.govcloud.guard.hazards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.security.DemoActors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
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
    @Autowired
    MutableClock clock;

    /** A Monday, 10:00 in Beijing: the hazard-forms walk pins its clock here. */
    static final Instant MONDAY = Instant.parse("2026-11-23T02:00:00Z");
    static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @AfterEach
    void resetClock() {
        clock.reset();
    }

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

    // ---- issue 23 point 9 / issue 18 point 5: every form of the hazard page by fragment ----------------------------------

    private MvcResult send(String user, org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
        return mvc.perform(request.with(as(user)).with(csrf())).andReturn();
    }

    private String state(long id) {
        return jdbc.sql("select status from hazards_hazard where id = :id").param("id", id).query(String.class).single();
    }

    private long count(String table, long id) {
        return jdbc.sql("select count(*) from " + table + " where hazard_id = :id").param("id", id).query(Long.class).single();
    }

    /** A good step: post/redirect/get back to the hazard, with a message that says what happens next. */
    private String done(MvcResult r, String location) throws Exception {
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isIn(302, 303);
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo(location);
        return (String) r.getFlashMap().get("done");
    }

    /** The refusal stands beside the field {@code id} (aria-invalid, aria-describedby naming the message), and nowhere else. */
    private static void besideField(String html, String id, String message) {
        assertThat(html).contains("id=\"" + id + "-error\"");
        String control = html.substring(html.lastIndexOf("<", html.indexOf("id=\"" + id + "\"")), html.indexOf(">", html.indexOf("id=\"" + id + "\"")));
        assertThat(control).contains("aria-invalid=\"true\"", "aria-describedby=\"" + id + "-error\"", "is-invalid");
        String error = html.substring(html.indexOf("id=\"" + id + "-error\""));
        assertThat(error.substring(0, error.indexOf("</div>"))).contains(message);
        assertThat(html.split("invalid-feedback", -1)).as("only the refused form's field carries an error").hasSize(2);
    }

    @Test
    void eachFormOfTheHazardPageShowsItsRefusalBesideItsFieldKeepsWhatWasTypedSavesNothingAndSaysWhatHappensNext_A10_2() throws Exception {
        clock.set(MONDAY);
        long system = demoSystem("教育局门户网站");
        MvcResult raised = send("supervisor", multipart("/hazards").param("title", "表单测试·口令未轮换").param("severity", "HIGH")
                .param("systemId", String.valueOf(system)).param("source", "INSPECTION"));
        String location = raised.getResponse().getRedirectedUrl();
        long id = Long.parseLong(location.substring("/hazards/".length()));
        assertThat((String) raised.getFlashMap().get("done")).contains("个工作日内");

        // acknowledge: the missing first measures beside their field, the handler's name kept, nothing saved
        String html = html(send("unit1", post(location + "/acknowledge").param("handlerName", "王整改").param("firstMeasures", "")));
        besideField(html, "firstMeasures", "请填写已采取的初步措施");
        assertThat(html).contains("value=\"王整改\"", "id=\"hazard-error\"");
        assertThat(state(id)).isEqualTo("NOTIFIED");
        assertThat(done(send("unit1", post(location + "/acknowledge").param("handlerName", "王整改").param("firstMeasures", "已关闭弱口令账号")),
                location)).contains("整改报告");

        // extension: the date beside the date (the reason typed is kept, in the extension form only)
        html = html(send("unit1", post(location + "/extension").param("proposedDueDate", "2026-11-20").param("reason", "需采购新设备替换")));
        besideField(html, "proposedDueDate", "延期日期须晚于当前整改期限");
        assertThat(html).contains("id=\"extension-reason\"", "value=\"需采购新设备替换\"");
        // risk acceptance: a two-character reason beside the risk form's reason, not beside the extension form's
        html = html(send("unit1", post(location + "/risk-acceptance").param("reason", "太贵")));
        besideField(html, "risk-reason", "请填写理由（至少4个字）");
        assertThat(html).doesNotContain("id=\"extension-reason-error\"");
        assertThat(count("hazards_request", id)).isZero();

        // a good extension request, then the supervisor's decision without a reason: beside that request's reason
        assertThat(done(send("unit1", post(location + "/extension").param("proposedDueDate", "2026-12-10").param("reason", "需采购新设备替换")),
                location)).contains("等待市大数据中心审批");
        long request = jdbc.sql("select id from hazards_request where hazard_id = :id").param("id", id).query(Long.class).single();
        html = html(send("supervisor", post(location + "/requests/" + request + "/decision").param("approve", "false").param("reason", "")));
        besideField(html, "decision-" + request + "-reason", "请填写理由");
        assertThat(jdbc.sql("select count(*) from hazards_request where id = :r and decision is null").param("r", request).query(Long.class)
                .single()).isEqualTo(1);
        assertThat(done(send("supervisor", post(location + "/requests/" + request + "/decision").param("approve", "false")
                .param("reason", "期限内可先行加固")), location)).contains("已驳回", "整改期限不变");

        // feedback without the written report: beside the file field, the measures typed kept, no feedback stored
        clock.set(MONDAY.plusSeconds(86_400));
        html = html(send("unit1", multipart(location + "/feedback").param("measures", "已启用双因素认证").param("completedOn", "2026-11-24")));
        besideField(html, "documents", "请上传书面整改报告");
        assertThat(html).contains(">已启用双因素认证</textarea>", "value=\"2026-11-24\"");
        assertThat(count("hazards_feedback", id)).isZero();
        MockMultipartFile report = new MockMultipartFile("documents", "整改报告.pdf", "application/pdf", PDF);
        assertThat(done(send("unit1", multipart(location + "/feedback").file(report).param("measures", "已启用双因素认证")
                .param("completedOn", "2026-11-24")), location)).contains("已提交整改反馈", "等待预警部门复核");

        // the supervisor returns: a short reason beside the return form's reason (the close form's note stays clean)
        html = html(send("supervisor", post(location + "/return").param("reason", "缺图")));
        besideField(html, "reason", "请填写理由（至少4个字）");
        assertThat(html).contains("value=\"缺图\"").doesNotContain("id=\"note-error\"");
        assertThat(state(id)).isEqualTo("FEEDBACK_SUBMITTED");
        assertThat(done(send("supervisor", post(location + "/return").param("reason", "未附复测截图，请补充")), location))
                .contains("已退回整改", "重新提交");
        assertThat(state(id)).isEqualTo("RETURNED");

        // the unit reports again, the supervisor closes; the page shows the message after the redirect
        assertThat(done(send("unit1", multipart(location + "/feedback").file(report).param("measures", "已启用双因素认证，附复测截图")
                .param("completedOn", "2026-11-24")), location)).contains("等待预警部门复核");
        MvcResult closed = send("supervisor", post(location + "/close").param("note", "复测确认已整改"));
        assertThat(done(closed, location)).contains("闭环完成");
        assertThat(state(id)).isEqualTo("CLOSED");
        // the redirected page shows the flashed message (the flash attributes handed over as InspectionRecordingTests does)
        var redirected = get(location);
        closed.getFlashMap().forEach(redirected::requestAttr);
        String after = html(mvc.perform(redirected.with(as("supervisor"))).andReturn());
        assertThat(after).contains("id=\"hazard-done\"", "闭环完成");
    }
}
