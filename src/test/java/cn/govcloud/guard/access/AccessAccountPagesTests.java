package cn.govcloud.guard.access;

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

/** The account register page (A7.3): register, expired/unreviewed flags, review confirm/revoke, responsible person; unit scoping. */
@AppTest
class AccessAccountPagesTests {
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
    void registerFlagReviewAndScope_A7_3() throws Exception {
        long system = systemOf("unit1");
        String name = "page-acct-" + System.nanoTime();
        MvcResult r = mvc.perform(post("/access/accounts").with(as("unit1")).with(csrf()).param("systemId", String.valueOf(system))
                .param("kind", "VPN").param("accountName", name).param("holder", "").param("privileges", "只读")
                .param("leastPrivilege", "仅查看日志").param("createdOn", "2026-01-01")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(r)).contains("id=\"form-error\"").contains("请填写使用人真实姓名");
        assertThat(jdbc.sql("select count(*) from access_account where account_name = :n").param("n", name).query(Long.class).single()).isZero();

        r = mvc.perform(post("/access/accounts").with(as("unit1")).with(csrf()).param("systemId", String.valueOf(system))
                .param("kind", "VPN").param("accountName", name).param("holder", "刘芳").param("privileges", "只读")
                .param("leastPrivilege", "仅查看日志").param("createdOn", "2026-01-01").param("expiresOn", "2026-02-01")).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).as(html(r)).isEqualTo("/access/accounts?systemId=" + system);
        long id = jdbc.sql("select id from access_account where account_name = :n").param("n", name).query(Long.class).single();

        String page = html(mvc.perform(get("/access/accounts?systemId=" + system).with(as("unit1"))).andReturn());
        assertThat(page).contains(name).contains("VPN 账号").contains("刘芳").contains("已到期").contains("本季度未复核")
                .contains("/access/accounts/" + id + "/review").contains("href=\"/access/accounts\"");
        assertThat(html(mvc.perform(get("/access/accounts").with(as("unit2"))).andReturn())).doesNotContain(name);
        assertThat(html(mvc.perform(get("/access/accounts").with(as("supervisor"))).andReturn())).contains(name);

        // revocation needs a reason: shown on the page, nothing changed
        r = mvc.perform(post("/access/accounts/" + id + "/review").with(as("unit1")).with(csrf()).param("decision", "revoke")).andReturn();
        assertThat(html(mvc.perform(get(r.getResponse().getRedirectedUrl()).cookie(r.getResponse().getCookies()).with(as("unit1"))).andReturn())).contains("id=\"account-action-error\"").contains("注销须说明理由");
        assertThat(jdbc.sql("select revoked_at is null from access_account where id = :id").param("id", id).query(Boolean.class).single()).isTrue();
        assertThat(mvc.perform(post("/access/accounts/" + id + "/review").with(as("unit2")).with(csrf()).param("decision", "confirm"))
                .andReturn().getResponse().getStatus()).isIn(403, 404);
        r = mvc.perform(post("/access/accounts/" + id + "/review").with(as("unit1")).with(csrf()).param("decision", "revoke")
                .param("reason", "已到期，注销")).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/access/accounts");
        assertThat(html(mvc.perform(get("/access/accounts?systemId=" + system).with(as("unit1"))).andReturn())).contains("已注销").contains("已到期，注销");

        r = mvc.perform(post("/access/systems/" + system + "/responsible").with(as("unit1")).with(csrf()).param("person", "张安全")
                .param("passwordPolicy", "12位以上，90天更换")).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/access/accounts?systemId=" + system);
        assertThat(html(mvc.perform(get("/access/accounts?systemId=" + system).with(as("unit1"))).andReturn())).contains("id=\"responsible-person\"")
                .contains("张安全");
        // issue 23 point 9: a refused change shows its error beside the field, keeps the other value typed, and changes nothing
        r = mvc.perform(post("/access/systems/" + system + "/responsible").with(as("unit1")).with(csrf()).param("person", "")
                .param("passwordPolicy", "新策略未保存")).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/access/accounts?systemId=" + system);
        assertThat(html(mvc.perform(get(r.getResponse().getRedirectedUrl()).cookie(r.getResponse().getCookies()).with(as("unit1"))).andReturn()))
                .contains("id=\"person-error\"").contains("value=\"新策略未保存\"");
        assertThat(html(mvc.perform(get("/access/accounts?systemId=" + system).with(as("unit1"))).andReturn())).contains("张安全")
                .doesNotContain("新策略未保存");
    }
}
