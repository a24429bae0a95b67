package cn.govcloud.guard.hazards;

import static cn.govcloud.guard.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.rules.RuleCatalog;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17 point 4: re-test (复测) as a closing step of a hazard (A10.2). The catalog's
 * {@code A10.2-retest-required} is off as the product ships; a district overlay asks it (here for
 * critical hazards), and then the warner closes only after a passed re-test of the current feedback —
 * who, when, the result — is recorded.
 */
@AppTest
class HazardRetestTests {
    static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    RuleCatalog catalog;

    private final ApiClient api = new ApiClient(() -> mvc);

    @AfterEach
    void removeOverlay() throws Exception {
        api.call("supervisor", delete("/api/v1/rules/overlay"));
        clock.reset();
    }

    private long system() {
        return jdbc.sql("select s.id from systems_system s join identity_user u on u.org_id = s.org_id where u.username = 'unit1' "
                + "and s.state = 'ADMITTED' order by s.id").query(Long.class).list().get(0);
    }

    /** Raised by the supervisor, acknowledged and fed back by unit1: awaiting the warner's verification. */
    private long awaitingVerification(String severity, String title) throws Exception {
        MvcResult r = api.json("supervisor", post("/api/v1/hazards"), "{\"systemId\":" + system() + ",\"title\":\"" + title + "\",\"severity\":\"" + severity + "\"}");
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        long id = body(r).get("id").asLong();
        assertThat(api.json("unit1", post("/api/v1/hazards/" + id + "/acknowledge"), "{\"handlerName\":\"李安全\",\"firstMeasures\":\"已隔离\"}")
                .getResponse().getStatus()).isEqualTo(200);
        String today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai"))).toString();
        MvcResult fed = api.call("unit1", multipart("/api/v1/hazards/" + id + "/feedback")
                .file(new MockMultipartFile("documents", "整改报告.pdf", "application/pdf", PDF)).param("measures", "已修复").param("completedOn", today));
        assertThat(fed.getResponse().getStatus()).as(fed.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        return id;
    }

    private String productVersion() {
        String v = catalog.version().version();
        return v.contains("+") ? v.substring(0, v.indexOf('+')) : v;
    }

    private String retest(String result) {
        return "{\"testedBy\":\"王复测\",\"testedAt\":\"" + clock.instant() + "\",\"result\":\"" + result + "\"}";
    }

    @Test
    void A10_2_withoutTheDistrictsFlagNoReTestIsAsked() throws Exception {
        long id = awaitingVerification("CRITICAL", "复测测试·产品默认");
        assertThat(body(api.call("supervisor", get("/api/v1/hazards/" + id))).get("retestRequired").asBoolean()).isFalse();
        assertThat(api.call("supervisor", post("/api/v1/hazards/" + id + "/close")).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void A10_2_aRequiredReTestIsRecordedPassedBeforeTheWarnerCloses() throws Exception {
        MvcResult put = api.call("supervisor", put("/api/v1/rules/overlay").contentType(MediaType.parseMediaType("text/yaml")).content(
                "overlay: {name: 复测区, version: r-1, basedOn: " + productVersion() + "}\nparameters:\n"
                        + "  A10.2-retest-required: {when: {required: true, conditions: [\"severity == CRITICAL\"]}}\n"));
        assertThat(put.getResponse().getStatus()).as(put.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);

        // a high hazard is not concerned
        long high = awaitingVerification("HIGH", "复测测试·高危");
        assertThat(api.call("supervisor", post("/api/v1/hazards/" + high + "/close")).getResponse().getStatus()).isEqualTo(200);

        long id = awaitingVerification("CRITICAL", "复测测试·严重");
        assertThat(body(api.call("unit1", get("/api/v1/hazards/" + id + "/retests"))).get("required").asBoolean()).isTrue();
        MvcResult refused = api.call("supervisor", post("/api/v1/hazards/" + id + "/close"));
        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        assertThat(refused.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("A10.2");

        // bad input names each field and stores nothing; only the warner records it
        MvcResult bad = api.json("supervisor", post("/api/v1/hazards/" + id + "/retests"), "{\"result\":\"MAYBE\"}");
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(bad.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("testedBy", "testedAt", "result");
        assertThat(api.json("unit1", post("/api/v1/hazards/" + id + "/retests"), retest("PASS")).getResponse().getStatus()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from hazards_retest where hazard_id = :h").param("h", id).query(Long.class).single()).isZero();

        // a failed re-test does not let it close
        assertThat(api.json("supervisor", post("/api/v1/hazards/" + id + "/retests"), retest("FAIL")).getResponse().getStatus()).isEqualTo(201);
        assertThat(api.call("supervisor", post("/api/v1/hazards/" + id + "/close")).getResponse().getStatus()).isEqualTo(409);
        // a passed one does; who, when and the result are on the record and in the timeline
        MvcResult passed = api.json("supervisor", post("/api/v1/hazards/" + id + "/retests"), retest("PASS"));
        assertThat(passed.getResponse().getStatus()).isEqualTo(201);
        assertThat(body(passed).get("testedBy").asString()).isEqualTo("王复测");
        assertThat(api.call("supervisor", post("/api/v1/hazards/" + id + "/close")).getResponse().getStatus()).isEqualTo(200);
        JsonNode shown = body(api.call("unit1", get("/api/v1/hazards/" + id)));
        assertThat(shown.get("retests")).hasSize(2);
        assertThat(shown.get("timeline").toString()).contains("RETESTED");
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'hazards.retest' and target = :t").param("t", "hazard:" + id)
                .query(Long.class).single()).isEqualTo(2);
    }
}
