package cn.govcloud.guard.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A10.3: drills (comprehensive every half-year, units confirm, findings) and emergency plans (versioned, a system without one is non-compliant). */
@AppTest
class DrillAndPlanApiTests {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    cn.govcloud.guard.incidents.internal.DrillService drills;
    @Autowired
    cn.govcloud.guard.incidents.internal.PlanService plans;

    private final ApiClient api = new ApiClient(() -> mvc);

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    long orgOf(String user) {
        return jdbc.sql("select org_id from identity_user where username = :u").param("u", user).query(Long.class).single();
    }

    long systemOf(String user) {
        return jdbc.sql("select s.id from systems_system s join identity_user u on u.org_id = s.org_id where u.username = :u order by s.id")
                .param("u", user).query(Long.class).list().get(0);
    }

    MvcResult drill(String date, boolean all) throws Exception {
        var req = multipart("/api/v1/drills").file(new MockMultipartFile("report", "演练总结报告.pdf", "application/pdf", PDF))
                .param("drillDate", date).param("title", "2026年下半年政务云综合应急演练").param("networkAttack", "true")
                .param("dataLeak", "true").param("systemFailure", "true").param("summary", "各场景处置符合预案要求").param("organiser", "王云")
                .param("invitedUnitIds", String.valueOf(orgOf("unit1")))
                .param("findingTitle", "灾备切换后DNS解析未及时更新").param("findingSeverity", "HIGH")
                .param("findingSystemId", String.valueOf(systemOf("unit1"))).param("findingDescription", "切换后15分钟内部分用户无法访问");
        if (all) {
            req.param("drSwitchover", "true");
        }
        return api.call("provider", req);
    }

