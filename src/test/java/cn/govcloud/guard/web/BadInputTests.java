package cn.govcloud.guard.web;

import static cn.govcloud.guard.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.govcloud.guard.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Hostile and malformed input through the real API: refused cleanly or stored harmlessly, never half-saved. */
@AppTest
class BadInputTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    long organisations() {
        return jdbc.sql("select count(*) from identity_organisation").query(Long.class).single();
    }

    @Test
    void sqlMetacharactersAreStoredAsText() throws Exception {
        String name = "市测试局'); DROP TABLE identity_user; -- \" OR 1=1";
        String json = "{\"name\":\"" + name.replace("\"", "\\\"") + "\",\"kind\":\"UNIT\"}";
        mvc.perform(post("/api/v1/organisations").header("Authorization", bearer(mvc, "sysadmin"))
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.name").value(name));
        assertThat(jdbc.sql("select count(*) from identity_user").query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("select count(*) from identity_organisation where name = :n").param("n", name)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void malformedTruncatedWrongTypeAndOversizedJsonChangeNothing() throws Exception {
        String sysadmin = bearer(mvc, "sysadmin");
        long before = organisations();
        mvc.perform(post("/api/v1/organisations").header("Authorization", sysadmin)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"半截"))
                .andExpect(status().isBadRequest()).andExpect(content().contentType("application/problem+json"));
        mvc.perform(post("/api/v1/organisations").header("Authorization", sysadmin)
                        .contentType(MediaType.TEXT_PLAIN).content("name=x"))
                .andExpect(status().isUnsupportedMediaType());
        mvc.perform(post("/api/v1/organisations").header("Authorization", sysadmin)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\",\"kind\":\"NOT_A_KIND\"}"))
                .andExpect(status().isBadRequest());
        String huge = "{\"name\":\"" + "长".repeat(300) + "\",\"kind\":\"UNIT\"}";
        mvc.perform(post("/api/v1/organisations").header("Authorization", sysadmin)
                        .contentType(MediaType.APPLICATION_JSON).content(huge))
                .andExpect(status().isBadRequest()).andExpect(content().contentType("application/problem+json"));
        assertThat(organisations()).isEqualTo(before);
    }

    @Test
    void xssInANameIsReturnedAsDataAndRenderedEscaped() throws Exception {
        String sysadmin = bearer(mvc, "sysadmin");
        mvc.perform(post("/api/v1/organisations").header("Authorization", sysadmin).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"<img src=x onerror=alert(1)>局\",\"kind\":\"UNIT\"}")).andExpect(status().isCreated());
        String page = mvc.perform(get("/admin/organisations").with(
                org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication(
                        cn.govcloud.guard.security.DemoActors.authentication(jdbc, "sysadmin"))))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("&lt;img src=x onerror=alert(1)&gt;局").doesNotContain("<img src=x");
    }
}
