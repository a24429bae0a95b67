package cn.govcloud.guard.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.security.DemoActors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;

/**
 * Issue 22 point 3: the 非涉密 declaration at registration (A2, 第二条: the government cloud hosts only non-classified
 * systems) — no admission request without it —, the 保密 reviewer (SECRECY_REVIEWER) who reads every system's
 * declaration and 关基 flag city-wide and nothing else, and the flags on the systems list and page.
 */
@AppTest
class ClassificationTests {
    private static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    private final ApiClient api = new ApiClient(() -> mvc);
    private final List<Long> madeCii = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        for (long id : madeCii) {
            jdbc.sql("update systems_system set cii = false, cii_department = null where id = :id").param("id", id).update();
        }
        madeCii.clear();
        clock.reset();
    }

    private long register(String extra) throws Exception {
        String name = "分类测试-" + UUID.randomUUID().toString().substring(0, 8);
        MvcResult r = api.json("unit1", post("/api/v1/systems"), """
                {"name":"%s","mlpsLevel":2,"purpose":"测试",%s"responsibleName":"张三","responsibleMobile":"13812345678",
                 "exposure":["GOV_EXTRANET"],"addresses":["10.66.%d.5"]}""".formatted(name, extra, (int) (Math.random() * 200)));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        return ApiClient.body(r).get("id").asLong();
    }

    private void agreement(long id) throws Exception {
        MvcResult r = api.call("unit1", multipart("/api/v1/systems/" + id + "/agreement").file(new MockMultipartFile("file", "协议.pdf",
                        "application/pdf", PDF)).param("agreementNumber", "BTZWY-XY-2026-9" + id).param("unitSignatory", "李局长")
                .param("providerSignatory", "王经理").param("signedOn", "2026-11-20"));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
    }

    private static RequestPostProcessor as(JdbcClient jdbc, String user) {
        return authentication(DemoActors.authentication(jdbc, user));
    }

    private String state(long id) {
        return jdbc.sql("select state from systems_system where id = :id").param("id", id).query(String.class).single();
    }

    @Test
    void A2_anAdmissionRequestWithoutTheNonClassifiedDeclarationIsRefusedNamingA2() throws Exception {
        long id = register("");
        agreement(id);
        String before = state(id);
        MvcResult r = api.call("unit1", post("/api/v1/systems/" + id + "/admission"));
        assertThat(r.getResponse().getStatus()).isEqualTo(409);
        JsonNode problem = ApiClient.body(r);
        assertThat(problem.get("rule").asString()).isEqualTo("A2");
        assertThat(problem.get("detail").asString()).contains("非涉密", "第二条");
        assertThat(state(id)).isEqualTo(before); // nothing changed

        // a declaration without its box ticked or without a declarant: 400 naming each field, nothing stored
        String path = "/api/v1/systems/" + id + "/non-classified-declaration";
        r = api.json("unit1", put(path), "{\"nonClassified\":false,\"declarant\":\" \"}");
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        assertThat(ApiClient.body(r).get("errors").propertyNames()).contains("nonClassified", "nonClassifiedDeclarant");
        assertThat(ApiClient.body(api.call("unit1", get(path))).get("nonClassified").asBoolean()).isFalse();
        // only the unit declares; another unit does not even see the system
        assertThat(api.json("supervisor", put(path), "{\"nonClassified\":true,\"declarant\":\"王建国\"}").getResponse().getStatus()).isEqualTo(403);
        assertThat(api.json("unit2", put(path), "{\"nonClassified\":true,\"declarant\":\"陈静\"}").getResponse().getStatus()).isEqualTo(404);

        Instant now = Instant.parse("2026-12-07T02:00:00Z");
        clock.set(now);
        api.forgetTokens();
        r = api.json("unit1", put(path), "{\"nonClassified\":true,\"declarant\":\"李局长\"}");
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode d = ApiClient.body(api.call("regulator", get(path)));
        assertThat(d.get("nonClassified").asBoolean()).isTrue();
        assertThat(d.get("declarant").asString()).isEqualTo("李局长");
        assertThat(Instant.parse(d.get("declaredAt").asString())).isEqualTo(now);
        assertThat(d.get("declaredBy").asString()).isEqualTo("unit1");
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'systems.non-classified' and target = :t")
                .param("t", "system:" + id).query(Long.class).single()).isEqualTo(1);

        r = api.call("unit1", post("/api/v1/systems/" + id + "/admission"));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(state(id)).isEqualTo("AWAITING_VERIFICATION");
    }

    @Test
    void A2_theDeclarationIsMadeWithTheRegistrationAndABadOneSavesNothing() throws Exception {
        long before = jdbc.sql("select count(*) from systems_system").query(Long.class).single();
        MvcResult r = api.json("unit1", post("/api/v1/systems"), """
                {"name":"声明不全","mlpsLevel":2,"exposure":["GOV_EXTRANET"],"nonClassified":true}""");
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        assertThat(ApiClient.body(r).get("errors").propertyNames()).contains("nonClassifiedDeclarant");
        assertThat(jdbc.sql("select count(*) from systems_system").query(Long.class).single()).isEqualTo(before);

        long id = register("\"nonClassified\":true,\"nonClassifiedDeclarant\":\"刘芳\",");
        JsonNode d = ApiClient.body(api.call("unit1", get("/api/v1/systems/" + id + "/non-classified-declaration")));
        assertThat(d.get("nonClassified").asBoolean()).isTrue();
        assertThat(d.get("declarant").asString()).isEqualTo("刘芳");
        // the list carries both flags and filters on them
        JsonNode listed = ApiClient.body(api.call("unit1", get("/api/v1/systems?nonClassified=true&limit=200"))).get("items");
        assertThat(listed.toString()).contains("\"id\":" + id + ",");
        for (JsonNode s : listed) {
            assertThat(s.get("nonClassified").asBoolean()).isTrue();
        }
        assertThat(ApiClient.body(api.call("unit1", get("/api/v1/systems?nonClassified=false&limit=200"))).get("items").toString())
                .doesNotContain("\"id\":" + id + ",");
    }

    @Test
    void A2_theDemoCitysSystemsAreDeclaredNonClassified() {
        assertThat(jdbc.sql("select non_classified from systems_system where name = '教育局招生考试系统'").query(Boolean.class).list())
                .isNotEmpty().containsOnly(true);
    }

    @Test
    void A2_theSecrecyReviewerReadsEveryUnitsFlagsAndNothingElse() throws Exception {
        long declared = register("\"nonClassified\":true,\"nonClassifiedDeclarant\":\"刘芳\",");
        long undeclared = register("");
        jdbc.sql("update systems_system set cii = true, cii_department = '自治区教育厅' where id = :id").param("id", declared).update();
        madeCii.add(declared);
        long otherUnits = jdbc.sql("select s.id from systems_system s join identity_user u on u.org_id = s.org_id where u.username = 'unit2' "
                + "order by s.id").query(Long.class).list().get(0);

        MvcResult r = api.call("secrecy", get("/api/v1/system-classification?limit=200"));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        String all = ApiClient.body(r).get("items").toString();
        assertThat(all).contains("\"id\":" + declared + ",", "\"id\":" + undeclared + ",", "\"id\":" + otherUnits + ",");
        // the filters: 关基 only, and the undeclared only
        JsonNode cii = ApiClient.body(api.call("secrecy", get("/api/v1/system-classification?cii=true&limit=200"))).get("items");
        assertThat(cii.toString()).contains("\"id\":" + declared + ",").doesNotContain("\"id\":" + undeclared + ",");
        for (JsonNode e : cii) {
            assertThat(e.get("criticalInfrastructure").asBoolean()).isTrue();
            if (e.get("id").asLong() == declared) {
                assertThat(e.get("protectionDepartment").asString()).isEqualTo("自治区教育厅");
                assertThat(e.get("declarant").asString()).isEqualTo("刘芳");
            }
        }
        JsonNode missing = ApiClient.body(api.call("secrecy", get("/api/v1/system-classification?nonClassified=false&limit=200"))).get("items");
        assertThat(missing.toString()).contains("\"id\":" + undeclared + ",").doesNotContain("\"id\":" + declared + ",");
        // nothing else of the systems, nor of the other modules
        for (String path : List.of("/api/v1/systems", "/api/v1/systems/" + declared, "/api/v1/systems/" + declared + "/non-classified-declaration",
                "/api/v1/incidents", "/api/v1/duties", "/api/v1/hazards", "/api/v1/system-register", "/api/v1/compliance")) {
            assertThat(api.call("secrecy", get(path)).getResponse().getStatus()).as(path).isEqualTo(403);
        }
        // and a unit does not read the city-wide register
        assertThat(api.call("unit1", get("/api/v1/system-classification")).getResponse().getStatus()).isEqualTo(403);
        assertThat(api.call("provider", get("/api/v1/system-classification")).getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void A2_theReviewersPageTheFlagsOnTheListAndThePageAndTheDeclarationForm() throws Exception {
        long declared = register("\"nonClassified\":true,\"nonClassifiedDeclarant\":\"刘芳\",");
        long undeclared = register("");
        jdbc.sql("update systems_system set cii = true, cii_department = '自治区教育厅' where id = :id").param("id", declared).update();
        madeCii.add(declared);

        // the reviewer's page, filtered; the navigation offers it, and the systems list is not the reviewer's
        String page = mvc.perform(get("/system-classification").param("cii", "true").with(as(jdbc, "secrecy"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("系统分类标志", "data-system-id=\"" + declared + "\"", "自治区教育厅", "已声明（声明人：刘芳")
                .doesNotContain("data-system-id=\"" + undeclared + "\"");
        assertThat(mvc.perform(get("/").with(as(jdbc, "secrecy"))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("href=\"/system-classification\"", "保密审查员");
        assertThat(mvc.perform(get("/systems").with(as(jdbc, "secrecy"))).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/system-classification").with(as(jdbc, "unit1"))).andReturn().getResponse().getStatus()).isEqualTo(403);

        // the unit's list: badges and the filters
        String list = mvc.perform(get("/systems").param("cii", "true").with(as(jdbc, "unit1"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(list).contains("/systems/" + declared + "\"", "flag-cii", "flag-non-classified", "id=\"nonClassifiedFilter\"")
                .doesNotContain("/systems/" + undeclared + "\"");
        list = mvc.perform(get("/systems").param("nonClassified", "false").with(as(jdbc, "unit1"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(list).contains("/systems/" + undeclared + "\"", "flag-undeclared").doesNotContain("/systems/" + declared + "\"");

        // the system page: badges; the declaration form with its error beside the field, then the declaration
        assertThat(mvc.perform(get("/systems/" + declared).with(as(jdbc, "unit1"))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("id=\"badge-cii\"", "id=\"badge-non-classified\"");
        String undeclaredPage = mvc.perform(get("/systems/" + undeclared).with(as(jdbc, "unit1"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(undeclaredPage).contains("id=\"badge-undeclared\"", "id=\"non-classified-form\"");
        MvcResult bad = mvc.perform(post("/systems/" + undeclared + "/non-classified").with(as(jdbc, "unit1")).with(csrf())
                .param("nonClassifiedDeclarant", "刘芳")).andReturn();
        assertThat(bad.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("id=\"non-classified-form\"", "请勾选非涉密声明");
        MvcResult ok = mvc.perform(post("/systems/" + undeclared + "/non-classified").with(as(jdbc, "unit1")).with(csrf())
                .param("nonClassified", "true").param("nonClassifiedDeclarant", "刘芳")).andReturn();
        assertThat(ok.getResponse().getRedirectedUrl()).isEqualTo("/systems/" + undeclared);
        assertThat(mvc.perform(get("/systems/" + undeclared).with(as(jdbc, "unit1"))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("id=\"badge-non-classified\"", "已声明（声明人：刘芳", "非涉密声明");

        // the registration form offers the declaration, and a declarant without the box is refused beside the field
        assertThat(mvc.perform(get("/systems/new").with(as(jdbc, "unit1"))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("id=\"nonClassified\"", "id=\"nonClassifiedDeclarant\"");
        MvcResult form = mvc.perform(post("/systems").with(as(jdbc, "unit1")).with(csrf()).param("name", "页面声明测试").param("mlpsLevel", "2")
                .param("exposure", "GOV_EXTRANET").param("nonClassifiedDeclarant", "刘芳")).andReturn();
        assertThat(form.getResponse().getStatus()).isEqualTo(200);
        assertThat(form.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("请勾选非涉密声明", "value=\"页面声明测试\"");
        form = mvc.perform(post("/systems").with(as(jdbc, "unit1")).with(csrf()).param("name", "页面声明测试").param("mlpsLevel", "2")
                .param("exposure", "GOV_EXTRANET").param("nonClassified", "true").param("nonClassifiedDeclarant", "刘芳")).andReturn();
        assertThat(form.getResponse().getRedirectedUrl()).matches("/systems/\\d+");
        long created = Long.parseLong(form.getResponse().getRedirectedUrl().substring("/systems/".length()));
        assertThat(jdbc.sql("select non_classified_declarant from systems_system where id = :id").param("id", created).query(String.class).single())
                .isEqualTo("刘芳");
    }
}
