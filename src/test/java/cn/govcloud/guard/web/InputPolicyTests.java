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

    @Test
    void A7_4_everyInvalidFieldOfABodyIsNamedInOneAnswerAndNothingIsStored() throws Exception {
        long before = jdbc.sql("select count(*) from systems_system").query(Long.class).single();
        MvcResult r = mvc.perform(post("/api/v1/systems").header("Authorization", ApiClient.bearer(mvc, "unit1"))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"name":"学籍\\u0000系统","mlpsLevel":2.7,"purpose":"测\\u202E试","responsibleName":"张三",
                         "responsibleMobile":"13812345678","exposure":["GOV_EXTRANET"],"addresses":{"ip":"10.97.0.1"}}""")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        assertThat(r.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(body(r)).contains("\"name\"", "NUL", "\"mlpsLevel\"", "whole number", "\"purpose\"", "U+202E", "\"addresses\"", "a list");
        assertThat(jdbc.sql("select count(*) from systems_system").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void everyRefusedValueOfAMapBodyIsNamedToo() throws Exception {
        long before = jdbc.sql("select count(*) from hazards_hazard").query(Long.class).single();
        MvcResult r = mvc.perform(post("/api/v1/hazards").header("Authorization", ApiClient.bearer(mvc, "supervisor"))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"systemId":1,"title":"弱\\u0000口令","severity":"HIGH","description":"见\\u200B附件"}""")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        assertThat(body(r)).contains("\"title\"", "\"description\"");
        assertThat(jdbc.sql("select count(*) from hazards_hazard").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void A7_4_aJsonLoginWithANulIsA400AndAudited() throws Exception {
        long before = jdbc.sql("select count(*) from audit_record where action = 'auth.login' and details like 'refused input%'")
                .query(Long.class).single();
        MvcResult r = mvc.perform(post("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"unit1\",\"password\":\"x\\u0000y\"}")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        assertThat(body(r)).contains("\"password\"");
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'auth.login' and details like 'refused input%'")
                .query(Long.class).single()).isEqualTo(before + 1);
    }

    @Test
    void limitOutOfRangeIsRefusedNamingItOnEveryList() throws Exception {
        String unit1 = ApiClient.bearer(mvc, "unit1");
        String supervisor = ApiClient.bearer(mvc, "supervisor");
        String[][] refused = {
                {"/api/v1/systems?limit=1000", unit1, "limit"}, // used to be clamped to 200
                {"/api/v1/systems?limit=0", unit1, "limit"},
                {"/api/v1/findings?limit=0", supervisor, "limit"}, // used to become 50
                {"/api/v1/findings?limit=201", supervisor, "limit"}, // used to be clamped
                {"/api/v1/duties?limit=201", unit1, "limit"},
                {"/api/v1/duties/agenda?limit=51", unit1, "limit"}, // used to be clamped to 50
                {"/api/v1/hazards?size=500", unit1, "size"}, // used to be clamped to 200
                {"/api/v1/hazards?page=-1", unit1, "page"}, // used to become 0
                {"/api/v1/systems?limit=abc", unit1, "limit"},
                {"/api/v1/supply-chain/findings?limit=5001", supervisor, "limit"}};
        for (String[] c : refused) {
            MvcResult r = mvc.perform(get(c[0]).header("Authorization", c[1])).andReturn();
            assertThat(r.getResponse().getStatus()).as(c[0]).isEqualTo(400);
            assertThat(r.getResponse().getContentType()).as(c[0]).startsWith("application/problem+json");
            assertThat(body(r)).as(c[0]).contains("\"" + c[2] + "\"", "whole number from");
        }
        for (String ok : new String[] {"/api/v1/systems?limit=200", "/api/v1/hazards?size=200", "/api/v1/duties/agenda?limit=50"}) {
            assertThat(mvc.perform(get(ok).header("Authorization", unit1)).andReturn().getResponse().getStatus()).as(ok).isEqualTo(200);
        }
    }
}
