package cn.govcloud.guard.roster;

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
import cn.govcloud.guard.TestActors;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyEngine;
import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.security.DemoActors;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.TimeConfiguration;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Issue 22 point 2, the security-responsibility roster (第一条 责任制, A4): a unit's security officer keeps their own
 * unit's roster and nobody else's; the supervisor reads every unit's (filters: unit, this year's letter), the regulators
 * read them masked, the provider none; mobiles are masked unless revealed (audited); a malformed mobile is refused
 * naming its field; the yearly A4-responsibility-letter duty is raised for the unit and closed by uploading the signed
 * letter — also a letter uploaded before its year's duty was raised, the moment the engine raises it; the list searches
 * by keyword and filters, and exports to Excel what it shows, with Chinese columns and the mobiles masked.
 */
@AppTest
class RosterTests {
    static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired MockMvc mvc;
    @Autowired IdentityManagement identity;
    @Autowired JdbcClient jdbc;
    @Autowired DutyEngine engine;
    @Autowired Duties duties;
    @Autowired MutableClock clock;

    private final ApiClient api = new ApiClient(() -> mvc);
    private long org;
    private String orgName;
    private Authentication officer;
    private String tag;
    private String principalMobile;

    @BeforeEach
    void setUp() {
        tag = UUID.randomUUID().toString().substring(0, 8);
        SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "sysadmin"));
        orgName = "名单测试单位-" + tag;
        org = identity.createOrganisation(orgName, OrgKind.UNIT);
        SecurityContextHolder.clearContext();
        officer = TestActors.unitOfficer(org);
        principalMobile = "139" + String.format("%08d", Math.abs(tag.hashCode() % 100_000_000));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String body(String principalMobile, String onCall) {
        return """
                {"principal": {"name": "张局长", "post": "局长", "officePhone": "0472-5100001", "mobile": "%s"},
                 "leader": {"name": "李副局长", "post": "副局长", "officePhone": "0472-5100002", "mobile": "13947200002"},
                 "administrator": {"name": "王管理员", "post": "网络安全管理员", "mobile": "13847200003"},
                 "onCallPhone": "%s"}""".formatted(principalMobile, onCall);
    }

    private MvcResult as(Authentication who, AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
        return mvc.perform(request.with(authentication(who)).with(csrf())).andReturn();
    }

    private MvcResult saveAsOfficer(String json) throws Exception {
        return as(officer, put("/api/v1/roster").contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private static JsonNode json(MvcResult r) throws Exception {
        return ApiClient.body(r);
    }

    private long audits(String action) {
        return jdbc.sql("select count(*) from audit_record where action = :a and target = :t").param("a", action)
                .param("t", "organisation:" + org).query(Long.class).single();
    }

    @Test
    void A4_aUnitsSecurityOfficerKeepsItsOwnRoster_mobilesMasked_everyChangeAudited() throws Exception {
        MvcResult saved = saveAsOfficer(body(principalMobile, "15947209999"));
        assertThat(saved.getResponse().getStatus()).as(saved.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode r = json(saved);
        assertThat(r.get("filed").asBoolean()).isTrue();
        assertThat(r.get("onCallPhone").asString()).isEqualTo("15947209999");
        assertThat(r.get("people")).hasSize(3);
        JsonNode principal = r.get("people").get(0);
        assertThat(principal.get("position").asString()).isEqualTo("PRINCIPAL");
        assertThat(principal.get("name").asString()).isEqualTo("张局长");
        assertThat(principal.get("mobileMasked").asString()).isEqualTo(principalMobile.substring(0, 3) + "****" + principalMobile.substring(7));
        assertThat(saved.getResponse().getContentAsString(StandardCharsets.UTF_8)).doesNotContain(principalMobile);
        assertThat(audits("roster.save")).isEqualTo(1);

        // a blank mobile keeps the number on record; the change is audited again
        MvcResult again = saveAsOfficer(body("", "15947209998"));
        assertThat(again.getResponse().getStatus()).isEqualTo(200);
        assertThat(json(again).get("people").get(0).get("mobileMasked").asString()).isEqualTo(principal.get("mobileMasked").asString());
        assertThat(audits("roster.save")).isEqualTo(2);

        // the unit reads its own (and only its own) in the list
        JsonNode list = json(as(officer, get("/api/v1/roster")));
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("orgId").asLong()).isEqualTo(org);

        // the full numbers: to the unit's own people, audited
        MvcResult revealed = as(officer, post("/api/v1/roster/" + org + "/mobiles/reveal"));
        assertThat(revealed.getResponse().getStatus()).isEqualTo(200);
        assertThat(json(revealed).get(0).get("mobile").asString()).isEqualTo(principalMobile);
        assertThat(audits("roster.mobile.view")).isEqualTo(1);
    }

    @Test
    void A4_aMalformedMobileIsRefusedNamingTheField_andNothingIsStored() throws Exception {
        MvcResult r = saveAsOfficer(body("1380013", "010-1234"));
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        assertThat(r.getResponse().getContentType()).startsWith("application/problem+json");
        JsonNode errors = json(r).get("errors");
        assertThat(errors.has("principal.mobile")).isTrue();
        assertThat(errors.get("principal.mobile").asString()).contains("11位");
        assertThat(errors.has("onCallPhone")).isTrue();
        assertThat(json(as(officer, get("/api/v1/roster/" + org))).get("filed").asBoolean()).isFalse();
        assertThat(audits("roster.save")).isZero();

        // a first roster without a mobile: required
        MvcResult missing = saveAsOfficer(body("", "15947209999"));
        assertThat(missing.getResponse().getStatus()).isEqualTo(400);
        assertThat(json(missing).get("errors").has("principal.mobile")).isTrue();
    }

    @Test
    void A4_aUnitCannotSeeOrEditAnotherUnitsRoster_andTheProviderSeesNone() throws Exception {
        assertThat(saveAsOfficer(body(principalMobile, "15947209999")).getResponse().getStatus()).isEqualTo(200);

        // another unit: not found (ids reveal nothing), not in its list, its reveal refused
        assertThat(api.call("unit2", get("/api/v1/roster/" + org)).getResponse().getStatus()).isEqualTo(404);
        assertThat(api.call("unit2", post("/api/v1/roster/" + org + "/mobiles/reveal")).getResponse().getStatus()).isEqualTo(404);
        JsonNode theirs = json(api.call("unit2", get("/api/v1/roster")));
        assertThat(theirs).hasSize(1);
        assertThat(theirs.get(0).get("orgId").asLong()).isNotEqualTo(org);
        assertThat(api.call("unit2", get("/api/v1/roster/export.xlsx")).getResponse().getStatus()).isEqualTo(200);
        // a PUT names no unit: an officer edits their own unit's roster only, ours is unchanged by anyone else
        assertThat(json(as(officer, get("/api/v1/roster/" + org))).get("onCallPhone").asString()).isEqualTo("15947209999");

        // a unit's staff reads but does not edit
        assertThat(api.call("unit1staff", get("/api/v1/roster")).getResponse().getStatus()).isEqualTo(200);
        assertThat(api.json("unit1staff", put("/api/v1/roster"), body("13947201234", "15947201234")).getResponse().getStatus()).isEqualTo(403);

        // the provider: none, neither over the API nor as a page
        assertThat(api.call("provider", get("/api/v1/roster")).getResponse().getStatus()).isEqualTo(403);
        assertThat(api.call("provider", get("/api/v1/roster/" + org)).getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/roster").with(authentication(DemoActors.authentication(jdbc, "provider"))))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void A4_theSupervisorReadsEveryRoster_theRegulatorMasked_andOnlyTheSupervisorRevealsAudited() throws Exception {
        assertThat(saveAsOfficer(body(principalMobile, "15947209999")).getResponse().getStatus()).isEqualTo(200);

        JsonNode all = json(api.call("supervisor", get("/api/v1/roster")));
        assertThat(all.size()).isGreaterThan(2);
        List<String> names = new ArrayList<>();
        all.forEach(n -> names.add(n.get("orgName").asString()));
        assertThat(names).contains(orgName, "包头市教育局", "包头市卫生健康委员会");
        // the demo city: every unit filed its roster; all but 卫健委 uploaded this year's letter, so its duty shows
        for (JsonNode demo : all) {
            String name = demo.get("orgName").asString();
            if (name.equals("包头市教育局") || name.equals("包头市卫生健康委员会")) {
                assertThat(demo.get("filed").asBoolean()).as(name).isTrue();
                assertThat(demo.get("signedThisYear").asBoolean()).as(name).isEqualTo(name.equals("包头市教育局"));
                assertThat(demo.get("dutyState").asString()).as(name).isEqualTo(name.equals("包头市教育局") ? "ACCEPTED" : "OPEN");
            }
        }
        JsonNode one = json(api.call("supervisor", get("/api/v1/roster").param("unit", String.valueOf(org))));
        assertThat(one).hasSize(1);
        assertThat(one.get(0).get("people").get(0).get("mobileMasked").asString()).contains("****");

        JsonNode seenByRegulator = json(api.call("regulator", get("/api/v1/roster/" + org)));
        assertThat(seenByRegulator.get("people").get(0).get("mobileMasked").asString()).doesNotContain(principalMobile);
        assertThat(api.call("regulator", post("/api/v1/roster/" + org + "/mobiles/reveal")).getResponse().getStatus()).isEqualTo(403);
        assertThat(api.json("regulator", put("/api/v1/roster"), body(principalMobile, "15947209999")).getResponse().getStatus()).isEqualTo(403);

        MvcResult revealed = api.call("supervisor", post("/api/v1/roster/" + org + "/mobiles/reveal"));
        assertThat(revealed.getResponse().getStatus()).isEqualTo(200);
        assertThat(json(revealed).get(0).get("mobile").asString()).isEqualTo(principalMobile);
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'roster.mobile.view' and actor = 'supervisor' and target = :t")
                .param("t", "organisation:" + org).query(Long.class).single()).isEqualTo(1);

        // the supervisor's page: the city-wide list with its filters
        MvcResult page = mvc.perform(get("/roster").param("unit", String.valueOf(org))
                .with(authentication(DemoActors.authentication(jdbc, "supervisor"))).accept(MediaType.TEXT_HTML)).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        String html = page.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("安全责任名单", orgName, "张局长", "15947209999", "未签订").doesNotContain(principalMobile);
    }

    @Test
    void A4_theYearlyLetterDutyIsRaisedForTheUnit_andClosedByUploadingTheSignedLetter() throws Exception {
        LocalDate today = LocalDate.now(clock.withZone(TimeConfiguration.CITY_ZONE));
        engine.generate(today, today);
        List<Duty> owed = duties.ofSubjectAndRule(SubjectKind.UNIT, org, Rosters.LETTER_RULE);
        assertThat(owed).hasSize(1);
        Duty duty = owed.get(0);
        assertThat(duty.periodStart()).isEqualTo(today.withDayOfYear(1));
        assertThat(duty.dueDate()).isEqualTo(LocalDate.of(today.getYear(), 12, 31));
        assertThat(duty.state().awaitsSubmission()).isTrue();
        assertThat(duty.article()).isEqualTo("A4");

        // the supervisor's filter: not signed this year
        JsonNode unsigned = json(api.call("supervisor", get("/api/v1/roster").param("unit", String.valueOf(org)).param("signed", "false")));
        assertThat(unsigned).hasSize(1);
        assertThat(unsigned.get(0).get("dutyId").asLong()).isEqualTo(duty.id());
        assertThat(json(api.call("supervisor", get("/api/v1/roster").param("unit", String.valueOf(org)).param("signed", "true")))).isEmpty();

        // a bad date changes nothing
        MvcResult bad = as(officer, multipart("/api/v1/roster/letters").file(new MockMultipartFile("file", "责任书.pdf", "application/pdf", PDF))
                .param("year", String.valueOf(today.getYear())).param("signedOn", today.plusDays(1).toString()));
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(json(bad).get("errors").has("signedOn")).isTrue();
        assertThat(duties.find(duty.id()).orElseThrow().state().awaitsSubmission()).isTrue();

        MvcResult filed = as(officer, multipart("/api/v1/roster/letters").file(new MockMultipartFile("file", "网络安全责任书.pdf", "application/pdf", PDF))
                .param("year", String.valueOf(today.getYear())).param("signedOn", today.toString()));
        assertThat(filed.getResponse().getStatus()).as(filed.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        JsonNode letter = json(filed);
        assertThat(letter.get("dutyId").asLong()).isEqualTo(duty.id());
        assertThat(duties.find(duty.id()).orElseThrow().state()).isEqualTo(DutyState.ACCEPTED);
        assertThat(audits("roster.letter.file")).isEqualTo(1);

        JsonNode signed = json(api.call("supervisor", get("/api/v1/roster").param("unit", String.valueOf(org)).param("signed", "true")));
        assertThat(signed).hasSize(1);
        assertThat(signed.get(0).get("signedThisYear").asBoolean()).isTrue();
        assertThat(signed.get(0).get("dutyState").asString()).isEqualTo("ACCEPTED");
        // the scan itself: an encrypted evidence file, opened for the supervisor
        MvcResult scan = api.call("supervisor", get(letter.get("document").asString()));
        assertThat(scan.getResponse().getStatus()).isEqualTo(200);
        assertThat(scan.getResponse().getContentAsByteArray()).isEqualTo(PDF);
        assertThat(api.call("unit2", get(letter.get("document").asString())).getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void A4_aLetterUploadedBeforeItsYearsDutyExists_fulfilsTheDutyTheMomentTheNewYearRaisesIt() throws Exception {
        // 31 December 2026, 16:00 in Beijing: the unit files next year's signed letter; 2027's duty does not exist yet
        clock.set(Instant.parse("2026-12-31T08:00:00Z"));
        MvcResult filed = as(officer, multipart("/api/v1/roster/letters").file(new MockMultipartFile("file", "2027年度网络安全责任书.pdf",
                "application/pdf", PDF)).param("year", "2027").param("signedOn", "2026-12-30"));
        assertThat(filed.getResponse().getStatus()).as(filed.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        assertThat(json(filed).get("dutyId").isNull()).isTrue();
        LocalDate newYear = LocalDate.of(2027, 1, 1);
        assertThat(duties.ofSubjectAndRule(SubjectKind.UNIT, org, Rosters.LETTER_RULE)).noneMatch(d -> newYear.equals(d.periodStart()));

        // 00:05 on 1 January 2027: the engine raises the new year's duties, and the letter on record fulfils the unit's at once
        clock.set(Instant.parse("2026-12-31T16:05:00Z"));
        engine.generate(newYear, newYear);
        Duty duty = duties.ofSubjectAndRule(SubjectKind.UNIT, org, Rosters.LETTER_RULE).stream().filter(d -> newYear.equals(d.periodStart()))
                .findFirst().orElseThrow();
        assertThat(duty.state()).isEqualTo(DutyState.ACCEPTED);
        JsonNode roster = json(as(officer, get("/api/v1/roster/" + org)));
        assertThat(roster.get("year").asInt()).isEqualTo(2027);
        assertThat(roster.get("signedThisYear").asBoolean()).isTrue();
        assertThat(roster.get("dutyState").asString()).isEqualTo("ACCEPTED");
        assertThat(roster.get("letter").get("dutyId").asLong()).isEqualTo(duty.id());
        assertThat(audits("roster.letter.reconcile")).isEqualTo(1);

        // the engine's next run changes nothing: the duty is closed and the letter names it
        engine.generate(newYear, newYear.plusDays(1));
        assertThat(audits("roster.letter.reconcile")).isEqualTo(1);
        assertThat(duties.find(duty.id()).orElseThrow().state()).isEqualTo(DutyState.ACCEPTED);
    }

    @Test
    void issue23_11_theListSearchesByKeywordAndFilters_andItsExportIsWhatItShows() throws Exception {
        assertThat(saveAsOfficer(body(principalMobile, "15947209999").replace("张局长", "张" + tag)).getResponse().getStatus()).isEqualTo(200);
        Authentication supervisor = DemoActors.authentication(jdbc, "supervisor");

        // the keyword finds the unit by a person's name; the filters narrow the list further
        String page = as(supervisor, get("/roster").param("q", tag).accept(MediaType.TEXT_HTML)).getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains(orgName, "roster-filter-clear").doesNotContain("包头市教育局</a>");
        assertThat(json(as(supervisor, get("/api/v1/roster").param("q", tag)))).hasSize(1);
        assertThat(json(as(supervisor, get("/api/v1/roster").param("q", tag).param("filed", "false")))).isEmpty();
        JsonNode unfiled = json(as(supervisor, get("/api/v1/roster").param("filed", "false")));
        unfiled.forEach(r -> assertThat(r.get("filed").asBoolean()).isFalse());
        assertThat(json(as(supervisor, get("/api/v1/roster").param("q", "包头市教育局"))).get(0).get("orgName").asString()).isEqualTo("包头市教育局");

        // the page's export button posts the same form to the export: the sheet has the rows shown and says what was filtered
        assertThat(page).contains("id=\"export-xlsx\"", "formaction=\"/roster/export.xlsx\"");
        MvcResult sheet = as(supervisor, get("/roster/export.xlsx").param("q", tag).param("filed", "true").param("signed", ""));
        assertThat(sheet.getResponse().getStatus()).isEqualTo(200);
        List<String> everyUnit = new ArrayList<>();
        json(as(supervisor, get("/api/v1/roster"))).forEach(r -> everyUnit.add(r.get("orgName").asString()));
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(sheet.getResponse().getContentAsByteArray()))) {
            List<String> units = new ArrayList<>();
            StringBuilder all = new StringBuilder();
            for (Row row : book.getSheetAt(0)) {
                for (Cell cell : row) {
                    all.append(cell.getCellType() == CellType.STRING ? cell.getStringCellValue() : "").append(' ');
                }
                Cell first = row.getCell(0);
                if (first != null && first.getCellType() == CellType.STRING && everyUnit.contains(first.getStringCellValue())) {
                    units.add(first.getStringCellValue());
                }
            }
            assertThat(units).containsExactly(orgName);
            assertThat(all.toString()).contains("搜索", tag, "名单", "是");
        }
    }

    @Test
    void A4_theRosterExportsToExcel_chineseColumns_filtersApplied_mobilesMasked() throws Exception {
        assertThat(saveAsOfficer(body(principalMobile, "15947209999")).getResponse().getStatus()).isEqualTo(200);
        MvcResult r = api.call("supervisor", get("/api/v1/roster/export.xlsx").param("unit", String.valueOf(org)).param("signed", "false"));
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(r.getResponse().getContentAsByteArray()))) {
            Sheet sheet = book.getSheetAt(0);
            List<List<String>> rows = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (Cell cell : row) {
                    assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA);
                    cells.add(cell.getCellType() == CellType.NUMERIC ? String.valueOf(cell.getNumericCellValue()) : cell.getStringCellValue());
                }
                rows.add(cells);
            }
            String title = String.join(" ", rows.get(0));
            assertThat(title).contains("安全责任名单", orgName, "否");
            List<String> header = rows.stream().filter(c -> c.contains("单位")).findFirst().orElseThrow();
            assertThat(header).contains("单位", "主要负责人", "主要负责人职务", "主要负责人手机", "分管领导", "网络安全管理员", "7×24值班电话", "本年度责任书");
            List<List<String>> data = rows.stream().filter(c -> c.contains(orgName)).toList();
            assertThat(data).hasSize(1);
            List<String> row = data.get(0);
            assertThat(row).contains("张局长", "局长", "0472-5100001", principalMobile.substring(0, 3) + "****" + principalMobile.substring(7),
                    "15947209999", "未签订");
            assertThat(String.join(" ", rows.stream().flatMap(List::stream).toList())).doesNotContain(principalMobile);
        }
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'roster.export' and actor = 'supervisor'").query(Long.class).single())
                .isPositive();
    }

    @Test
    void A4_theUnitsPage_savesWithPostRedirectGet_andShowsARefusalBesideItsField() throws Exception {
        MvcResult page = as(officer, get("/roster").accept(MediaType.TEXT_HTML));
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        assertThat(page.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("roster-form", "letter-form", "尚未填报");

        org.springframework.mock.web.MockHttpSession session = new org.springframework.mock.web.MockHttpSession();
        MvcResult refused = as(officer, post("/roster").session(session).param("principal.name", "张局长").param("principal.post", "局长")
                .param("principal.mobile", "12345").param("onCallPhone", "15947209999"));
        assertThat(refused.getResponse().getStatus()).isEqualTo(302);
        assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/roster");
        assertThat(refused.getFlashMap().get("errors").toString()).contains("principal.mobile", "手机号码应为11位大陆手机号");
        assertThat(refused.getFlashMap().get("values").toString()).contains("张局长").doesNotContain("12345"); // never a mobile into the session
        // the next GET in the same (Spring Session) session shows the refusal beside its field and what was typed
        jakarta.servlet.http.Cookie cookie = refused.getResponse().getCookie("SESSION");
        AbstractMockHttpServletRequestBuilder<?> next = get("/roster").session(session).with(authentication(officer)).accept(MediaType.TEXT_HTML);
        MvcResult shown = mvc.perform(cookie == null ? next : next.cookie(cookie)).andReturn();
        String html = shown.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("手机号码应为11位大陆手机号", "is-invalid", "张局长");
        assertThat(audits("roster.save")).isZero();

        MvcResult saved = as(officer, post("/roster")
                .param("principal.name", "张局长").param("principal.post", "局长").param("principal.mobile", principalMobile)
                .param("leader.name", "李副局长").param("leader.post", "副局长").param("leader.mobile", "13947200002")
                .param("administrator.name", "王管理员").param("administrator.post", "网络安全管理员").param("administrator.mobile", "13847200003")
                .param("onCallPhone", "15947209999"));
        assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/roster");
        String after = as(officer, get("/roster").accept(MediaType.TEXT_HTML)).getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(after).contains("张局长", "李副局长", "15947209999").doesNotContain(principalMobile);
        assertThat(audits("roster.save")).isEqualTo(1);
    }
}
