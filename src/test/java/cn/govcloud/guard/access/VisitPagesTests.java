package cn.govcloud.guard.access;

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
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The on-site visit pages (A9.1): letter form, escort, sign-in refusal shown on the page, sign-out, unit scoping. */
@AppTest
class VisitPagesTests {
    @org.springframework.beans.factory.annotation.Autowired
    cn.govcloud.guard.MutableClock clock;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    RequestPostProcessor as(String user) {
        return authentication(DemoActors.authentication(jdbc, user));
    }

    static String html(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    long systemOf(String user) {
        return jdbc.sql("select s.id from systems_system s join identity_user u on u.org_id = s.org_id where u.username = :u order by s.id")
                .param("u", user).query(Long.class).list().get(0);
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
    }

    @Test
    void aBadLetterIsShownWithItsErrorsAndNothingIsSaved_A9_1() throws Exception {
        String letter = "页面坏函" + System.nanoTime();
        MvcResult r = mvc.perform(post("/access/visits").with(as("unit1")).with(csrf()).param("systemId", String.valueOf(systemOf("unit1")))
                .param("purpose", "更换硬盘").param("letterNumber", letter).param("validFrom", today().toString())
                .param("validUntil", today().plusDays(1).toString()).param("realName1", "王工").param("idNumber1", "12345")
                .param("mobile1", "13900001111")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(r)).contains("id=\"form-error\"").contains("身份证号码应为18位").contains("value=\"王工\"")
                .doesNotContain("12345\""); // the ID number is never echoed back
        assertThat(jdbc.sql("select count(*) from access_visit where letter_number = :l").param("l", letter).query(Long.class).single()).isZero();
    }

    @Test
    void letterEscortSignInRefusedThenSignInAndOutOnThePages_A9_1() throws Exception {
        String letter = "页面函" + System.nanoTime();
        MvcResult r = mvc.perform(post("/access/visits").with(as("unit1")).with(csrf()).param("systemId", String.valueOf(systemOf("unit1")))
                .param("purpose", "更换故障硬盘").param("letterNumber", letter).param("validFrom", today().toString())
                .param("validUntil", today().plusDays(2).toString()).param("realName0", "王工").param("idNumber0", "150102199001011234")
                .param("mobile0", "13900001111")).andReturn();
        assertThat(r.getResponse().getStatus()).as(html(r)).isEqualTo(302);
        String location = r.getResponse().getRedirectedUrl();
        assertThat(location).matches("/access/visits/\\d+");

        String page = html(mvc.perform(get(location).with(as("unit1"))).andReturn());
        assertThat(page).contains(letter).contains("王工").contains("已授权待签入").doesNotContain("150102199001011234")
                .doesNotContain("13900001111").doesNotContain("id=\"sign-in\""); // the unit does not sign in
        assertThat(html(mvc.perform(get("/access/visits").with(as("unit1"))).andReturn())).contains(letter).contains("href=\"/access/visits\"");

        // no escort yet: sign-in refused, the 409 A9.1 message shown on the page
        r = mvc.perform(post(location + "/sign-in").with(as("provider")).with(csrf())).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo(location); // issue 23 point 3: post/redirect/get
        assertThat(html(mvc.perform(get(r.getResponse().getRedirectedUrl()).cookie(r.getResponse().getCookies()).with(as("provider"))).andReturn())).contains("id=\"visit-error\"").contains("A9.1").contains("未指派云服务商陪同旁站人员");
        assertThat(jdbc.sql("select status from access_visit where letter_number = :l").param("l", letter).query(String.class).single())
                .isEqualTo("AUTHORISED");

        r = mvc.perform(post(location + "/escort").with(as("provider")).with(csrf()).param("escort", "")).andReturn();
        // issue 23 point 9: the refusal stands beside the escort field (fields.html), and nothing was saved
        assertThat(html(mvc.perform(get(r.getResponse().getRedirectedUrl()).cookie(r.getResponse().getCookies()).with(as("provider"))).andReturn()))
                .contains("请填写陪同旁站人员").contains("id=\"escort-error\"").contains("aria-invalid=\"true\"");
        assertThat(jdbc.sql("select count(*) from access_visit where letter_number = :l and escort is null").param("l", letter)
                .query(Long.class).single()).isOne();
        r = mvc.perform(post(location + "/escort").with(as("provider")).with(csrf()).param("escort", "赵陪同")).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo(location);
        assertThat(html(mvc.perform(get(location).cookie(r.getResponse().getCookies()).with(as("provider"))).andReturn()))
                .contains("已指派陪同旁站人员。下一步"); // what happens next
        r = mvc.perform(post(location + "/sign-in").with(as("provider")).with(csrf())).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo(location);
        assertThat(html(mvc.perform(get(location).with(as("provider"))).andReturn())).contains("现场操作中").contains("赵陪同")
                .contains("id=\"sign-out\"");
        r = mvc.perform(post(location + "/sign-out").with(as("provider")).with(csrf()).param("workDone", "已更换硬盘")).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo(location);
        assertThat(html(mvc.perform(get(location).with(as("unit1"))).andReturn())).contains("已签出").contains("已更换硬盘");

        // scoping: unit2 neither lists nor opens unit1's visit; the unit cannot act for the provider
        assertThat(html(mvc.perform(get("/access/visits").with(as("unit2"))).andReturn())).doesNotContain(letter);
        assertThat(mvc.perform(get(location).with(as("unit2"))).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(post(location + "/escort").with(as("unit1")).with(csrf()).param("escort", "x")).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
        assertThat(html(mvc.perform(get("/access/visits?lang=en").with(as("supervisor"))).andReturn())).contains("On-site visits")
                .contains(letter);
    }
}
