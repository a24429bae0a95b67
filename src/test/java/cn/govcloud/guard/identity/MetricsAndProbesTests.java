package cn.govcloud.guard.identity;

import static cn.govcloud.guard.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 21 points 6 and 7: Prometheus metrics behind a token with the {@code metrics:read} scope,
 * liveness and readiness probes, and the OpenAPI document answering to an API token.
 */
@AppTest
class MetricsAndProbesTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    private String token(String scope) throws Exception {
        long provider = jdbc.sql("select id from identity_organisation where kind = 'PROVIDER'").query(Long.class).single();
        String created = mvc.perform(post("/api/v1/api-tokens").header("Authorization", bearer(mvc, "secadmin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"scraper-" + scope.replace(':', '-') + "\",\"orgId\":" + provider + ",\"scopes\":[\"" + scope
                                + "\"],\"expiresAt\":\"" + clock.instant().plus(java.time.Duration.ofDays(90)) + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return "Bearer " + created.replaceAll(".*\"secret\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    @Test
    void prometheus_answers_only_to_a_metrics_read_token_and_shows_the_platforms_figures() throws Exception {
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(get("/actuator/prometheus").header("Authorization", token("alerts:write"))).andExpect(status().isForbidden());
        // a person's session token, even the supervisor's, is not a scraper
        mvc.perform(get("/actuator/prometheus").header("Authorization", bearer(mvc, "supervisor"))).andExpect(status().isForbidden());

        String metrics = token("metrics:read");
        mvc.perform(get("/api/v1/me").header("Authorization", bearer(mvc, "unit1"))).andExpect(status().isOk());
        String text = mvc.perform(get("/actuator/prometheus").header("Authorization", metrics))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        long open = jdbc.sql("select count(*) from duties_duty where state = 'OPEN'").query(Long.class).single();
        assertThat(text).contains("govguard_duties{state=\"OPEN\"} " + (double) open)
                .contains("govguard_duties{state=\"OVERDUE\"}")
                .contains("govguard_duties_past_due_unswept")
                .contains("govguard_notification_deliveries{state=\"FAILED\"}")
                .contains("govguard_imports{status=\"DONE\"}")
                .contains("govguard_audit_checkpoint_age_seconds")
                .contains("http_server_requests_seconds_count");
        // the metrics token reaches nothing else
        mvc.perform(get("/api/v1/users").header("Authorization", metrics)).andExpect(status().isForbidden());
    }

    @Test
    void liveness_and_readiness_reflect_the_database_and_the_scheduler() throws Exception {
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
        // the shared test context runs without the scheduler, which is a web-only node's configuration: ready
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
        // no other actuator endpoint is reachable, not even to a signed-in supervisor's token
        assertThat(mvc.perform(get("/actuator/env")).andReturn().getResponse().getStatus()).isNotEqualTo(200);
        assertThat(mvc.perform(get("/actuator/env").header("Authorization", bearer(mvc, "supervisor")))
                .andReturn().getResponse().getStatus()).isNotEqualTo(200);
    }

    @Test
    void the_openapi_document_answers_to_an_api_token() throws Exception {
        mvc.perform(get("/v3/api-docs").header("Authorization", bearer(mvc, "unit1")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.openapi").exists())
                .andExpect(jsonPath("$.paths['/api/v1/me']").exists());
        mvc.perform(get("/v3/api-docs").header("Authorization", token("findings:write"))).andExpect(status().isOk());
        mvc.perform(get("/v3/api-docs").header("Authorization", "Bearer ggs_not-a-token"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        // without a token it stays a page of the signed-in UI
        assertThat(mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getStatus()).isEqualTo(302);
    }
}
