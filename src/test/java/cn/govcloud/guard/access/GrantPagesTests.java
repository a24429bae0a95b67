package cn.govcloud.guard.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.security.DemoActors;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The data-access grant page (A8.1): provider asks, unit grants or refuses, accesses recorded, violations shown; unit scoping. */
@AppTest
class GrantPagesTests {
    @org.springframework.beans.factory.annotation.Autowired
    cn.govcloud.guard.MutableClock clock;
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

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

    @Test
    void providerAsksUnitGrantsAccessRecordedAndAViolationShown_A8_1() throws Exception {
        String purpose = "页面授权" + System.nanoTime();
        long system = systemOf("unit1");
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
        // errors on the page, nothing saved
        MvcResult r = mvc.perform(post("/access/grants").with(as("provider")).with(csrf()).param("systemId", String.valueOf(system))
                .param("purpose", purpose).param("startsAt", now.minusMinutes(5).format(LOCAL)).param("endsAt", now.plusDays(1).format(LOCAL)))
                .andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(r)).contains("id=\"form-error\"").contains("请选择访问方式");
        assertThat(jdbc.sql("select count(*) from access_grant where purpose = :p").param("p", purpose).query(Long.class).single()).isZero();

        r = mvc.perform(post("/access/grants").with(as("provider")).with(csrf()).param("systemId", String.valueOf(system))
                .param("purpose", purpose).param("scope", "VIEW").param("scope", "COPY").param("startsAt", now.minusMinutes(5).format(LOCAL))
                .param("endsAt", now.plusDays(1).format(LOCAL))).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).as(html(r)).isEqualTo("/access/grants");
        long id = jdbc.sql("select id from access_grant where purpose = :p").param("p", purpose).query(Long.class).single();

        assertThat(html(mvc.perform(get("/access/grants").with(as("unit1"))).andReturn())).contains(purpose).contains("待单位审批")
                .contains("/access/grants/" + id + "/decision").contains("href=\"/access/grants\"");
        assertThat(html(mvc.perform(get("/access/grants").with(as("unit2"))).andReturn())).doesNotContain(purpose);

        // a refusal without a reason is shown, nothing changes
        r = mvc.perform(post("/access/grants/" + id + "/decision").with(as("unit1")).with(csrf()).param("decision", "refuse")).andReturn();
        assertThat(html(mvc.perform(get(r.getResponse().getRedirectedUrl()).cookie(r.getResponse().getCookies()).with(as("unit1"))).andReturn())).contains("id=\"grant-action-error\"").contains("不授权时须说明理由");
        r = mvc.perform(post("/access/grants/" + id + "/decision").with(as("unit1")).with(csrf()).param("decision", "grant")
                .param("reason", "同意，仅限查看复制")).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/access/grants");
        assertThat(jdbc.sql("select status from access_grant where id = :id").param("id", id).query(String.class).single()).isEqualTo("GRANTED");

        String detail = "页面访问" + System.nanoTime();
        r = mvc.perform(post("/access/grants/accesses").with(as("provider")).with(csrf()).param("systemId", String.valueOf(system))
                .param("purpose", "VIEW").param("detail", detail)).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/access/grants");
        // issue 23 point 9: a refused access record shows its error beside its own form's system field (not the request form's)
        // and keeps what was typed; nothing is recorded
        long recorded = jdbc.sql("select count(*) from access_data_access").query(Long.class).single();
        r = mvc.perform(post("/access/grants/accesses").with(as("provider")).with(csrf()).param("purpose", "VIEW").param("detail", "未选系统"))
                .andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/access/grants");
        assertThat(html(mvc.perform(get("/access/grants").cookie(r.getResponse().getCookies()).with(as("provider"))).andReturn()))
                .contains("id=\"access-systemId-error\"").doesNotContain("id=\"systemId-error\"").contains("value=\"未选系统\"");
        assertThat(jdbc.sql("select count(*) from access_data_access").query(Long.class).single()).isEqualTo(recorded);
        String violation = "页面违规" + System.nanoTime();
        mvc.perform(post("/access/grants/accesses").with(as("provider")).with(csrf()).param("systemId", String.valueOf(system))
                .param("purpose", "MOVE").param("detail", violation)).andReturn();
        String supervisor = html(mvc.perform(get("/access/grants").with(as("supervisor"))).andReturn());
        assertThat(supervisor).contains(detail).contains(violation).contains("违规（无有效授权）");
        assertThat(jdbc.sql("select violation from access_data_access where detail = :d").param("d", violation).query(Boolean.class).single()).isTrue();
        assertThat(mvc.perform(post("/access/grants/" + id + "/revocation").with(as("unit2")).with(csrf())).andReturn().getResponse().getStatus())
                .isIn(403, 404);
    }
}
