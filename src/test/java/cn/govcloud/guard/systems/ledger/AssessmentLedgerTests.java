package cn.govcloud.guard.systems.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyEngine;
import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.security.DemoActors;
import cn.govcloud.guard.supervision.scheduling.AgendaDraft;
import cn.govcloud.guard.systems.ledger.internal.AssessmentKind;
import cn.govcloud.guard.systems.ledger.internal.Cadences;
import cn.govcloud.guard.systems.ledger.internal.LedgerDaily;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17 point 9 (A7.2): the per-system assessment ledger — the 等保 certificate verified at admission is the first
 * filing; the next due date is the latest filing plus the catalog's cadence (level 2 every two years, level ≥ 3 yearly);
 * a filing fulfils the year's open duty and a duty's evidence is written to the ledger, one record each; reminders at
 * 90/60/30 days go out once; the monthly agenda and the 测评到期 list read it. Clock: 26 November 2026.
 */
@AppTest
class AssessmentLedgerTests {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static final String[] MEASURES = {"FIREWALL", "IDS_IPS", "ENDPOINT", "CRYPTO", "LOCAL_BACKUP", "OFFSITE_BACKUP"};

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
    Duties duties;
    @Autowired
    DutyEngine engine;
    @Autowired
    LedgerDaily daily;
    @Autowired
    Cadences cadences;
    @Autowired
    AgendaDraft agenda;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A system of unit1 admitted by the supervisor with a 等保 certificate dated 2025-11-20 of its own level. */
    private long admitted(int level) throws Exception {
        String name = "测评台账测试-" + UUID.randomUUID().toString().substring(0, 8);
        MvcResult r = api.call("unit1", post("/api/v1/systems").contentType(MediaType.APPLICATION_JSON).content("""
                {"name":"%s","mlpsLevel":%d,"purpose":"测试","filingNumber":"15020041009-27%03d","nonClassified":true,"nonClassifiedDeclarant":"张三","responsibleName":"张三",
                 "responsibleMobile":"13812345678","exposure":["GOV_EXTRANET"],"addresses":["10.77.%d.5"]}"""
                .formatted(name, level, (int) (Math.random() * 999), (int) (Math.random() * 200))));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
        long id = ApiClient.body(r).get("id").asLong();
        r = api.call("unit1", multipart("/api/v1/systems/" + id + "/agreement").file(new MockMultipartFile("file", "协议.pdf", "application/pdf", PDF))
                .param("agreementNumber", "BTZWY-XY-2026-8" + id).param("unitSignatory", "李局长").param("providerSignatory", "王经理")
                .param("signedOn", "2026-11-20"));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
        assertThat(api.call("unit1", post("/api/v1/systems/" + id + "/admission")).getResponse().getStatus()).isEqualTo(200);
        for (String kind : new String[] {"MLPS_CERTIFICATE", "CRYPTO_PLAN", "SECURITY_TEST", "PENETRATION_TEST"}) {
            var req = multipart("/api/v1/systems/" + id + "/verification/" + kind).file(new MockMultipartFile("file", kind + ".pdf", "application/pdf", PDF));
            if (kind.equals("MLPS_CERTIFICATE")) {
                req.param("certNumber", "DJCP-2025-" + id).param("certDate", "2025-11-20").param("conclusion", "良")
                        .param("validUntil", "2027-11-20").param("certLevel", String.valueOf(level));
            }
            assertThat(api.call("unit1", req).getResponse().getStatus()).isEqualTo(201);
            assertThat(api.call("supervisor", post("/api/v1/systems/" + id + "/verification/" + kind + "/review")
                    .contentType(MediaType.APPLICATION_JSON).content("{\"accept\":true}")).getResponse().getStatus()).isEqualTo(200);
        }
        for (String m : MEASURES) {
            assertThat(api.call("unit1", multipart("/api/v1/systems/" + id + "/protections/" + m).param("present", "true")
                    .param("detail", "已部署")).getResponse().getStatus()).isIn(200, 201);
        }
        r = api.call("supervisor", post("/api/v1/systems/" + id + "/admit"));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        return id;
    }

