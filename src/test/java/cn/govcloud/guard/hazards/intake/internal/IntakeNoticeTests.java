package cn.govcloud.guard.hazards.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.security.DemoActors;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17 point 5 (A10.1 "立即告知" for vulnerabilities, hazards and attacks of any severity): serious findings matched to a
 * system are told at once like serious alerts; medium and low ones go to the same people in a daily digest, once a day
 * whatever the number of nodes; the triage queue runs on the catalog's clock (A10.1-triage). Issue 24 point 6: replay
 * identities are pruned after their retention.
 */
@AppTest
class IntakeNoticeTests {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000L);

    @Autowired
    MutableClock clock;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AlertDigest digest;
    @Autowired
    IntakeHousekeeping.ReplayPruning pruning;

    @AfterEach
    void reset() {
        clock.reset();
    }

    /** The OpenVAS sample with NVT ids of this run only: a HIGH and a MEDIUM finding on 教育局招生考试系统, a LOW one, an unmatched HIGH. */
    private long importScan() throws Exception {
        String run = String.valueOf(SEQ.incrementAndGet());
        byte[] report;
        try (InputStream in = getClass().getResourceAsStream("/intake/openvas-gmp.xml")) {
            report = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("1.3.6.1.4.1.25623.1.0.", "1.3.6.1.4.1.25623.9" + run + ".")
                    .getBytes(StandardCharsets.UTF_8);
        }
        MvcResult r = mvc.perform(multipart("/api/v1/findings/import").file(new MockMultipartFile("file", "scan.xml", "application/xml", report))
                .header("Authorization", ApiClient.bearer(mvc, "provider"))).andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
        return JsonMapper.builder().build().readTree(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).get("importId").asLong();
    }

    private long finding(long importId, String severity) {
        return jdbc.sql("select id from intake_finding where first_import_id = :i and severity = :s and system_id is not null")
                .param("i", importId).param("s", severity).query(Long.class).single();
    }

    private long system(String name) {
        return jdbc.sql("select id from systems_system where name = :n").param("n", name).query(Long.class).single();
    }

    private long count(String sql, Object... params) {
        var spec = jdbc.sql(sql);
        for (int i = 0; i < params.length; i++) {
            spec = spec.param("p" + i, params[i]);
        }
        return spec.query(Long.class).single();
    }

    private String page(String user, String path) throws Exception {
        return mvc.perform(get(path).with(authentication(DemoActors.authentication(jdbc, user)))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void A10_1_aSeriousFindingMatchedToASystemIsToldAtOnce_withTheProvidersNoticeDutyFulfilled_andAReimportPagesNobody() throws Exception {
        long importId = importScan();
        long sys = system("教育局招生考试系统");
        String ref = "findings:" + importId + ":" + sys;
        long unitOrg = count("select org_id from systems_system where id = :p0", sys);
        assertThat(count("select org_id from notify_notice where notice_key = :p0", ref + ":unit")).isEqualTo(unitOrg);
        assertThat(jdbc.sql("select args from notify_notice where notice_key = :k").param("k", ref + ":unit").query(String.class).single())
                .contains("SSL/TLS: Report Vulnerable Cipher Suites for HTTPS").doesNotContain("OpenSSH"); // the MEDIUM one waits
        assertThat(count("select count(*) from notify_notice where notice_key like :p0", ref + ":supervisor:%")).isPositive();
        // the provider's notice duty is raised by the vulnerability and fulfilled by the notice actually delivered
        assertThat(jdbc.sql("select state from duties_duty where rule_id = 'A10.1-alert-notification' and reference = :r")
                .param("r", ref + ":notice").query(String.class).single()).isEqualTo("ACCEPTED");
        assertThat(jdbc.sql("select rule_id from duties_duty where reference = :r").param("r", ref).query(String.class).single())
                .isEqualTo("A10.1-alert-acknowledgement");
        assertThat(count("select count(*) from intake_finding where id = :p0 and notified_at is not null", finding(importId, "HIGH"))).isEqualTo(1);
        assertThat(count("select count(*) from intake_finding where id = :p0 and notified_at is null", finding(importId, "MEDIUM"))).isEqualTo(1);
    }

    @Test
    void A10_1_mediumAndLowGoOutInOneDailyDigestToTheSamePeople_onceADayWhateverTheNodes() throws Exception {
        long importId = importScan();
        long medium = finding(importId, "MEDIUM");
        long low = finding(importId, "LOW");
        MvcResult alert = mvc.perform(post("/api/v1/alerts").header("Authorization", ApiClient.bearer(mvc, "provider"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"address\":\"jyj.baotou.gov.cn\",\"title\":\"端口扫描-" + SEQ.incrementAndGet()
                        + "\",\"severity\":\"MEDIUM\"}")).andReturn();
        long mediumAlert = JsonMapper.builder().build().readTree(alert.getResponse().getContentAsString()).get("id").asLong();
        assertThat(count("select count(*) from notify_notice where notice_key like :p0", "alert:" + mediumAlert + ":%")).isZero();

        // a day of its own, far from every other test's
        LocalDate day = LocalDate.of(2031, 1, 1).plusDays(SEQ.incrementAndGet() % 3_000);
        clock.set(day.atTime(8, 0).atZone(BEIJING).toInstant());
        assertThat(digest.sendIfDue(clock.instant())).as("before 08:30 nothing goes").isNull();
        clock.set(day.atTime(9, 0).atZone(BEIJING).toInstant());
        AlertDigest.Sent sent = digest.sendIfDue(clock.instant());
        assertThat(sent).isNotNull();
        assertThat(sent.findings()).isGreaterThanOrEqualTo(2);
        assertThat(sent.alerts()).isGreaterThanOrEqualTo(1);
        for (long id : new long[] {medium, low}) {
            assertThat(jdbc.sql("select digest_day from intake_finding where id = :i").param("i", id).query(LocalDate.class).single()).isEqualTo(day);
        }
        assertThat(jdbc.sql("select digest_day from intake_alert where id = :i").param("i", mediumAlert).query(LocalDate.class).single()).isEqualTo(day);
        long unitOrg = count("select org_id from systems_system where name = '教育局招生考试系统'");
        String unitKey = "digest:" + day + ":unit:" + unitOrg;
        assertThat(jdbc.sql("select message_key from notify_notice where notice_key = :k").param("k", unitKey).query(String.class).single())
                .isEqualTo("hazards.intake.notice.digest");
        assertThat(jdbc.sql("select args from notify_notice where notice_key = :k").param("k", unitKey).query(String.class).single())
                .contains("教育局招生考试系统");
        assertThat(count("select count(*) from notify_notice where notice_key like :p0", "digest:" + day + ":supervisor:%")).isPositive();
        // the unit reads it in its inbox
        assertThat(page("unit1", "/inbox")).contains("每日安全摘要（" + day + "）");

        // a second run (another node, a retry) the same day sends nothing
        clock.set(day.atTime(9, 10).atZone(BEIJING).toInstant());
        assertThat(digest.sendIfDue(clock.instant())).isNull();
        assertThat(count("select count(*) from intake_digest where digest_date = :p0", day)).isEqualTo(1);
        assertThat(count("select count(*) from notify_notice where notice_key = :p0", unitKey)).isEqualTo(1);
    }

    @Test
    void A10_1_theTriageQueueHasItsOwnClock_overdueShown_andTheDutyIsFulfilledWhenTheQueueIsEmpty() throws Exception {
        Instant start = clock.instant();
        long importId = importScan();
        String ref = "triage:import:" + importId;
        long unmatched = jdbc.sql("select id from intake_finding where first_import_id = :i and host = '10.99.7.4'").param("i", importId)
                .query(Long.class).single();
        assertThat(jdbc.sql("select triage_ref from intake_finding where id = :i").param("i", unmatched).query(String.class).single()).isEqualTo(ref);
        var duty = jdbc.sql("select rule_id, state, org_id from duties_duty where reference = :r").param("r", ref).query().singleRow();
        assertThat(duty.get("rule_id")).isEqualTo("A10.1-triage");
        assertThat(((Number) duty.get("org_id")).longValue()).isEqualTo(count("select org_id from identity_user where username = 'provider'"));
        String api = mvc.perform(get("/api/v1/intake/triage").header("Authorization", ApiClient.bearer(mvc, "supervisor"))).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(api).contains("\"triageDueAt\":\"");
        String queue = page("provider", "/intake/triage");
        assertThat(queue).contains("剩余 ").doesNotContain("id=\"triage-overdue\"");

        clock.set(start.plus(Duration.ofDays(10)));
        assertThat(page("supervisor", "/intake/triage")).contains("已超时 ", "id=\"triage-overdue\"");

        MvcResult dismissed = mvc.perform(post("/api/v1/findings/" + unmatched + "/dismiss").header("Authorization", ApiClient.bearer(mvc, "provider"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"扫描范围外的测试地址\"}")).andReturn();
        assertThat(dismissed.getResponse().getStatus()).as(dismissed.getResponse().getContentAsString()).isEqualTo(200);
        assertThat(jdbc.sql("select state from duties_duty where reference = :r").param("r", ref).query(String.class).single())
                .isEqualTo("ACCEPTED");
        assertThat(count("select count(*) from intake_triage where ref = :p0 and settled_at is not null", ref)).isEqualTo(1);
    }

    @Test
    void A10_1_replayIdentitiesArePrunedAfterTheirRetention_andKeptWithinIt() {
        long org = count("select org_id from identity_user where username = 'provider'");
        Instant now = clock.instant();
        long old = importRow(now.minus(Duration.ofDays(91)), org);
        long recent = importRow(now.minus(Duration.ofDays(30)), org);
        long key = SEQ.incrementAndGet() * 1_000_003L;
        jdbc.sql("insert into intake_alert_event (event_key, import_id) values (:k, :i)").param("k", key).param("i", old).update();
        jdbc.sql("insert into intake_alert_event (event_key, import_id) values (:k, :i)").param("k", key + 1).param("i", recent).update();
        assertThat(pruning.retention()).isEqualTo(Duration.ofDays(90));
        assertThat(pruning.prune()).isGreaterThanOrEqualTo(1);
        assertThat(count("select count(*) from intake_alert_event where event_key = :p0", key)).isZero();
        assertThat(count("select count(*) from intake_alert_event where event_key = :p0", key + 1)).isEqualTo(1);
    }

    private long importRow(Instant at, long org) {
        var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into intake_import (format, bytes, imported_at, imported_by, org_id, status) values ('SURICATA', 0, :at, 'sensor', :org, 'DONE')")
                .param("at", at.atOffset(java.time.ZoneOffset.UTC)).param("org", org).update(key, "id");
        return key.getKey().longValue();
    }
}
