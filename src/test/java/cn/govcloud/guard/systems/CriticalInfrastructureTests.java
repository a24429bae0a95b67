package cn.govcloud.guard.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.rules.RuleCatalog;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17 point 4: a system's 关基 flag (critical information infrastructure, with its protection department) is
 * recorded by the supervisor and read by the catalog's conditions as {@code cii}, so a district can ask more of
 * 关基 systems — here a re-test before a hazard on one is closed.
 */
@AppTest
class CriticalInfrastructureTests {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    private final ApiClient api = new ApiClient(() -> mvc);

    @Autowired
    void client(MockMvc mvc) {
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    RuleCatalog catalog;

    /** The systems flagged 关基 before a test (the demo city's own): a test's clean-up leaves them as they were. */
    private List<Long> flaggedBefore = List.of();

    @org.junit.jupiter.api.BeforeEach
    void rememberTheDemoFlags() {
        flaggedBefore = jdbc.sql("select id from systems_system where cii = true").query(Long.class).list();
    }

    @AfterEach
    void cleanUp() throws Exception {
        api.call("supervisor", delete("/api/v1/rules/overlay"));
        jdbc.sql("update systems_system set cii = false, cii_department = null where cii = true"
                        + (flaggedBefore.isEmpty() ? "" : " and id not in (:before)"))
                .paramSource(flaggedBefore.isEmpty() ? java.util.Map.of() : java.util.Map.of("before", flaggedBefore))
                .update();
        clock.reset();
    }

    private List<Long> unit1Systems() {
        return jdbc.sql("select s.id from systems_system s join identity_user u on u.org_id = s.org_id where u.username = 'unit1' "
                + "and s.state = 'ADMITTED' order by s.id").query(Long.class).list();
    }

    private long otherUnitsSystem() {
        return jdbc.sql("select s.id from systems_system s join identity_user u on u.org_id <> s.org_id where u.username = 'unit1' "
                + "and s.state = 'ADMITTED' order by s.id").query(Long.class).list().get(0);
    }

    @Test
    void A10_2_theSupervisorRecordsTheCiiIdentificationTheUnitReadsItOthersCannotChangeIt() throws Exception {
        long system = unit1Systems().get(0);
        String path = "/api/v1/systems/" + system + "/critical-infrastructure";
        assertThat(ApiClient.body(api.call("unit1", get(path))).get("criticalInfrastructure").asBoolean()).isFalse();

        // a 关基 identification without its protection department is refused, field named, nothing stored
        MvcResult bad = api.json("supervisor", put(path), "{\"criticalInfrastructure\":true,\"protectionDepartment\":\"  \"}");
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(bad.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("protectionDepartment");
        assertThat(jdbc.sql("select cii from systems_system where id = :id").param("id", system).query(Boolean.class).single()).isFalse();

        // only the supervisor records it
        assertThat(api.json("unit1", put(path), "{\"criticalInfrastructure\":true,\"protectionDepartment\":\"市委网信办\"}")
                .getResponse().getStatus()).isEqualTo(403);
        MvcResult ok = api.json("supervisor", put(path), "{\"criticalInfrastructure\":true,\"protectionDepartment\":\"市委网信办\"}");
        assertThat(ok.getResponse().getStatus()).as(ok.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode read = ApiClient.body(api.call("unit1", get(path)));
        assertThat(read.get("criticalInfrastructure").asBoolean()).isTrue();
        assertThat(read.get("protectionDepartment").asString()).isEqualTo("市委网信办");
        assertThat(read.get("recordedBy").asString()).isEqualTo("supervisor");
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'systems.cii' and target = :t")
                .param("t", "system:" + system).query(Long.class).single()).isPositive();

        // another unit's system is not even there for unit1
        assertThat(api.call("unit1", get("/api/v1/systems/" + otherUnitsSystem() + "/critical-infrastructure")).getResponse().getStatus())
                .isEqualTo(404);
    }

    @Test
    void A10_2_aDistrictsConditionOnCiiAsksARetestOnlyForCiiSystems() throws Exception {
        List<Long> systems = unit1Systems();
        assertThat(systems).hasSizeGreaterThanOrEqualTo(1);
        long cii = systems.get(0);
        assertThat(api.json("supervisor", put("/api/v1/systems/" + cii + "/critical-infrastructure"),
                "{\"criticalInfrastructure\":true,\"protectionDepartment\":\"市公安局\"}").getResponse().getStatus()).isEqualTo(200);
        String version = catalog.version().version();
        String product = version.contains("+") ? version.substring(0, version.indexOf('+')) : version;
        MvcResult overlay = api.call("supervisor", put("/api/v1/rules/overlay").contentType(MediaType.parseMediaType("text/yaml")).content(
                "overlay: {name: 关基区, version: cii-1, basedOn: " + product + "}\nparameters:\n"
                        + "  A10.2-retest-required: {when: {required: true, conditions: [\"cii == true\"]}}\n"));
        assertThat(overlay.getResponse().getStatus()).as(overlay.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);

        MvcResult onCii = api.json("supervisor", post("/api/v1/hazards"), "{\"systemId\":" + cii + ",\"title\":\"关基系统隐患\",\"severity\":\"MEDIUM\"}");
        assertThat(onCii.getResponse().getStatus()).as(onCii.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        assertThat(ApiClient.body(api.call("supervisor", get("/api/v1/hazards/" + ApiClient.body(onCii).get("id").asLong()))).get("retestRequired").asBoolean())
                .isTrue();

        jdbc.sql("update systems_system set cii = false, cii_department = null where id = :id").param("id", cii).update();
        MvcResult plain = api.json("supervisor", post("/api/v1/hazards"), "{\"systemId\":" + cii + ",\"title\":\"非关基时的隐患\",\"severity\":\"MEDIUM\"}");
        assertThat(ApiClient.body(api.call("supervisor", get("/api/v1/hazards/" + ApiClient.body(plain).get("id").asLong()))).get("retestRequired").asBoolean())
                .isFalse();
    }

    @Test
    void A10_2_theSystemPageOffersTheFormToTheSupervisorOnlyAndShowsTheErrorBesideTheField() throws Exception {
        long system = unit1Systems().get(0);
        var supervisor = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication(
                cn.govcloud.guard.security.DemoActors.authentication(jdbc, "supervisor"));
        var unit1 = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication(
                cn.govcloud.guard.security.DemoActors.authentication(jdbc, "unit1"));
        String unitPage = mvc.perform(get("/systems/" + system).with(unit1)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(unitPage).contains("关键信息基础设施").doesNotContain("id=\"cii-form\"");

        MvcResult refused = mvc.perform(post("/systems/" + system + "/critical-infrastructure").with(supervisor)
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .param("cii", "true").param("protectionDepartment", "")).andReturn();
        assertThat(refused.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("id=\"cii-form\"", "认定为关基时须填写保护工作部门");
        assertThat(jdbc.sql("select cii from systems_system where id = :id").param("id", system).query(Boolean.class).single()).isFalse();

        MvcResult saved = mvc.perform(post("/systems/" + system + "/critical-infrastructure").with(supervisor)
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .param("cii", "true").param("protectionDepartment", "市委网信办")).andReturn();
        assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/systems/" + system);
        assertThat(mvc.perform(get("/systems/" + system).with(unit1)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("是（保护工作部门：市委网信办）");
    }
}
