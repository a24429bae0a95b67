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
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.notify.DeliveryStatus;
import cn.govcloud.guard.notify.Notifier;
import cn.govcloud.guard.notify.delivery.ChannelService;
import cn.govcloud.guard.notify.delivery.DeliverySender;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.security.DemoActors;
import cn.govcloud.guard.shared.OrgKind;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** A11.3: quarterly special inspections (a failed item becomes a hazard, completion files the quarter) and notices tracked to acknowledgement. */
@AppTest
class InspectionAndNoticeTests {
    @org.springframework.beans.factory.annotation.Autowired
    cn.govcloud.guard.MutableClock clock;
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static GreenMail smtp;

    @Autowired MockMvc mvc;
    private final ApiClient api = new ApiClient(() -> mvc);
    @Autowired JdbcClient jdbc;
    @Autowired Duties duties;
    @Autowired Notifier notifier;
    @Autowired DeliverySender sender;
    @Autowired ChannelService channels;
    @Autowired IdentityManagement identity;
    @Autowired JavaMailSender mail;

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @AfterAll
    static void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }

    MvcResult postJson(String user, String path, String json) throws Exception {
        return api.call(user, post(path).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    static String text(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    long orgOf(String user) {
        return jdbc.sql("select org_id from identity_user where username = :u").param("u", user).query(Long.class).single();
    }

    @Test
    void a11_3_aFailedInspectionItemBecomesAHazardAndCompletingFilesTheQuarterlyDutyWithAReport() throws Exception {
        long unit1 = orgOf("unit1");
        LocalDate today = LocalDate.now(clock.withZone(BEIJING));
        String quarter = today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
        MvcResult created = postJson("supervisor", "/api/v1/supervision/inspections",
                "{\"quarter\":\"" + quarter + "\",\"topic\":\"数据安全\",\"articles\":[\"A8\"],\"unitIds\":[" + unit1 + "]}");
        assertThat(created.getResponse().getStatus()).as(text(created)).isEqualTo(201);
        long id = body(created).get("inspection").get("id").asLong();
        JsonNode items = body(created).get("items");
        assertThat(items.size()).isGreaterThan(0);
        JsonNode systemItem = null;
        for (JsonNode item : items) {
            assertThat(item.get("ruleId").asString()).startsWith("A8");
            assertThat(item.get("orgId").asLong()).isEqualTo(unit1);
            assertThat(item.get("result").asString()).isEqualTo("PENDING");
            if (systemItem == null && item.get("subjectKind").asString().equals("SYSTEM")) {
                systemItem = item;
            }
        }
        assertThat(systemItem).as("a system rule of A8 per system of unit1").isNotNull();
        // not complete while items are pending
        assertThat(api.call("supervisor", post("/api/v1/supervision/inspections/" + id + "/complete")).getResponse().getStatus()).isEqualTo(409);
        // a failure needs a remark: 400, nothing recorded
        assertThat(postJson("supervisor", "/api/v1/supervision/inspections/" + id + "/items/" + systemItem.get("id").asLong(),
                "{\"result\":\"FAIL\",\"inspector\":\"李检查\"}").getResponse().getStatus()).isEqualTo(400);
        MvcResult failed = postJson("supervisor", "/api/v1/supervision/inspections/" + id + "/items/" + systemItem.get("id").asLong(),
                "{\"result\":\"FAIL\",\"remark\":\"数据库备份未加密\",\"inspector\":\"李检查\",\"severity\":\"HIGH\"}");
        assertThat(failed.getResponse().getStatus()).as(text(failed)).isEqualTo(200);
        long hazardId = body(failed).get("hazardId").asLong();
        Map<String, Object> hazard = jdbc.sql("select system_id, source, source_ref from hazards_hazard where id = :id").param("id", hazardId)
                .query().singleRow();
        assertThat(((Number) hazard.get("system_id")).longValue()).isEqualTo(systemItem.get("subjectId").asLong());
        assertThat(hazard.get("source")).isEqualTo("INSPECTION");
        assertThat(hazard.get("source_ref")).isEqualTo("inspection-item:" + systemItem.get("id").asLong());
        for (JsonNode item : items) {
            if (item.get("id").asLong() != systemItem.get("id").asLong()) {
                MvcResult r = postJson("supervisor", "/api/v1/supervision/inspections/" + id + "/items/" + item.get("id").asLong(),
                        "{\"result\":\"PASS\",\"inspector\":\"李检查\"}");
                assertThat(r.getResponse().getStatus()).as(text(r)).isEqualTo(200);
            }
        }
        // unit1 sees the items about it; unit2 does not
        assertThat(page("unit1", "/supervision/mine")).contains("数据库备份未加密");
        assertThat(page("unit2", "/supervision/mine")).doesNotContain("数据库备份未加密");

        Duty quarterly = duties.ofSubject(SubjectKind.PLATFORM, orgOf("provider")).stream()
                .filter(d -> d.ruleId().equals("A11.3-quarterly-inspection") && d.periodStart().equals(
                        LocalDate.of(today.getYear(), ((today.getMonthValue() - 1) / 3) * 3 + 1, 1))).findFirst().orElse(null);
        MvcResult completed = api.call("supervisor", post("/api/v1/supervision/inspections/" + id + "/complete"));
        assertThat(completed.getResponse().getStatus()).as(text(completed)).isEqualTo(200);
        JsonNode inspection = body(completed).get("inspection");
        assertThat(inspection.get("state").asString()).isEqualTo("COMPLETED");
        if (quarterly != null && quarterly.state().awaitsSubmission()) {
            assertThat(inspection.get("dutyId").asLong()).isEqualTo(quarterly.id());
            assertThat(duties.find(quarterly.id()).orElseThrow().state()).isEqualTo(DutyState.ACCEPTED);
            String fields = jdbc.sql("select fields_json from duties_submission where duty_id = :d").param("d", quarterly.id())
                    .query(String.class).single();
            assertThat(fields).contains("数据安全", "hazardsFound");
        }
        MvcResult report = mvc.perform(get("/supervision/inspections/" + id + "/report")
                .with(SecurityMockMvcRequestPostProcessors.authentication(DemoActors.authentication(jdbc, "regulator")))).andReturn();
        assertThat(report.getResponse().getStatus()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(report.getResponse().getContentAsByteArray())) {
            assertThat(new PDFTextStripper().getText(doc).replaceAll("\\s+", "")).contains("专项检查报告", "数据库备份未加密", "不符合");
        }
        // completed means final
        assertThat(postJson("supervisor", "/api/v1/supervision/inspections/" + id + "/items/" + items.get(0).get("id").asLong(),
                "{\"result\":\"PASS\",\"inspector\":\"李检查\"}").getResponse().getStatus()).isEqualTo(409);
    }

    private String page(String user, String path) throws Exception {
        MvcResult r = mvc.perform(get(path).with(SecurityMockMvcRequestPostProcessors.authentication(DemoActors.authentication(jdbc, user))))
                .andReturn();
        assertThat(r.getResponse().getStatus()).as(path).isEqualTo(200);
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void a11_3_aNoticeReachesTheUnitsInboxAndMailAndIsTrackedToAcknowledgement() throws Exception {
        if (smtp == null) {
            int port = ((JavaMailSenderImpl) mail).getPort();
            smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
        }
        // a unit of its own with an e-mail channel, and unit1
        SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "sysadmin"));
        long mailed = identity.createOrganisation("通报测试单位-" + UUID.randomUUID().toString().substring(0, 8), OrgKind.UNIT);
        String address = "notice-" + UUID.randomUUID().toString().substring(0, 8) + "@unit.example.gov.cn";
        channels.create(DemoActors.actor(jdbc, "sysadmin"), new ChannelService.NewChannel(mailed, "EMAIL", "安全值班邮箱", address, null, true));
        SecurityContextHolder.clearContext();
        long unit1 = orgOf("unit1");

        MvcResult issued = postJson("supervisor", "/api/v1/supervision/notices", "{\"kind\":\"逾期未整改隐患通报\",\"title\":\"关于11月逾期未整改隐患的通报\","
                + "\"body\":\"请立即整改并书面反馈。\",\"unitIds\":[" + mailed + "," + unit1 + "]}");
        assertThat(issued.getResponse().getStatus()).as(text(issued)).isEqualTo(201);
        long id = body(issued).get("notice").get("id").asLong();

        // the inbox of both units
        for (long org : List.of(mailed, unit1)) {
            assertThat(jdbc.sql("select count(*) from notify_notice where notice_key = :k").param("k", "supervision-notice:" + id + ":" + org)
                    .query(Long.class).single()).isEqualTo(1);
        }
        // the e-mail of the unit that configured one
        String key = "supervision-notice:" + id + ":" + mailed;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<DeliveryStatus> status = notifier.statusOf(key);
        while (status.stream().anyMatch(s -> s.state() == DeliveryStatus.State.PENDING) && System.nanoTime() < deadline) {
            sender.sendDue();
            Thread.sleep(50);
            status = notifier.statusOf(key);
        }
        assertThat(status).extracting(DeliveryStatus::state).containsExactly(DeliveryStatus.State.SENT);
        boolean received = false;
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address))) {
                received = true;
            }
        }
        assertThat(received).isTrue();

        // each unit owes an acknowledgement (A11.3-notice-acknowledgement)
        long unit1Duty = jdbc.sql("select duty_id from supervision_notice_recipient where notice_id = :n and org_id = :o").param("n", id)
                .param("o", unit1).query(Long.class).single();
        assertThat(duties.find(unit1Duty).orElseThrow().ruleId()).isEqualTo("A11.3-notice-acknowledgement");

        // another unit neither sees nor acknowledges it
        assertThat(api.call("unit2", get("/api/v1/supervision/notices/" + id)).getResponse().getStatus()).isEqualTo(404);
        assertThat(postJson("unit2", "/api/v1/supervision/notices/" + id + "/acknowledgement", "{}").getResponse().getStatus()).isEqualTo(404);
        assertThat(text(api.call("unit2", get("/api/v1/supervision/notices")))).doesNotContain("关于11月逾期未整改隐患的通报");
        // unit1 reads and acknowledges once
        assertThat(text(api.call("unit1", get("/api/v1/supervision/notices")))).contains("关于11月逾期未整改隐患的通报");
        MvcResult ack = postJson("unit1", "/api/v1/supervision/notices/" + id + "/acknowledgement", "{\"reply\":\"已收悉，正在整改\"}");
        assertThat(ack.getResponse().getStatus()).as(text(ack)).isEqualTo(200);
        assertThat(body(ack).get("recipient").get("acknowledgedAt").isNull()).isFalse();
        assertThat(postJson("unit1", "/api/v1/supervision/notices/" + id + "/acknowledgement", "{}").getResponse().getStatus()).isEqualTo(409);
        assertThat(duties.find(unit1Duty).orElseThrow().state()).isEqualTo(DutyState.ACCEPTED);

        // the supervisor sees per unit: delivered, acknowledged by whom
        JsonNode recipients = body(api.call("supervisor", get("/api/v1/supervision/notices/" + id))).get("recipients");
        assertThat(recipients.size()).isEqualTo(2);
        for (JsonNode r : recipients) {
            if (r.get("orgId").asLong() == unit1) {
                assertThat(r.get("acknowledgedAt").isNull()).isFalse();
                assertThat(r.get("reply").asString()).isEqualTo("已收悉，正在整改");
            } else {
                assertThat(r.get("acknowledgedAt").isNull()).isTrue();
                assertThat(r.get("deliveries").get(0).get("channel").asString()).isEqualTo("EMAIL");
                assertThat(r.get("deliveries").get(0).get("state").asString()).isEqualTo("SENT");
            }
        }
        // bad input: no units → 400, nothing issued
        long before = jdbc.sql("select count(*) from supervision_notice").query(Long.class).single();
        assertThat(postJson("supervisor", "/api/v1/supervision/notices", "{\"kind\":\"风险隐患通报\",\"title\":\"t\",\"body\":\"b\",\"unitIds\":[]}")
                .getResponse().getStatus()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from supervision_notice").query(Long.class).single()).isEqualTo(before);
        // a unit cannot issue
        assertThat(postJson("unit1", "/api/v1/supervision/notices", "{}").getResponse().getStatus()).isEqualTo(403);
    }
}
