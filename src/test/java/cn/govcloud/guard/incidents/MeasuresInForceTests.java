package cn.govcloud.guard.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17 point 13 (A15): nothing is due before the Measures took effect on 16 December 2025 — the drills page, the
 * hazard register and the duty generator agree (the test clock stands at 26 November 2026).
 */
@AppTest
class MeasuresInForceTests {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    private final ApiClient api = new ApiClient(() -> mvc);

    @Test
    void A15_aHalfYearThatEndedBeforeTheMeasuresOwesNoDrill_asTheGeneratorHasIt() throws Exception {
        MvcResult r = api.call("provider", get("/api/v1/drills/half-years").param("count", "4"));
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        Map<String, String> status = new HashMap<>();
        JSON.readTree(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).forEach(h -> status.put(h.get("period").asText(),
                h.get("status").asText()));
        assertThat(status).containsKeys("2025-H1", "2025-H2");
        assertThat(status.get("2025-H1")).isEqualTo("NOT_IN_FORCE");
        assertThat(status.get("2025-H2")).isNotEqualTo("NOT_IN_FORCE");
        // the generator never raised a drill duty for that half-year
        assertThat(jdbc.sql("select count(*) from duties_duty where rule_id = 'A10.3-half-yearly-drill' and period_start < '2025-07-01'")
                .query(Long.class).single()).isZero();
        // and the page says so
        String page = mvc.perform(get("/incidents/drills").with(org.springframework.security.test.web.servlet.request
                        .SecurityMockMvcRequestPostProcessors.authentication(cn.govcloud.guard.security.DemoActors.authentication(jdbc, "provider"))))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("办法施行前");
    }

    @Test
    void A15_aHazardCannotBeNotifiedBeforeTheMeasuresTookEffect() throws Exception {
        long system = jdbc.sql("select min(id) from systems_system where state = 'ADMITTED'").query(Long.class).single();
        MvcResult r = api.call("supervisor", post("/api/v1/hazards").contentType(MediaType.APPLICATION_JSON)
                .content("{\"systemId\":" + system + ",\"title\":\"办法施行前的隐患\",\"severity\":\"LOW\",\"notifiedAt\":\"2025-12-15T02:00:00Z\"}"));
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        JsonNode problem = JSON.readTree(r.getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(problem.get("errors").has("notifiedAt")).isTrue();
        assertThat(jdbc.sql("select count(*) from hazards_hazard where title = '办法施行前的隐患'").query(Long.class).single()).isZero();
    }
}