    private JsonNode ledger(String user, long id) throws Exception {
        MvcResult r = api.call(user, get("/api/v1/systems/" + id + "/assessments"));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        return ApiClient.body(r);
    }

    private static JsonNode status(JsonNode ledger, String kind) {
        for (JsonNode s : ledger.get("status")) {
            if (s.get("kind").asText().equals(kind)) {
                return s;
            }
        }
        throw new AssertionError(kind);
    }

    private MvcResult file(long id, Map<String, String> fields, boolean withReport) throws Exception {
        var req = multipart("/api/v1/systems/" + id + "/assessments");
        if (withReport) {
            req.file(new MockMultipartFile("document", "测评报告.pdf", "application/pdf", PDF));
        }
        fields.forEach(req::param);
        return api.call("unit1", req);
    }

    @Test
    void A7_2_theCertificateVerifiedAtAdmissionIsTheFirstFilingAndTheCadenceFollowsTheLevel() throws Exception {
        long level3 = admitted(3);
        JsonNode l3 = ledger("unit1", level3);
        assertThat(l3.get("items")).hasSize(1);
        JsonNode first = l3.get("items").get(0);
        assertThat(first.get("kind").asText()).isEqualTo("MLPS");
        assertThat(first.get("source").asText()).isEqualTo("ADMISSION");
        assertThat(first.get("assessedOn").asText()).isEqualTo("2025-11-20");
        assertThat(first.get("conclusion").asText()).isEqualTo("良");
        // level ≥ 3: yearly, so due 2026-11-20 and overdue on 26 November 2026
        assertThat(status(l3, "MLPS").get("cadence").asText()).isEqualTo("P1Y");
        assertThat(status(l3, "MLPS").get("nextDue").asText()).isEqualTo("2026-11-20");
        assertThat(status(l3, "MLPS").get("state").asText()).isEqualTo("OVERDUE");
        assertThat(status(l3, "CRYPTO").get("state").asText()).isEqualTo("NEVER");

        long level2 = admitted(2);
        JsonNode l2 = ledger("supervisor", level2);
        // level 2: every two years (A7.2-mlps-assessment-level2's yearsSinceMlpsAssessment >= 2), no 密评 owed
        assertThat(status(l2, "MLPS").get("cadence").asText()).isEqualTo("P2Y");
        assertThat(status(l2, "MLPS").get("nextDue").asText()).isEqualTo("2027-11-20");
        assertThat(status(l2, "MLPS").get("state").asText()).isEqualTo("OK");
        assertThat(status(l2, "CRYPTO").get("state").asText()).isEqualTo("NOT_OWED");
        assertThat(ledger("regulator", level2).get("items")).hasSize(1);
        // A4: another unit neither reads nor files; the supervisor reads but does not file for the unit
        assertThat(api.call("unit2", get("/api/v1/systems/" + level2 + "/assessments")).getResponse().getStatus()).isEqualTo(404);
        assertThat(api.call("supervisor", multipart("/api/v1/systems/" + level2 + "/assessments").param("kind", "MLPS"))
                .getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void A7_2_theCadenceIsCatalogData() {
        assertThat(cadences.of(AssessmentKind.MLPS, 2)).contains(Period.ofYears(2));
        assertThat(cadences.of(AssessmentKind.MLPS, 3)).contains(Period.ofYears(1));
        assertThat(cadences.of(AssessmentKind.MLPS, 1)).isEmpty();
        assertThat(cadences.of(AssessmentKind.CRYPTO, 2)).isEmpty();
        assertThat(cadences.of(AssessmentKind.PENETRATION_TEST, 2)).contains(Period.ofYears(1));
        assertThat(cadences.of(AssessmentKind.RISK_ASSESSMENT, 1)).contains(Period.ofYears(1));
        assertThat(cadences.conclusions(AssessmentKind.MLPS)).containsExactly("优", "良", "中", "差");
    }

    @Test
    void A7_2_aBadFilingIsRefusedNamingEachFieldAndAFilingDatedInTheFutureIsRefused() throws Exception {
        long id = admitted(3);
        MvcResult r = file(id, Map.of(), false);
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        assertThat(r.getResponse().getContentType()).contains("application/problem+json");
        JsonNode errors = ApiClient.body(r).get("errors");
        assertThat(errors.propertyNames()).contains("kind", "assessedOn", "conclusion", "issuer", "document");

        r = file(id, Map.of("kind", "MLPS", "assessedOn", "2026-11-27", "conclusion", "良", "mlpsLevel", "3", "issuer", "内蒙古测评中心",
                "reportNumber", "DJCP-2026-FUTURE"), true);
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        assertThat(ApiClient.body(r).get("errors").propertyNames()).containsExactly("assessedOn");

        r = file(id, Map.of("kind", "MLPS", "assessedOn", "2026-11-25", "conclusion", "合格", "mlpsLevel", "2", "issuer", "内蒙古测评中心"), true);
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        assertThat(ApiClient.body(r).get("errors").propertyNames()).contains("conclusion", "mlpsLevel", "reportNumber");
        assertThat(ledger("unit1", id).get("items")).hasSize(1); // nothing stored
    }

    @Test
    void A7_2_aLedgerFilingFulfilsTheYearsOpenDutyOnceAndADutysEvidenceIsWrittenToTheLedger() throws Exception {
        long id = admitted(3);
        engine.generate(LocalDate.parse("2026-11-26"), LocalDate.parse("2026-11-26"));
        Duty mlpsDuty = open(id, "A7.2-mlps-assessment");
        MvcResult r = file(id, Map.of("kind", "MLPS", "assessedOn", "2026-11-25", "conclusion", "良", "mlpsLevel", "3",
                "issuer", "内蒙古网络安全测评中心", "reportNumber", "DJCP-2026-0911", "validUntil", "2027-11-24"), true);
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        assertThat(ApiClient.body(r).get("dutyId").asLong()).isEqualTo(mlpsDuty.id());
        assertThat(duties.find(mlpsDuty.id()).orElseThrow().state()).isEqualTo(DutyState.ACCEPTED);
        assertThat(jdbc.sql("select count(*) from duties_submission where duty_id = :d").param("d", mlpsDuty.id()).query(Long.class).single())
                .isEqualTo(1);
        JsonNode l = ledger("unit1", id);
        assertThat(l.get("items")).hasSize(2);
        assertThat(status(l, "MLPS").get("nextDue").asText()).isEqualTo("2027-11-25");

        // the other way round: the 密评 report filed as the duty's evidence is one ledger record
        Duty crypto = open(id, "A7.2-crypto-assessment");
        var previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "unit1"));
        try {
            duties.submit(crypto.id(), Map.of("agency", "内蒙古商用密码检测中心", "issueDate", "2026-11-10", "conclusion", "基本符合"),
                    List.of(new Duties.Attachment("report", "密评报告.pdf", new ByteArrayInputStream(PDF))));
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
        l = ledger("unit1", id);
        assertThat(l.get("items")).hasSize(3);
        JsonNode cryptoFiling = l.get("items").get(1);
        assertThat(cryptoFiling.get("kind").asText()).isEqualTo("CRYPTO");
        assertThat(cryptoFiling.get("source").asText()).isEqualTo("DUTY");
        assertThat(cryptoFiling.get("dutyId").asLong()).isEqualTo(crypto.id());
        assertThat(cryptoFiling.get("conclusion").asText()).isEqualTo("基本符合");
        assertThat(status(l, "CRYPTO").get("nextDue").asText()).isEqualTo("2027-11-10");
        // the daily run finds nothing more to fulfil: each filing is one record
        daily.run();
        assertThat(ledger("unit1", id).get("items")).hasSize(3);
    }

    @Test
    void A7_2_theSystemPageShowsTheLedgerAndTheFormShowsEachErrorBesideItsField() throws Exception {
        long id = admitted(3);
        var unit1 = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                .authentication(DemoActors.authentication(jdbc, "unit1"));
        String systemPage = mvc.perform(get("/systems/" + id).with(unit1)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(systemPage).contains("id=\"assessments-slot\"", "/systems/" + id + "/assessments");
        String section = mvc.perform(get("/systems/" + id + "/assessments").header("HX-Request", "true").with(unit1)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(section).contains("测评台账（A7.2）", "准入核验", "2025-11-20", "已逾期", "id=\"assessment-form\"").doesNotContain("<html");
        MvcResult r = mvc.perform(multipart("/systems/" + id + "/assessments").param("kind", "MLPS").param("assessedOn", "2026-12-01")
                .param("conclusion", "良").param("mlpsLevel", "3").with(unit1)
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        String page = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"assessment-assessedOn-error\"", "测评日期不能晚于今天", "id=\"assessment-issuer-error\"",
                "id=\"assessment-document-error\"", "请上传测评报告");
        assertThat(ledger("unit1", id).get("items")).hasSize(1);
        String due = mvc.perform(get("/systems/assessments/due").with(org.springframework.security.test.web.servlet.request
                .SecurityMockMvcRequestPostProcessors.authentication(DemoActors.authentication(jdbc, "supervisor"))))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(due).contains("测评到期", "/systems/" + id + "/assessments");
    }

    private Duty open(long systemId, String ruleId) {
        return duties.ofSubjectAndRule(SubjectKind.SYSTEM, systemId, ruleId).stream().filter(d -> d.state().awaitsSubmission())
                .findFirst().orElseThrow(() -> new AssertionError("no open " + ruleId));
    }

    @Test
    void A7_2_remindersGoOutAt90_60And30DaysBeforeTheNextDueDateEachOnce() throws Exception {
        long id = admitted(2); // next due 2027-11-20
        String prefix = "assessment-due:" + id + ":MLPS:2027-11-20:";
        clock.set(Instant.parse("2027-08-25T01:00:00Z")); // 87 days before
        daily.run();
        daily.run();
        assertThat(notices(prefix)).containsExactly(prefix + "P90D");
        clock.set(Instant.parse("2027-10-22T01:00:00Z")); // 29 days before: only the nearest distance passed
        daily.run();
        assertThat(notices(prefix)).containsExactlyInAnyOrder(prefix + "P90D", prefix + "P30D");
        clock.set(Instant.parse("2027-11-22T01:00:00Z"));
        daily.run();
        daily.run();
        assertThat(notices(prefix)).hasSize(3).contains(prefix + "overdue");
    }

    private List<String> notices(String prefix) {
        return jdbc.sql("select notice_key from notify_notice where notice_key like :p").param("p", prefix + "%").query(String.class).list();
    }

    @Test
    void A7_2_theMonthlyAgendaAndTheDueListReadTheLedger() throws Exception {
        long id = admitted(3); // MLPS due 2026-11-20: overdue
        String name = jdbc.sql("select name from systems_system where id = :id").param("id", id).query(String.class).single();
        var previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "supervisor"));
        List<AgendaDraft.Item> items;
        try {
            items = agenda.draft(DemoActors.actor(jdbc, "supervisor"));
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
        assertThat(items).anySatisfy(i -> {
            assertThat(i.title()).contains("测评到期", name, "等保测评");
            assertThat(i.details()).contains("2026-11-20");
            assertThat(i.link()).isEqualTo("/systems/" + id + "/assessments");
        });
        MvcResult r = api.call("supervisor", get("/api/v1/systems/assessments/due?days=30"));
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(ApiClient.body(r).get("items").findValuesAsString("systemName")).contains(name);
        assertThat(api.call("unit1", get("/api/v1/systems/assessments/due")).getResponse().getStatus()).isEqualTo(403);
    }
}
