package cn.govcloud.guard.rules;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
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
 * Issue 17 point 16: the values the Measures leave open live in the catalog's {@code parameters}
 * with a note, and a district overlay (A13) changes each: the remote channel's window (A9.2), the
 * data-access grant's window (A8.1), what makes a drill comprehensive (A10.3), the grading
 * thresholds (A10.4). Each test shows the product value at work, then the overlay's.
 */
@AppTest
class CatalogParametersTests {
    static final MediaType YAML = MediaType.parseMediaType("text/yaml");
    static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    MockMvc mvc;
    private final ApiClient api = new ApiClient(() -> mvc);
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    RuleCatalog catalog;

    @AfterEach
    void removeOverlay() throws Exception {
        api.call("supervisor", delete("/api/v1/rules/overlay"));
        clock.reset();
    }

    String page(String path, String user) throws Exception {
        return mvc.perform(get(path).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                .authentication(cn.govcloud.guard.security.DemoActors.authentication(jdbc, user))).accept(MediaType.TEXT_HTML))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    void overlay(String version, String parameters) throws Exception {
        MvcResult r = api.call("supervisor", put("/api/v1/rules/overlay").contentType(YAML).content(
                "overlay: {name: 参数测试区, version: " + version + ", basedOn: " + productVersion() + "}\nparameters:\n" + parameters));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
    }

    String productVersion() {
        String v = catalog.version().version();
        return v.contains("+") ? v.substring(0, v.indexOf('+')) : v;
    }

    long systemOf(String user) {
        return jdbc.sql("select s.id from systems_system s join identity_user u on u.org_id = s.org_id where u.username = :u order by s.id")
                .param("u", user).query(Long.class).list().get(0);
    }

    long orgOf(String user) {
        return jdbc.sql("select org_id from identity_user where username = :u").param("u", user).query(Long.class).single();
    }

    @Test
    void theCatalogListsEachOpenValueWithItsNote_A13() throws Exception {
        JsonNode rules = body(api.call("unit1", get("/api/v1/rules")));
        Map<String, JsonNode> byId = new HashMap<>();
        rules.get("parameters").forEach(p -> byId.put(p.get("id").asString(), p));
        assertThat(byId).containsKeys("A9.2-channel-max-window", "A9.3-long-term-channel-max", "A8.1-grant-max-window",
                "A10.3-comprehensive-drill", "A10.4-grading-thresholds", "A10.4-grading-data");
        byId.values().forEach(p -> assertThat(p.get("note").asString()).isNotBlank());
        overlay("p-0", "  A9.2-channel-max-window: {duration: PT4H}\n");
        String page = page("/rules", "unit1");
        assertThat(page).contains("可调参数", "parameter-A9.2-channel-max-window", "PT4H", "PT8H");
    }

    String channel(Instant starts, Duration window) {
        return "{\"systemId\":" + systemOf("unit1") + ",\"purpose\":\"补丁升级\",\"operations\":\"升级并重启\",\"accounts\":\"dbadmin\","
                + "\"channelType\":\"VPN\",\"operatorName\":\"杨洋\",\"startsAt\":\"" + starts + "\",\"endsAt\":\"" + starts.plus(window)
                + "\",\"longTerm\":false}";
    }

