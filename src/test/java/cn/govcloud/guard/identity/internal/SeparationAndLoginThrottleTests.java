package cn.govcloud.guard.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.crypto.FieldEncryption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Issue 20 points 8 and 9: 三权分立 without holes (GB/T 22239 §8.1.4) and login failure handling
 * that neither tells whether an account exists nor lets a stranger lock an administrator out
 * (GB/T 22239 §8.1.4 a/b), with per-source throttling in buckets kept in the database.
 */
@AppTest
class SeparationAndLoginThrottleTests {
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired MutableClock clock;
    @Autowired LoginService logins;
    @Autowired FieldEncryption fields;
    @Value("${govguard.identity.login-throttle.failures-per-source:30}") int perSource;

    long userId(String username) {
        return jdbc.sql("select id from identity_user where username = ?").param(username).query(Long.class).single();
    }

    MvcResult loginFrom(String source, String username, String password) throws Exception {
        return mvc.perform(post("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .with(request -> {
                    request.setRemoteAddr(source);
                    return request;
                })).andReturn();
    }

    // ---- point 8 ----------------------------------------------------------------------------------

    @Test
    void GB22239_8_1_4_noAdministratorRoleCombinesWithAnyOtherRole() throws Exception {
        String secadmin = ApiClient.bearer(mvc, "secadmin");
        for (String roles : List.of("[\"AUDIT_ADMIN\",\"SUPERVISOR\"]", "[\"SYSTEM_ADMIN\",\"SUPERVISOR\"]")) {
            MvcResult r = mvc.perform(put("/api/v1/users/" + userId("supervisor") + "/roles").header("Authorization", secadmin)
                    .contentType(MediaType.APPLICATION_JSON).content("{\"roles\":" + roles + "}")).andReturn();
            assertThat(r.getResponse().getStatus()).as(roles).isEqualTo(409);
            assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("三权分立");
        }
        // the security administrator cannot make themself a supervisor (and so read full personal numbers)
        MvcResult self = mvc.perform(put("/api/v1/users/" + userId("secadmin") + "/roles").header("Authorization", secadmin)
                .contentType(MediaType.APPLICATION_JSON).content("{\"roles\":[\"SECURITY_ADMIN\",\"SUPERVISOR\"]}")).andReturn();
        assertThat(self.getResponse().getStatus()).isEqualTo(409);
        assertThat(jdbc.sql("select count(*) from identity_user_role r join identity_user u on u.id = r.user_id where u.username = 'secadmin'")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void GB22239_8_1_4_auditScopesAreIssuedByTheAuditAdministratorOnly() throws Exception {
        String secadmin = ApiClient.bearer(mvc, "secadmin");
        String auditor = ApiClient.bearer(mvc, "auditor");
        long org = jdbc.sql("select org_id from identity_user where username = 'auditor'").query(Long.class).single();
        String expires = clock.instant().plus(Duration.ofDays(30)).toString();
        String audit = "{\"name\":\"siem-%s\",\"orgId\":" + org + ",\"scopes\":%s,\"expiresAt\":\"" + expires + "\"}";
        assertThat(mvc.perform(post("/api/v1/api-tokens").header("Authorization", secadmin).contentType(MediaType.APPLICATION_JSON)
                .content(audit.formatted("a", "[\"audit:read\"]"))).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/api/v1/api-tokens").header("Authorization", auditor).contentType(MediaType.APPLICATION_JSON)
                .content(audit.formatted("b", "[\"audit:read\",\"alerts:write\"]"))).andReturn().getResponse().getStatus()).isEqualTo(409);
        assertThat(mvc.perform(post("/api/v1/api-tokens").header("Authorization", auditor).contentType(MediaType.APPLICATION_JSON)
                .content(audit.formatted("c", "[\"alerts:write\"]"))).andReturn().getResponse().getStatus()).isEqualTo(403);
        MvcResult made = mvc.perform(post("/api/v1/api-tokens").header("Authorization", auditor).contentType(MediaType.APPLICATION_JSON)
                .content(audit.formatted("d", "[\"audit:read\"]"))).andReturn();
        assertThat(made.getResponse().getStatus()).as(made.getResponse().getContentAsString()).isEqualTo(201);
        assertThat(mvc.perform(get("/api/v1/api-tokens").header("Authorization", auditor)).andReturn().getResponse().getContentAsString())
                .contains("siem-d");
        assertThat(mvc.perform(get("/api/v1/api-tokens").header("Authorization", secadmin)).andReturn().getResponse().getContentAsString())
                .doesNotContain("siem-d");
    }

    @Test
    void GB22239_8_1_4_theLastActiveHolderOfASeparatedRoleCannotBeDisabled() throws Exception {
        assertThat(jdbc.sql("select count(*) from identity_user_role where role = 'AUDIT_ADMIN'").query(Long.class).single()).isEqualTo(1);
        MvcResult r = mvc.perform(put("/api/v1/users/" + userId("auditor") + "/enabled").header("Authorization", ApiClient.bearer(mvc, "sysadmin"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"enabled\":false}")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(409);
        assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("last active AUDIT_ADMIN");
        assertThat(jdbc.sql("select enabled from identity_user where username = 'auditor'").query(Boolean.class).single()).isTrue();
    }

    // ---- point 9 ----------------------------------------------------------------------------------

    @Test
    void GB22239_8_1_4_unknownAndKnownUsernamesGetTheSameAnswersUpToAndIncludingTheLock() throws Exception {
        List<Integer> unknown = new ArrayList<>();
        List<Integer> known = new ArrayList<>();
        String unknownLocked = null;
        String knownLocked = null;
        for (int i = 0; i < 6; i++) {
            MvcResult u = loginFrom("203.0.113.11", "nobody-" + System.identityHashCode(this), "Wrong-Passw0rd!");
            MvcResult k = loginFrom("203.0.113.11", "regulator", "Wrong-Passw0rd!");
            unknown.add(u.getResponse().getStatus());
            known.add(k.getResponse().getStatus());
            unknownLocked = u.getResponse().getContentAsString(StandardCharsets.UTF_8).replaceAll("\"unlocksAt\":\"[^\"]+\"", "").replaceAll("at [0-9T:.Z-]+", "");
            knownLocked = k.getResponse().getContentAsString(StandardCharsets.UTF_8).replaceAll("\"unlocksAt\":\"[^\"]+\"", "").replaceAll("at [0-9T:.Z-]+", "");
        }
        assertThat(unknown).isEqualTo(known).containsExactly(401, 401, 401, 401, 423, 423);
        assertThat(unknownLocked).isEqualTo(knownLocked);
    }

    @Test
    void GB22239_8_1_4_aStrangerCannotLockAnAdministratorOut() throws Exception {
        for (int i = 0; i < 5; i++) {
            loginFrom("203.0.113.21", "secadmin", "Wrong-Passw0rd!");
        }
        assertThat(loginFrom("203.0.113.21", "secadmin", ApiClient.DEMO_PASSWORD).getResponse().getStatus()).isEqualTo(423);
        // the administrator, from their own address, is not locked out
        assertThat(loginFrom("10.1.2.3", "secadmin", ApiClient.DEMO_PASSWORD).getResponse().getStatus()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'auth.lockout' and source_address = '203.0.113.21'")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void GB22239_8_1_4_oneSourceIsThrottledAcrossUsernamesWith429() throws Exception {
        for (int i = 0; i < perSource; i++) {
            assertThat(loginFrom("203.0.113.31", "spray-" + i, "Wrong-Passw0rd!").getResponse().getStatus()).isEqualTo(401);
        }
        MvcResult throttled = loginFrom("203.0.113.31", "unit1", ApiClient.DEMO_PASSWORD);
        assertThat(throttled.getResponse().getStatus()).isEqualTo(429);
        assertThat(throttled.getResponse().getContentType()).isEqualTo("application/problem+json");
        assertThat(throttled.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("unlocksAt");
        assertThat(loginFrom("203.0.113.32", "unit1", ApiClient.DEMO_PASSWORD).getResponse().getStatus()).isEqualTo(200);
        // the window passes: the source may try again
        clock.set(clock.instant().plus(Duration.ofMinutes(11)));
        try {
            assertThat(loginFrom("203.0.113.31", "unit1", ApiClient.DEMO_PASSWORD).getResponse().getStatus()).isEqualTo(200);
        } finally {
            clock.reset();
        }
    }

    @Test
    void GB22239_8_1_4_theRightPasswordWithoutTheSecondFactorCountsAndIsAudited() throws Exception {
        String username = "totp" + (System.nanoTime() % 100000);
        long org = jdbc.sql("select org_id from identity_user where username = 'regulator'").query(Long.class).single();
        MvcResult created = mvc.perform(post("/api/v1/users").header("Authorization", ApiClient.bearer(mvc, "sysadmin"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"username\":\"" + username + "\",\"displayName\":\"双因素\",\"orgId\":" + org
                        + ",\"initialPassword\":\"Initial-Passw0rd!\"}")).andReturn();
        assertThat(created.getResponse().getStatus()).isEqualTo(201);
        jdbc.sql("update identity_user set totp_secret_sealed = ?, totp_enabled = true where username = ?")
                .params(fields.seal(LoginService.TOTP_CONTEXT, Totp.newSecret()), username).update();
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            outcomes.add(logins.login(username, "Initial-Passw0rd!", null, "203.0.113.41").getClass().getSimpleName());
        }
        assertThat(outcomes).containsExactly("SecondFactorRequired", "SecondFactorRequired", "SecondFactorRequired",
                "SecondFactorRequired", "Locked");
        assertThat(jdbc.sql("select count(*) from audit_record where actor = ? and details like 'correct password without the second factor%'")
                .param(username).query(Long.class).single()).isGreaterThanOrEqualTo(4);
    }
}
