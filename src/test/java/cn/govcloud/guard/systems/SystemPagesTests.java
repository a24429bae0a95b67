package cn.govcloud.guard.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.security.DemoActors;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The systems pages: bad input re-renders the form with messages and saves nothing; regulators read only. */
@AppTest
class SystemPagesTests {
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

    @Test
    void badInputReRendersTheFormWithMessagesAndSavesNothing() throws Exception {
        long before = jdbc.sql("select count(*) from systems_system").query(Long.class).single();
        MvcResult r = mvc.perform(post("/systems").with(as("unit1")).with(csrf()).param("name", "页面测试系统").param("mlpsLevel", "3")
                .param("responsibleMobile", "123").param("addresses", "10.0.0.1\n999.1.1.1")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(r)).contains("请填写11位手机号码", "请选择至少一种网络暴露面", "999.1.1.1", "value=\"页面测试系统\"");
        assertThat(jdbc.sql("select count(*) from systems_system").query(Long.class).single()).isEqualTo(before);

        r = mvc.perform(post("/systems").with(as("unit1")).with(csrf()).param("name", "页面测试系统").param("mlpsLevel", "3")
                .param("exposure", "GOV_EXTRANET").param("exposure", "INTERNET").param("addresses", "10.0.0.1\nweb.example.gov.cn")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(302);
        String location = r.getResponse().getRedirectedUrl();
        assertThat(location).matches("/systems/\\d+");

        String page = html(mvc.perform(get(location).with(as("unit1"))).andReturn());
        assertThat(page).contains("页面测试系统", "登记", "web.example.gov.cn", "安全责任协议", "签订《包头市政务云平台安全责任协议》"); // A11.1-responsibility-agreement, by its title
        // edited while a draft; bad input re-renders with the message, nothing saved
        assertThat(html(mvc.perform(get(location + "/edit").with(as("unit1"))).andReturn())).contains("value=\"页面测试系统\"", "web.example.gov.cn");
        r = mvc.perform(post(location + "/edit").with(as("unit1")).with(csrf()).param("name", "").param("mlpsLevel", "3")
                .param("exposure", "INTERNET")).andReturn();
        assertThat(html(r)).contains("请填写系统名称");
        r = mvc.perform(post(location + "/edit").with(as("unit1")).with(csrf()).param("name", "页面测试系统").param("mlpsLevel", "3")
                .param("exposure", "GOV_EXTRANET").param("exposure", "INTERNET").param("addresses", "10.0.0.1\nweb.example.gov.cn\n10.0.9.0/24"))
                .andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo(location);
        assertThat(html(mvc.perform(get(location).with(as("unit1"))).andReturn())).contains("10.0.9.0/24");
        // the agreement form without a file: the reason on the page, nothing stored
        r = mvc.perform(multipart(location + "/agreement").with(as("unit1")).with(csrf()).param("unitSignatory", "李局长")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(r)).contains("请选择文件", "请填写云服务商签署人", "value=\"李局长\"");
        // admission without the agreement: refused naming A11.1
        r = mvc.perform(post(location + "/admission").with(as("unit1")).with(csrf())).andReturn();
        // issue 23 point 3: the refusal is carried to the system's page (post/redirect/get), so a refresh does not resubmit
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo(location);
        assertThat(html(mvc.perform(get(r.getResponse().getRedirectedUrl()).cookie(r.getResponse().getCookies()).with(as("unit1"))).andReturn())).contains("A11.1");
        r = mvc.perform(multipart(location + "/agreement").file(new MockMultipartFile("file", "协议.pdf", "application/pdf",
                        "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII))).with(as("unit1")).with(csrf())
                .param("agreementNumber", "BTZWY-XY-2026-0002").param("unitSignatory", "李局长").param("providerSignatory", "王经理").param("signedOn", "2026-11-20")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(302);

        // the regulator reads, sees no forms; the list shows it to the supervisor; unit2 gets 404
        page = html(mvc.perform(get(location).with(as("regulator"))).andReturn());
        assertThat(page).contains("页面测试系统", "协议.pdf").doesNotContain("agreement-form", "request-admission", "suspend-form");
        assertThat(html(mvc.perform(get("/systems").with(as("supervisor"))).andReturn())).contains("页面测试系统", "queue-admission");
        // the admission queue: the demo city's system awaiting verification, not the draft
        assertThat(html(mvc.perform(get("/systems?state=AWAITING_VERIFICATION").with(as("supervisor"))).andReturn()))
                .contains("校园安全视频监控平台").doesNotContain("页面测试系统");
        assertThat(html(mvc.perform(get("/systems?level=3&exposure=INTERNET").with(as("unit1"))).andReturn())).contains("页面测试系统");
        assertThat(html(mvc.perform(get("/systems?level=1").with(as("unit1"))).andReturn())).doesNotContain("页面测试系统");
        assertThat(mvc.perform(get(location).with(as("unit2"))).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(html(mvc.perform(get("/systems/new").with(as("unit1"))).andReturn())).contains("system-form");
    }
}
