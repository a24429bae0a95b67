package cn.govcloud.guard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Issue 20 point 10: one input policy for text and numbers, the refused field named, the same answer on H2 and PostgreSQL. */
@AppTest
class InputPolicyTests {
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;

    MvcResult createSystem(String name, String level) throws Exception {
        return mvc.perform(post("/api/v1/systems").header("Authorization", ApiClient.bearer(mvc, "unit1")).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"name":"%s","mlpsLevel":%s,"purpose":"测试","responsibleName":"张三","responsibleMobile":"13812345678",
                         "exposure":["GOV_EXTRANET"],"addresses":["10.97.0.1"]}""".formatted(name, level))).andReturn();
    }

    static String body(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void textWithNulLoneSurrogatesBidiOverridesOrZeroWidthCharactersIsRefusedNamingTheField() throws Exception {
        long before = jdbc.sql("select count(*) from systems_system").query(Long.class).single();
        for (String name : new String[] {"学籍\\u0000系统", "学籍\\ud800系统", "学籍\\u202E系统", "学籍\\u200B系统"}) {
            MvcResult r = createSystem(name, "2");
            assertThat(r.getResponse().getStatus()).as(name).isEqualTo(400);
            assertThat(r.getResponse().getContentType()).startsWith("application/problem+json");
            assertThat(body(r)).as(name).contains("\"name\"");
        }
        assertThat(jdbc.sql("select count(*) from systems_system").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void aFractionForAWholeNumberIsRefusedNotRounded() throws Exception {
        MvcResult r = createSystem("分数测试系统", "2.7");
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        assertThat(body(r)).contains("\"mlpsLevel\"", "whole number");
    }

    @Test
    void aNulInAQueryOrFormParameterIsA400NamingItAndARefusedLoginIsAudited() throws Exception {
        MvcResult query = mvc.perform(get("/api/v1/audit/records").param("actor", "a\u0000b")
                .header("Authorization", ApiClient.bearer(mvc, "auditor"))).andReturn();
        assertThat(query.getResponse().getStatus()).isEqualTo(400);
        assertThat(body(query)).contains("\"actor\"", "NUL");
        long before = jdbc.sql("select count(*) from audit_record where action = 'auth.login'").query(Long.class).single();
        MvcResult login = mvc.perform(post("/login").param("username", "unit1\u0000").param("password", "x")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())).andReturn();
        assertThat(login.getResponse().getStatus()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'auth.login' and details like 'refused input%'")
                .query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'auth.login'").query(Long.class).single()).isGreaterThan(before);
    }
}