    /**
     * A10.3, issue 23 point 11: the drill list searches by keyword (title, organiser, invited unit), invited unit and year,
     * pages, and exports exactly the rows found; the API takes the same optional parameters; a bad one is refused naming it.
     */
    @Test
    void A10_3_theDrillList_searchesFiltersAndExportsWhatItShows_badFiltersRefused() throws Exception {
        String token = "演练检索" + System.nanoTime();
        String today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai"))).toString();
        MvcResult created = api.call("provider", multipart("/api/v1/drills")
                .file(new MockMultipartFile("report", "演练总结报告.pdf", "application/pdf", PDF)).param("drillDate", today)
                .param("title", token + "·综合演练").param("networkAttack", "true").param("dataLeak", "true").param("systemFailure", "true")
                .param("drSwitchover", "true").param("summary", "符合预案").param("organiser", "王云")
                .param("invitedUnitIds", String.valueOf(orgOf("unit1"))));
        assertThat(created.getResponse().getStatus()).as(created.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        int year = LocalDate.parse(today).getYear();

        String list = page("supervisor", "/incidents/drills?q=" + token + "&year=" + year);
        assertThat(list).contains(token + "·综合演练", "共 1 条", "id=\"export-xlsx\"");
        assertThat(page("supervisor", "/incidents/drills?q=" + token + "&unit=" + orgOf("unit2"))).doesNotContain(token + "·综合演练")
                .contains("共 0 条");
        assertThat(page("supervisor", "/incidents/drills?q=" + token + "&year=" + (year - 1))).doesNotContain(token + "·综合演练");
        assertThat(page("unit1", "/incidents/drills?q=" + token)).contains(token + "·综合演练");
        assertThat(page("unit2", "/incidents/drills?q=" + token)).doesNotContain(token + "·综合演练"); // not invited

        MvcResult x = mvc.perform(get("/incidents/drills/export.xlsx?q=" + token).with(as("supervisor"))).andReturn();
        assertThat(x.getResponse().getStatus()).isEqualTo(200);
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(x.getResponse().getContentAsByteArray()))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).contains(token);
            assertThat(sheet.getRow(2).getCell(1).getStringCellValue()).isEqualTo(token + "·综合演练");
        }

        JsonNode json = ApiClient.body(api.call("supervisor", get("/api/v1/drills?q=" + token)));
        assertThat(json.size()).isEqualTo(1);
        MvcResult bad = api.call("supervisor", get("/api/v1/drills?year=abc&half=2026-H3"));
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        JsonNode errors = ApiClient.body(bad).path("errors");
        assertThat(errors.has("year") && errors.has("half")).as(errors.toString()).isTrue();
        bad = api.call("supervisor", get("/api/v1/drills?limit=0")); // the API's own limit check, as on every list
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(ApiClient.body(bad).path("errors").has("limit")).isTrue();
        MvcResult badPage = mvc.perform(get("/incidents/drills?q=" + token + "&year=abc").with(as("supervisor"))).andReturn();
        assertThat(badPage.getResponse().getStatus()).isEqualTo(400);
        assertThat(badPage.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("f-year-error", "查询条件有误")
                .doesNotContain(token + "·综合演练");
    }

    private org.springframework.test.web.servlet.request.RequestPostProcessor as(String user) {
        return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                .authentication(cn.govcloud.guard.security.DemoActors.authentication(jdbc, user));
    }

    private String page(String user, String path) throws Exception {
        MvcResult r = mvc.perform(get(path).with(as(user))).andReturn();
        assertThat(r.getResponse().getStatus()).as(path).isEqualTo(200);
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void aDrillSaysWhichScenariosAreMissingAndInvitedUnitsConfirm_A10_3() throws Exception {
        String today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai"))).toString();
        MvcResult partial = drill(today, false);
        assertThat(partial.getResponse().getStatus()).as(partial.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        JsonNode p = ApiClient.body(partial);
        assertThat(p.get("comprehensive").asBoolean()).isFalse();
        assertThat(p.get("missingScenarios").toString()).contains("drSwitchover");
        assertThat(p.get("dutyId").isNull()).isTrue();
        assertThat(p.get("findings").get(0).get("title").asString()).isEqualTo("灾备切换后DNS解析未及时更新");

        MvcResult full = drill(today, true);
        assertThat(full.getResponse().getStatus()).isEqualTo(201);
        long id = ApiClient.body(full).get("id").asLong();
        assertThat(ApiClient.body(full).get("comprehensive").asBoolean()).isTrue();
        assertThat(ApiClient.body(full).get("missingScenarios")).isEmpty();

        // the invited unit sees it and confirms; another unit does not see it
        assertThat(api.call("unit2", get("/api/v1/drills/" + id)).getResponse().getStatus()).isEqualTo(404);
        MvcResult confirmed = api.call("unit1", post("/api/v1/drills/" + id + "/participation"));
        assertThat(confirmed.getResponse().getStatus()).isEqualTo(200);
        assertThat(ApiClient.body(confirmed).get("participants").get(0).get("confirmedAt").isNull()).isFalse();
        assertThat(api.call("unit1", post("/api/v1/drills/" + id + "/participation")).getResponse().getStatus()).isEqualTo(409);
        // bad input: a future date, no scenario, no report → 400, nothing stored
        long before = jdbc.sql("select count(*) from incidents_drill").query(Long.class).single();
        assertThat(api.call("provider", multipart("/api/v1/drills").param("drillDate", "2099-01-01").param("title", "x")).getResponse().getStatus())
                .isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from incidents_drill").query(Long.class).single()).isEqualTo(before);
        assertThat(api.call("provider", get("/api/v1/drills/" + id + "/report")).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void aHalfYearWithoutAComprehensiveDrillIsOverdueForTheProvider_A10_3() throws Exception {
        // today, over the API: the provider and the supervisor see the half-years; a unit does not
        assertThat(ApiClient.body(api.call("provider", get("/api/v1/drills/half-years"))).size()).isEqualTo(4);
        assertThat(ApiClient.body(api.call("supervisor", get("/api/v1/drills/half-years"))).size()).isEqualTo(4);
        assertThat(api.call("unit1", get("/api/v1/drills/half-years")).getResponse().getStatus()).isEqualTo(403);
        // a year on (passwords would have expired, so the service directly): 2027-H1 ended without a comprehensive drill
        clock.set(Instant.parse("2027-07-02T02:00:00Z"));
        var halfYears = drills.halfYears(orgOf("provider"), 4);
        assertThat(halfYears.get(0).label()).isEqualTo("2027-H2");
        assertThat(halfYears.get(0).status()).isEqualTo("DUE");
        assertThat(halfYears.get(1).label()).isEqualTo("2027-H1");
        assertThat(halfYears.get(1).status()).isEqualTo("OVERDUE");
    }

    @Test
    void aSystemWithoutACurrentPlanIsNonCompliantUntilOneIsRecorded_A10_3() throws Exception {
        // a fresh admitted system of unit1 has no plan
        long system = jdbc.sql("select s.id from systems_system s join identity_user u on u.org_id = s.org_id where u.username = 'unit1' "
                + "and s.state = 'ADMITTED' order by s.id desc").query(Long.class).list().get(0);
        JsonNode rows = ApiClient.body(api.call("unit1", get("/api/v1/emergency-plans")));
        JsonNode row = find(rows, system);
        assertThat(row).as("admitted system listed").isNotNull();
        boolean hadPlan = row.get("compliant").asBoolean();
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
        MvcResult recorded = api.call("unit1", multipart("/api/v1/emergency-plans").file(new MockMultipartFile("file", "专项应急预案.pdf",
                        "application/pdf", PDF)).param("systemId", String.valueOf(system)).param("version", "V" + System.nanoTime() % 1000)
                .param("title", "系统专项应急预案").param("approvedBy", "李局长").param("approvedOn", today.minusDays(3).toString())
                .param("effectiveOn", today.minusDays(1).toString()).param("nextRevisionOn", today.plusYears(1).toString()));
        assertThat(recorded.getResponse().getStatus()).as(recorded.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        row = find(ApiClient.body(api.call("unit1", get("/api/v1/emergency-plans"))), system);
        assertThat(row.get("compliant").asBoolean()).isTrue();
        assertThat(row.get("versions").asInt()).isGreaterThanOrEqualTo(hadPlan ? 2 : 1);
        // another unit cannot record a plan for it, nor read it
        long planId = row.get("current").get("id").asLong();
        assertThat(api.call("unit2", get("/api/v1/emergency-plans/" + planId + "/document")).getResponse().getStatus()).isEqualTo(404);
        assertThat(api.call("unit2", multipart("/api/v1/emergency-plans").file(new MockMultipartFile("file", "p.pdf", "application/pdf", PDF))
                .param("systemId", String.valueOf(system)).param("version", "X").param("title", "x").param("approvedBy", "x")
                .param("approvedOn", today.toString()).param("effectiveOn", today.toString()).param("nextRevisionOn", today.plusYears(1).toString()))
                .getResponse().getStatus()).isEqualTo(422);
        // a plan past its revision date is not in force
        clock.set(today.plusYears(1).plusDays(2).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant());
        var later = plans.rows(cn.govcloud.guard.security.DemoActors.actor(jdbc, "unit1")).stream()
                .filter(x -> x.systemId() != null && x.systemId() == system).findFirst().orElseThrow();
        assertThat(later.compliant()).isFalse();
    }

    @Test
    void theProvidersOverallPlanIsVersioned_A10_3() throws Exception {
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
        MvcResult recorded = api.call("provider", multipart("/api/v1/emergency-plans").file(new MockMultipartFile("file", "总体应急预案.pdf",
                        "application/pdf", PDF)).param("version", "2026版").param("title", "政务云平台总体应急预案").param("approvedBy", "王总")
                .param("approvedOn", today.minusDays(2).toString()).param("effectiveOn", today.toString())
                .param("nextRevisionOn", today.plusYears(1).toString()).param("changes", "增加勒索病毒处置流程"));
        assertThat(recorded.getResponse().getStatus()).as(recorded.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        JsonNode rows = ApiClient.body(api.call("provider", get("/api/v1/emergency-plans")));
        assertThat(rows.size()).isEqualTo(1);
        assertThat(rows.get(0).get("kind").asString()).isEqualTo("PLATFORM");
        assertThat(rows.get(0).get("compliant").asBoolean()).isTrue();
    }

    /**
     * A10.3, issue 23 point 11: the plan list searches by keyword (system, unit, plan) and by whether a plan is in force,
     * exports the rows it shows, and the API takes the same optional parameters; a bad one is refused naming it.
     */
    @Test
    void A10_3_thePlanList_searchesFiltersAndExportsWhatItShows_badFiltersRefused() throws Exception {
        String name = jdbc.sql("select s.name from systems_system s join identity_user u on u.org_id = s.org_id where u.username = 'unit1' "
                + "and s.state = 'ADMITTED' order by s.id").query(String.class).list().get(0);
        String list = page("supervisor", "/incidents/plans?q=" + name);
        assertThat(list).contains(name, "id=\"plan-search\"", "id=\"export-xlsx\"");
        assertThat(page("supervisor", "/incidents/plans?q=" + name + "&unit=" + orgOf("unit2"))).contains("共 0 条");
        assertThat(page("unit2", "/incidents/plans?q=" + name)).contains("共 0 条");
        JsonNode all = ApiClient.body(api.call("supervisor", get("/api/v1/emergency-plans?q=" + name)));
        assertThat(all.size()).isPositive();
        all.forEach(r -> assertThat(r.toString()).contains(name));
        JsonNode missing = ApiClient.body(api.call("supervisor", get("/api/v1/emergency-plans?state=missing")));
        missing.forEach(r -> assertThat(r.get("compliant").asBoolean()).isFalse());
        MvcResult x = mvc.perform(get("/incidents/plans/export.xlsx?q=" + name).with(as("supervisor"))).andReturn();
        assertThat(x.getResponse().getStatus()).isEqualTo(200);
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(x.getResponse().getContentAsByteArray()))) {
            assertThat(book.getSheetAt(0).getRow(2).getCell(0).getStringCellValue()).contains(name);
        }
        MvcResult bad = api.call("supervisor", get("/api/v1/emergency-plans?state=maybe&unit=x"));
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(ApiClient.body(bad).path("errors").has("state")).isTrue();
        MvcResult badPage = mvc.perform(get("/incidents/plans?state=maybe").with(as("supervisor"))).andReturn();
        assertThat(badPage.getResponse().getStatus()).isEqualTo(400);
        assertThat(badPage.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("f-state-error");
        assertThat(mvc.perform(get("/incidents/plans/export.xlsx?unit=x").with(as("supervisor"))).andReturn().getResponse().getStatus())
                .isEqualTo(400);
    }

    static JsonNode find(JsonNode rows, long system) {
        for (JsonNode r : rows) {
            if (!r.get("systemId").isNull() && r.get("systemId").asLong() == system) {
                return r;
            }
        }
        return null;
    }
}