    @Test
    void A9_2_aDistrictShortensTheTemporaryChannelWindow() throws Exception {
        Instant now = clock.instant();
        assertThat(api.json("unit1staff", post("/api/v1/channels"), channel(now, Duration.ofHours(6))).getResponse().getStatus()).isEqualTo(201);
        overlay("p-1", "  A9.2-channel-max-window: {duration: PT4H}\n");
        MvcResult refused = api.json("unit1staff", post("/api/v1/channels"), channel(now, Duration.ofHours(6)));
        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        assertThat(refused.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("A9.2");
        assertThat(api.json("unit1staff", post("/api/v1/channels"), channel(now, Duration.ofHours(3))).getResponse().getStatus()).isEqualTo(201);
        assertThat(page("/access/channels", "unit1staff")).contains("不超过 4 小时");
    }

    String grant(Instant starts, Duration window) {
        return "{\"systemId\":" + systemOf("unit2") + ",\"purpose\":\"数据迁移\",\"scope\":[\"VIEW\"],\"startsAt\":\"" + starts
                + "\",\"endsAt\":\"" + starts.plus(window) + "\"}";
    }

    @Test
    void A8_1_aDistrictShortensTheDataAccessGrantWindow() throws Exception {
        Instant now = clock.instant();
        assertThat(api.json("provider", post("/api/v1/data-access/grants"), grant(now, Duration.ofDays(60))).getResponse().getStatus()).isEqualTo(201);
        overlay("p-2", "  A8.1-grant-max-window: {duration: P30D}\n");
        MvcResult refused = api.json("provider", post("/api/v1/data-access/grants"), grant(now, Duration.ofDays(60)));
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        assertThat(refused.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("endsAt");
        assertThat(api.json("provider", post("/api/v1/data-access/grants"), grant(now, Duration.ofDays(20))).getResponse().getStatus()).isEqualTo(201);
    }

    MvcResult drillWithoutDrSwitchover() throws Exception {
        String today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai"))).toString();
        return api.call("provider", multipart("/api/v1/drills").file(new MockMultipartFile("report", "演练总结报告.pdf", "application/pdf", PDF))
                .param("drillDate", today).param("title", "综合应急演练（不含灾备切换）").param("networkAttack", "true")
                .param("dataLeak", "true").param("systemFailure", "true").param("summary", "处置符合预案").param("organiser", "王云")
                .param("invitedUnitIds", String.valueOf(orgOf("unit1"))));
    }

    @Test
    void A10_3_aDistrictSaysWhichScenariosMakeADrillComprehensive() throws Exception {
        MvcResult before = drillWithoutDrSwitchover();
        assertThat(before.getResponse().getStatus()).isEqualTo(201);
        assertThat(body(before).get("comprehensive").asBoolean()).isFalse();
        assertThat(body(before).get("missingScenarios").toString()).contains("drSwitchover");
        overlay("p-3", "  A10.3-comprehensive-drill: {choices: [networkAttack, dataLeak, systemFailure]}\n");
        MvcResult after = drillWithoutDrSwitchover();
        assertThat(body(after).get("comprehensive").asBoolean()).isTrue();
        assertThat(body(after).get("missingScenarios")).isEmpty();
        // a scenario the platform does not record is refused, and the overlay in force stays
        MvcResult bad = api.call("supervisor", put("/api/v1/rules/overlay").contentType(YAML).content("overlay: {name: 参数测试区, version: p-3b, basedOn: "
                + productVersion() + "}\nparameters:\n  A10.3-comprehensive-drill: {choices: [earthquake]}\n"));
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(catalog.version().version()).endsWith("@p-3");
    }

    String incident(String criteria) {
        return "{\"grade\": \"IV\", \"category\": \"FACILITY_FAILURE\", \"subType\": \"FACILITY_FAILURE.HARDWARE_SOFTWARE\", \"confirmedAt\": \""
                + clock.instant().minusSeconds(60) + "\", " + criteria + "}";
    }

    @Test
    void A10_4_aDistrictChangesTheGradingThresholds() throws Exception {
        MvcResult before = api.json("provider", post("/api/v1/incidents"), incident("\"criticalOutageHours\": 4"));
        assertThat(before.getResponse().getStatus()).as(before.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        assertThat(body(before).get("suggestedGrade").asString()).isEqualTo("II");
        overlay("p-4", "  A10.4-grading-thresholds: {thresholds: {criticalOutageHours: {I: 4}}}\n  A10.4-grading-data: {grades: {IMPORTANT: III}}\n");
        assertThat(body(api.json("provider", post("/api/v1/incidents"), incident("\"criticalOutageHours\": 4"))).get("suggestedGrade").asString())
                .isEqualTo("I");
        assertThat(body(api.json("provider", post("/api/v1/incidents"), incident("\"dataAffected\": \"IMPORTANT\""))).get("suggestedGrade").asString())
                .isEqualTo("III");
        JsonNode classification = body(api.call("provider", get("/api/v1/incidents/classification")));
        assertThat(classification.get("thresholds").get(1).get("grade1").asInt()).isEqualTo(4);
        // I ≥ II ≥ III: a threshold for I below that for II is refused
        MvcResult bad = api.call("supervisor", put("/api/v1/rules/overlay").contentType(YAML).content("overlay: {name: 参数测试区, version: p-4b, basedOn: "
                + productVersion() + "}\nparameters:\n  A10.4-grading-thresholds: {thresholds: {criticalOutageHours: {I: 1}}}\n"));
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(bad.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("I ≥ II ≥ III");
    }
}
