package cn.govcloud.guard.supervision;

import static cn.govcloud.guard.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.incidents.IncidentDigest;
import cn.govcloud.guard.platform.PlatformExpiries;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.systems.SystemWatch;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** A11.3: monthly security scheduling — the drafted agenda, one session a month, actions as duties or hazards, minutes and the monthly duty. */
@AppTest
class SchedulingApiTests {
    @org.springframework.beans.factory.annotation.Autowired
    cn.govcloud.guard.MutableClock clock;
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Autowired MockMvc mvc;
    private final ApiClient api = new ApiClient(() -> mvc);
    @Autowired JdbcClient jdbc;
    @Autowired Duties duties;
    @Autowired IncidentDigest incidents;
    @Autowired SystemWatch systems;
    @Autowired PlatformExpiries platform;
    @Autowired cn.govcloud.guard.systems.ledger.AssessmentLedger assessments;
    @Autowired cn.govcloud.guard.duties.internal.DutyGenerator generator;

    MvcResult postJson(String user, String path, String json) throws Exception {
        return api.call(user, post(path).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    static String text(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    long orgOf(String user) {
        return jdbc.sql("select org_id from identity_user where username = :u").param("u", user).query(Long.class).single();
    }

    long providerOrg() {
        return orgOf("provider");
    }

    long admittedSystemOf(String user) {
        return jdbc.sql("select s.id from systems_system s join identity_user u on u.org_id = s.org_id where u.username = :u "
                + "and s.state = 'ADMITTED' order by s.id").param("u", user).query(Long.class).list().get(0);
    }

    long open(String month) throws Exception {
        MvcResult r = postJson("supervisor", "/api/v1/supervision/scheduling/sessions", "{\"month\":\"" + month + "\"}");
        assertThat(r.getResponse().getStatus()).as(text(r)).isEqualTo(201);
        return body(r).get("session").get("id").asLong();
    }

    @Test
    void a11_3_theAgendaIsDraftedFromTheDataAndASecondSessionForTheMonthIsRefused() throws Exception {
        // a hazard notified long ago is overdue now: it must be on the agenda
        long system = admittedSystemOf("unit1");
        MvcResult hazard = postJson("supervisor", "/api/v1/hazards", "{\"systemId\":" + system
                + ",\"title\":\"调度议题测试·弱口令\",\"severity\":\"HIGH\",\"notifiedAt\":\"2026-09-01T10:00:00+08:00\"}");
        assertThat(hazard.getResponse().getStatus()).as(text(hazard)).isEqualTo(201);
        long hazardId = body(hazard).get("id").asLong();
        cn.govcloud.guard.hazards.Backdated.confirm(mvc, "supervisor", hazardId); // issue 17 point 3: the notice's date, confirmed

        long id = open("2026-01");
        JsonNode agenda = body(api.call("supervisor", get("/api/v1/supervision/scheduling/sessions/" + id))).get("agenda");
        Set<String> links = new HashSet<>();
        Map<String, Integer> categories = new HashMap<>();
        for (JsonNode item : agenda) {
            if (!item.get("link").isNull()) {
                links.add(item.get("link").asString());
            }
            categories.merge(item.get("category").asString(), 1, Integer::sum);
            assertThat(item.get("drafted").asBoolean()).isTrue();
        }
        assertThat(links).contains("/hazards/" + hazardId);
        // every system waiting for admission, every recent incident and every certificate or agreement running out is on it
        LocalDate today = LocalDate.now(clock.withZone(BEIJING));
        systems.awaitingAdmission().forEach(s -> assertThat(links).contains("/systems/" + s.id()));
        incidents.openOrConfirmedSince(today.minusMonths(1).atStartOfDay(BEIJING).toInstant(), 1000)
                .forEach(i -> assertThat(links).contains("/incidents/" + i.id()));
        systems.expiringBy(today.plusDays(90)).forEach(e -> assertThat(links).contains("/systems/" + e.systemId()));
        // A7.2 (issue 17 point 9): the assessment ledger's due and overdue systems, the never-assessed one item per kind
        var ledger = assessments.dueBy(today.plusMonths(1));
        long ledgerItems = ledger.stream().filter(d -> !d.never()).count()
                + ledger.stream().filter(d -> d.never()).map(d -> d.kindLabel()).distinct().count();
        ledger.stream().filter(d -> !d.never()).forEach(d -> assertThat(links).contains("/systems/" + d.systemId() + "/assessments"));
        assertThat(categories.getOrDefault("EXPIRING", 0)).isEqualTo(systems.expiringBy(today.plusDays(90)).size()
                + platform.expiringBy(today.plusDays(90)).size() + (int) ledgerItems);
        assertThat(categories).containsKey("HAZARDS");

        // edited by hand: add and remove
        MvcResult added = postJson("supervisor", "/api/v1/supervision/scheduling/sessions/" + id + "/agenda",
                "{\"title\":\"通报近期勒索病毒态势\",\"details\":\"请各单位排查\"}");
        assertThat(added.getResponse().getStatus()).as(text(added)).isEqualTo(201);
        assertThat(body(added).get("category").asString()).isEqualTo("OTHER");

        MvcResult again = postJson("supervisor", "/api/v1/supervision/scheduling/sessions", "{\"month\":\"2026-01\"}");
        assertThat(again.getResponse().getStatus()).isEqualTo(409);
        assertThat(text(again)).contains("A11.3");
        assertThat(jdbc.sql("select count(*) from supervision_session where period_month = '2026-01'").query(Long.class).single()).isEqualTo(1);
        // a month not yet begun, a malformed month: 400
        String next = YearMonth.now(BEIJING).plusMonths(1).toString();
        assertThat(postJson("supervisor", "/api/v1/supervision/scheduling/sessions", "{\"month\":\"" + next + "\"}").getResponse().getStatus())
                .isEqualTo(400);
        assertThat(postJson("supervisor", "/api/v1/supervision/scheduling/sessions", "{\"month\":\"一月\"}").getResponse().getStatus())
                .isEqualTo(400);
        // a unit cannot open or read the scheduling
        assertThat(api.call("unit1", get("/api/v1/supervision/scheduling/sessions/" + id)).getResponse().getStatus()).isEqualTo(403);
        assertThat(api.call("regulator", get("/api/v1/supervision/scheduling/sessions/" + id)).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void a11_3_anActionBecomesADutyDueOnTheChosenDateOrAHazardOfTheSystem() throws Exception {
        long id = open("2026-02");
        long unit1 = orgOf("unit1");
        LocalDate due = LocalDate.now(clock.withZone(BEIJING)).plusDays(30);
        MvcResult duty = postJson("supervisor", "/api/v1/supervision/scheduling/sessions/" + id + "/actions",
                "{\"kind\":\"DUTY\",\"title\":\"完成门户网站弱口令专项排查\",\"orgId\":" + unit1 + ",\"dueDate\":\"" + due + "\"}");
        assertThat(duty.getResponse().getStatus()).as(text(duty)).isEqualTo(201);
        Duty raised = duties.find(body(duty).get("dutyId").asLong()).orElseThrow();
        assertThat(raised.ruleId()).isEqualTo("A11.3-scheduling-action");
        assertThat(raised.orgId()).isEqualTo(unit1);
        assertThat(raised.dueDate()).isEqualTo(due);
        assertThat(body(duty).get("dueDate").asString()).isEqualTo(due.toString());

        MvcResult provider = postJson("supervisor", "/api/v1/supervision/scheduling/sessions/" + id + "/actions",
                "{\"kind\":\"DUTY\",\"title\":\"核查云平台边界防火墙策略\",\"orgId\":" + providerOrg() + ",\"dueDate\":\"" + due + "\"}");
        assertThat(provider.getResponse().getStatus()).as(text(provider)).isEqualTo(201);
        Duty providerDuty = duties.find(body(provider).get("dutyId").asLong()).orElseThrow();
        assertThat(providerDuty.ruleId()).isEqualTo("A11.3-scheduling-action-provider");
        assertThat(providerDuty.orgId()).isEqualTo(providerOrg());

        long system = admittedSystemOf("unit1");
        MvcResult hazard = postJson("supervisor", "/api/v1/supervision/scheduling/sessions/" + id + "/actions",
                "{\"kind\":\"HAZARD\",\"title\":\"调度交办·中间件版本过低\",\"systemId\":" + system + ",\"severity\":\"HIGH\"}");
        assertThat(hazard.getResponse().getStatus()).as(text(hazard)).isEqualTo(201);
        long hazardId = body(hazard).get("hazardId").asLong();
        long actionId = body(hazard).get("id").asLong();
        assertThat(jdbc.sql("select source_ref from hazards_hazard where id = :id").param("id", hazardId).query(String.class).single())
                .isEqualTo("scheduling-action:" + actionId);
        assertThat(body(hazard).get("orgId").asLong()).isEqualTo(unit1);

        // bad input: nothing saved
        long before = jdbc.sql("select count(*) from supervision_action").query(Long.class).single();
        assertThat(postJson("supervisor", "/api/v1/supervision/scheduling/sessions/" + id + "/actions",
                "{\"kind\":\"DUTY\",\"title\":\"x\",\"orgId\":" + unit1 + ",\"dueDate\":\"2020-01-01\"}").getResponse().getStatus()).isEqualTo(400);
        assertThat(postJson("supervisor", "/api/v1/supervision/scheduling/sessions/" + id + "/actions",
                "{\"kind\":\"HAZARD\",\"title\":\"x\",\"systemId\":99999999,\"severity\":\"HIGH\"}").getResponse().getStatus()).isEqualTo(400);
        assertThat(postJson("supervisor", "/api/v1/supervision/scheduling/sessions/" + id + "/actions",
                "{\"kind\":\"DUTY\",\"title\":\"x\",\"orgId\":" + unit1 + ",\"dueDate\":\"明天\"}").getResponse().getStatus()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from supervision_action").query(Long.class).single()).isEqualTo(before);
    }

    /** An awaiting A11.3-monthly-scheduling duty of a month without a session (generating one for March when none is left). */
    private Duty awaitingMonthlyDuty() {
        List<Duty> candidates = new ArrayList<>(duties.ofSubject(SubjectKind.PLATFORM, providerOrg()).stream()
                .filter(d -> d.ruleId().equals("A11.3-monthly-scheduling") && d.state().awaitsSubmission())
                .filter(d -> jdbc.sql("select count(*) from supervision_session where period_month = :m")
                        .param("m", YearMonth.from(d.periodStart()).toString()).query(Long.class).single() == 0).toList());
        if (candidates.isEmpty()) {
            generator.generate(LocalDate.of(2026, 3, 31), LocalDate.of(2026, 3, 31));
            return awaitingMonthlyDuty();
        }
        return candidates.get(0);
    }

    @Test
    void a11_3_closingRendersTheMinutesInChineseAndFilesTheMonthlyDuty() throws Exception {
        Duty monthly = awaitingMonthlyDuty();
        YearMonth month = YearMonth.from(monthly.periodStart());
        long id = open(month.toString());
        // not before the meeting is recorded: 400, still open
        MvcResult early = api.call("supervisor", post("/api/v1/supervision/scheduling/sessions/" + id + "/close"));
        assertThat(early.getResponse().getStatus()).as(text(early)).isEqualTo(400);
        LocalDate meeting = month.atDay(1).isAfter(LocalDate.now(clock.withZone(BEIJING))) ? LocalDate.now(clock.withZone(BEIJING)) : month.atDay(1).plusDays(2)
                .isAfter(LocalDate.now(clock.withZone(BEIJING))) ? LocalDate.now(clock.withZone(BEIJING)) : month.atDay(1).plusDays(2);
        MvcResult m = postJson("supervisor", "/api/v1/supervision/scheduling/sessions/" + id + "/meeting",
                "{\"meetingDate\":\"" + meeting + "\",\"participants\":\"市大数据中心、云服务商、市教育局\"}");
        assertThat(m.getResponse().getStatus()).as(text(m)).isEqualTo(200);
        assertThat(postJson("supervisor", "/api/v1/supervision/scheduling/sessions/" + id + "/decisions",
                "{\"text\":\"各单位于月底前完成弱口令清理\"}").getResponse().getStatus()).isEqualTo(201);
        // issue 23 point 8: without a reason still 400 naming it
        MvcResult noReason = api.call("supervisor", post("/api/v1/supervision/scheduling/sessions/" + id + "/close"));
        assertThat(noReason.getResponse().getStatus()).isEqualTo(400);
        assertThat(text(noReason)).contains("reason");
        MvcResult closed = postJson("supervisor", "/api/v1/supervision/scheduling/sessions/" + id + "/close", "{\"reason\":\"本月议程已全部完成\"}");
        assertThat(closed.getResponse().getStatus()).as(text(closed)).isEqualTo(200);
        JsonNode session = body(closed).get("session");
        assertThat(session.get("state").asString()).isEqualTo("CLOSED");
        assertThat(session.get("dutyId").asLong()).isEqualTo(monthly.id());
        assertThat(duties.find(monthly.id()).orElseThrow().state()).isEqualTo(DutyState.ACCEPTED);
        String fields = jdbc.sql("select fields_json from duties_submission where duty_id = :d").param("d", monthly.id()).query(String.class).single();
        assertThat(fields).contains("meetingDate", "participants", "各单位于月底前完成弱口令清理");

        // closed means final
        assertThat(postJson("supervisor", "/api/v1/supervision/scheduling/sessions/" + id + "/decisions", "{\"text\":\"补充\"}")
                .getResponse().getStatus()).isEqualTo(409);
        // the minutes: a PDF with Chinese text
        MvcResult pdf = mvc.perform(get("/supervision/scheduling/" + id + "/minutes").with(
                org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication(
                        cn.govcloud.guard.security.DemoActors.authentication(jdbc, "regulator")))).andReturn();
        assertThat(pdf.getResponse().getStatus()).isEqualTo(200);
        String content;
        try (PDDocument doc = Loader.loadPDF(pdf.getResponse().getContentAsByteArray())) {
            content = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
        }
        assertThat(content).contains(month.getYear() + "年" + month.getMonthValue() + "月政务云平台安全调度纪要", "各单位于月底前完成弱口令清理",
                "市大数据中心、云服务商、市教育局");
    }
}
