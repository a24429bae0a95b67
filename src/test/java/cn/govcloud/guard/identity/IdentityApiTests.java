package cn.govcloud.guard.identity;

import static cn.govcloud.guard.ApiClient.DEMO_PASSWORD;
import static cn.govcloud.guard.ApiClient.bearer;
import static cn.govcloud.guard.ApiClient.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.govcloud.guard.AppTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Login, lockout, tenancy and the separation of administrators through the API, as API.md describes (A3, A4). */
@AppTest
class IdentityApiTests {
    @org.springframework.beans.factory.annotation.Autowired
    cn.govcloud.guard.MutableClock clock;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    void everyDemoAccountLogsInAndGetsABearerToken() throws Exception {
        for (String user : List.of("sysadmin", "secadmin", "auditor", "supervisor", "regulator", "provider", "unit1", "unit2")) {
            MvcResult r = login(mvc, user, DEMO_PASSWORD);
            assertThat(r.getResponse().getStatus()).as(user).isEqualTo(200);
            assertThat(r.getResponse().getContentAsString()).contains("\"token\":\"ggs_").contains("\"expiresAt\"");
        }
        mvc.perform(get("/api/v1/me").header("Authorization", bearer(mvc, "unit1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value("unit1"))
                .andExpect(jsonPath("$.orgName").value("包头市教育局"))
                .andExpect(jsonPath("$.roles[0]").value("UNIT_SECURITY_OFFICER"));
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSame401() throws Exception {
        MvcResult unknown = login(mvc, "nobody-here", "Whatever-123!");
        MvcResult wrong = login(mvc, "regulator", "Whatever-123!");
        assertThat(unknown.getResponse().getStatus()).isEqualTo(401);
        assertThat(wrong.getResponse().getStatus()).isEqualTo(401);
        assertThat(unknown.getResponse().getContentAsString()).isEqualTo(wrong.getResponse().getContentAsString());
        assertThat(unknown.getResponse().getContentType()).isEqualTo("application/problem+json");
    }

    @Test
    void fiveFailuresLockTheAccountWith423AndTheUnlockTime() throws Exception {
        String sysadmin = bearer(mvc, "sysadmin");
        long orgId = jdbc.sql("select id from identity_organisation where name = '包头市民政局'").query(Long.class).single();
        String username = "lockme" + System.nanoTime() % 100000;
        mvc.perform(post("/api/v1/users").header("Authorization", sysadmin).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + username + "\",\"displayName\":\"锁定测试\",\"orgId\":" + orgId
                                + ",\"initialPassword\":\"Initial-Passw0rd!\"}"))
                .andExpect(status().isCreated());
        for (int i = 0; i < 4; i++) {
            assertThat(login(mvc, username, "Wrong-Passw0rd!").getResponse().getStatus()).isEqualTo(401);
        }
        MvcResult fifth = login(mvc, username, "Wrong-Passw0rd!");
        assertThat(fifth.getResponse().getStatus()).isEqualTo(423);
        assertThat(fifth.getResponse().getContentAsString()).contains("unlocksAt");
        // even the right password is refused while locked
        assertThat(login(mvc, username, "Initial-Passw0rd!").getResponse().getStatus()).isEqualTo(423);
        // the lock holds for this name from this source (issue 20 point 9: SeparationAndLoginThrottleTests)
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'auth.lockout' and actor = :u")
                .param("u", username).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void a_unit_sees_only_its_own_people_A4() throws Exception {
        String unit1 = bearer(mvc, "unit1");
        String body = mvc.perform(get("/api/v1/users").header("Authorization", unit1)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(body).contains("unit1").doesNotContain("\"unit2\"").doesNotContain("sysadmin");
        long unit2Id = jdbc.sql("select id from identity_user where username = 'unit2'").query(Long.class).single();
        mvc.perform(get("/api/v1/users/" + unit2Id).header("Authorization", unit1)).andExpect(status().isNotFound());
        String orgs = mvc.perform(get("/api/v1/organisations").header("Authorization", unit1))
                .andReturn().getResponse().getContentAsString();
        assertThat(orgs).contains("包头市教育局").doesNotContain("包头市卫生健康委员会");
    }

    @Test
    void separatedAdministrators_only_secadmin_grants_roles_only_sysadmin_creates_users() throws Exception {
        long unit1Id = jdbc.sql("select id from identity_user where username = 'unit1'").query(Long.class).single();
        mvc.perform(put("/api/v1/users/" + unit1Id + "/roles").header("Authorization", bearer(mvc, "sysadmin"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"roles\":[\"UNIT_STAFF\"]}")).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/users").header("Authorization", bearer(mvc, "secadmin")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"x1234\",\"displayName\":\"x\",\"orgId\":1,\"initialPassword\":\"Initial-Passw0rd!\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/users").header("Authorization", bearer(mvc, "auditor"))).andExpect(status().isForbidden());
        // a unit user cannot be made an administrator, and nobody may hold two administrator roles
        mvc.perform(put("/api/v1/users/" + unit1Id + "/roles").header("Authorization", bearer(mvc, "secadmin"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"roles\":[\"AUDIT_ADMIN\"]}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.rule").value("A3"));
    }

    @Test
    void apiTokenIsShownOnceStoredAsHashAndRevocable() throws Exception {
        String secadmin = bearer(mvc, "secadmin");
        long provider = jdbc.sql("select id from identity_organisation where kind = 'PROVIDER'").query(Long.class).single();
        String created = mvc.perform(post("/api/v1/api-tokens").header("Authorization", secadmin).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"ids-sensor\",\"orgId\":" + provider + ",\"scopes\":[\"alerts:write\"],\"expiresAt\":\"" + clock.instant().plus(java.time.Duration.ofDays(90)) + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String secret = created.replaceAll(".*\"secret\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        long id = Long.parseLong(created.replaceAll(".*\"token\"\\s*:\\s*\\{\\s*\"id\"\\s*:\\s*(\\d+).*", "$1"));
        assertThat(secret).startsWith("gga_");
        assertThat(jdbc.sql("select count(*) from identity_token where token_hash like :s").param("s", "%" + secret + "%")
                .query(Long.class).single()).isZero();
        // a machine token has no role: a page for people refuses it
        mvc.perform(get("/api/v1/users").header("Authorization", "Bearer " + secret)).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/api-tokens").header("Authorization", secadmin))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].lastUsedAt").isNotEmpty());
        mvc.perform(delete("/api/v1/api-tokens/" + id).header("Authorization", secadmin)).andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/users").header("Authorization", "Bearer " + secret)).andExpect(status().isUnauthorized());
    }

    @Test
    void securityHeadersAndPublicHealthOnly() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
        assertThat(mvc.perform(get("/actuator/env")).andReturn().getResponse().getStatus()).isNotEqualTo(200);
        mvc.perform(get("/api/v1/me")).andExpect(status().isUnauthorized())
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("frame-ancestors 'none'")))
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().exists("Referrer-Policy"));
        mvc.perform(get("/login").secure(true)).andExpect(header().exists("Strict-Transport-Security"));
    }
}
