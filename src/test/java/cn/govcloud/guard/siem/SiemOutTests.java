package cn.govcloud.guard.siem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditFeed;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.siem.internal.SiemSender;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * SIEM out (issue 21 point 2; the operation log of A5.3 / A7.4 and the alerts of A10.1) against real peers started
 * here: a TLS syslog collector with a certificate made in the test, a UDP receiver and an HTTP collector. Records
 * arrive in order with their structured data; a collector that is down loses nothing, the cursor holds, and once it
 * is back everything is delivered from the cursor; only the security administrator sees or changes destinations.
 */
@AppTest
class SiemOutTests {
    static final String SD = "govguard@32473";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired AuditLog audit;
    @Autowired AuditFeed feed;
    @Autowired SiemSender sender;
    @Autowired MutableClock clock;

    private final ApiClient api = new ApiClient(() -> mvc);
    private final List<AutoCloseable> peers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        // the whole suite shares one application: a destination another test class left enabled (the authorisation matrix
        // creates one as the security administrator) would take these records too and change what sendDue() counts
        jdbc.sql("update siem_destination set enabled = false, deleted_at = current_timestamp where deleted_at is null").update();
    }

    @AfterEach
    void tearDown() throws Exception {
        jdbc.sql("update siem_destination set enabled = false, deleted_at = current_timestamp where deleted_at is null").update();
        for (AutoCloseable p : peers) {
            p.close();
        }
        clock.reset();
    }

    private <T extends AutoCloseable> T peer(T p) {
        peers.add(p);
        return p;
    }

    private JsonNode create(String json) throws Exception {
        MvcResult r = api.json("secadmin", post("/api/v1/siem/destinations"), json);
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
        return ApiClient.body(r);
    }

    private JsonNode destination(long id) throws Exception {
        return ApiClient.body(api.call("secadmin", get("/api/v1/siem/destinations/" + id)));
    }

    private static String quote(String s) {
        return ApiClient.JSON.writeValueAsString(s);
    }

    /** Every record id from {@code first} to {@code last}, in order. */
    private static List<Long> range(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }

    @Test
    void A7_4_the_log_reaches_a_TLS_syslog_collector_in_order_with_its_structured_data() throws Exception {
        SyslogPeer collector = peer(new SyslogPeer(true));
        JsonNode d = create("{\"name\":\"SOC TLS\",\"kind\":\"SYSLOG_TLS\",\"target\":\"127.0.0.1:" + collector.port() + "\","
                + "\"caCertificate\":" + quote(collector.caPem()) + "}");
        long id = d.get("id").asLong();
        long cursor = d.get("cursor").asLong();
        assertThat(d.get("state").asString()).isIn("CATCHING_UP", "UP_TO_DATE");
        assertThat(d.get("caSubject").asString()).contains("govguard-siem-test");

        audit.record(AuditEvent.success("hazards.raise", "hazard:9001", "系统 \"门户\" 高危 [CVE-2026-1] C:\\temp\\x ] 5 个工作日内整改").by("provider", "云服务商"));
        audit.record(AuditEvent.success("duty.overdue", "duty:77", "A10.2 逾期").by("system", "platform"));
        audit.record(AuditEvent.success("intake.alert.record", "alert:5", "HIGH ET SCAN").by("provider", "云服务商"));
        audit.record(AuditEvent.success("incident.report", "incident:3", "grade II").by("unit1", "包头市教育局"));
        long last = feed.lastId();

        assertThat(sender.sendDue()).isGreaterThanOrEqualTo(4);

        List<SyslogMessage> got = collector.messages();
        assertThat(got.stream().map(m -> m.seq(SD)).toList()).isEqualTo(range(cursor + 1, last));
        SyslogMessage hazard = got.stream().filter(m -> "hazard:9001".equals(m.param(SD, "target"))).findFirst().orElseThrow();
        assertThat(hazard.param(SD, "action")).isEqualTo("hazards.raise");
        assertThat(hazard.param(SD, "category")).isEqualTo("hazard");
        assertThat(hazard.param(SD, "actor")).isEqualTo("provider");
        assertThat(hazard.param(SD, "org")).isEqualTo("云服务商");
        assertThat(hazard.param(SD, "result")).isEqualTo("SUCCESS");
        assertThat(hazard.param(SD, "hash")).hasSize(64);
        assertThat(hazard.msgId()).isEqualTo("hazard");
        assertThat(hazard.appName()).isEqualTo("govcloud-guard");
        assertThat(hazard.facility()).isEqualTo(10);
        assertThat(hazard.severity()).isEqualTo(5);
        assertThat(hazard.bom()).isTrue();
        assertThat(hazard.msg()).isEqualTo("provider hazards.raise hazard:9001 SUCCESS: 系统 \"门户\" 高危 [CVE-2026-1] C:\\temp\\x ] 5 个工作日内整改");
        assertThat(got.stream().filter(m -> "duty:77".equals(m.param(SD, "target"))).findFirst().orElseThrow().msgId()).isEqualTo("duty");
        assertThat(got.stream().filter(m -> "alert:5".equals(m.param(SD, "target"))).findFirst().orElseThrow().msgId()).isEqualTo("alert");
        assertThat(got.stream().filter(m -> "incident:3".equals(m.param(SD, "target"))).findFirst().orElseThrow().msgId()).isEqualTo("incident");

        JsonNode after = destination(id);
        assertThat(after.get("cursor").asLong()).isEqualTo(last);
        assertThat(after.get("state").asString()).isEqualTo("UP_TO_DATE");
        assertThat(after.get("lag").asLong()).isZero();
        assertThat(after.get("sentTotal").asLong()).isEqualTo(last - cursor);
    }

    @Test
    void A7_4_a_collector_that_is_down_loses_nothing_and_gets_everything_from_the_cursor_when_it_is_back() throws Exception {
        SyslogPeer collector = peer(new SyslogPeer(true));
        long id = create("{\"name\":\"SOC\",\"kind\":\"SYSLOG_TLS\",\"target\":\"127.0.0.1:" + collector.port() + "\","
                + "\"caCertificate\":" + quote(collector.caPem()) + "}").get("id").asLong();
        sender.sendDue();
        long cursor = destination(id).get("cursor").asLong();
        collector.frames.clear();

        collector.stop();
        for (int i = 0; i < 5; i++) {
            audit.record(AuditEvent.success("duty.submit", "duty:" + (500 + i), "while the SOC is down"));
        }
        assertThat(sender.sendDue()).isZero();
        JsonNode down = destination(id);
        assertThat(down.get("state").asString()).isEqualTo("FAILING");
        assertThat(down.get("cursor").asLong()).isEqualTo(cursor);
        assertThat(down.get("lastError").asString()).isNotBlank();
        assertThat(down.get("lag").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(down.get("failures").asInt()).isEqualTo(1);

        collector.start();
        assertThat(sender.sendDue()).as("waits for its retry time").isZero();
        clock.set(Instant.parse(down.get("nextAttemptAt").asString()).plusSeconds(1));
        sender.sendDue();
        long last = feed.lastId();
        assertThat(collector.messages().stream().map(m -> m.seq(SD)).toList()).isEqualTo(range(cursor + 1, last));
        JsonNode up = destination(id);
        assertThat(up.get("state").asString()).isEqualTo("UP_TO_DATE");
        assertThat(up.get("cursor").asLong()).isEqualTo(last);
        assertThat(up.get("failures").asInt()).isZero();
        assertThat(up.get("lastError").asString()).as("the last error stays visible").isNotBlank();
    }

    @Test
    void A10_1_a_UDP_receiver_gets_one_RFC_5424_datagram_per_record_of_the_chosen_categories() throws Exception {
        DatagramSocket receiver = peer(new DatagramSocket(0, InetAddress.getLoopbackAddress()));
        receiver.setSoTimeout(5000);
        long id = create("{\"name\":\"UDP\",\"kind\":\"SYSLOG_UDP\",\"target\":\"127.0.0.1:" + receiver.getLocalPort() + "\","
                + "\"categories\":[\"HAZARD\",\"ALERT\"]}").get("id").asLong();
        audit.record(AuditEvent.success("identity.user.create", "user:1", "not wanted here"));
        audit.record(AuditEvent.success("hazards.acknowledge", "hazard:42", "单位已确认"));
        audit.record(AuditEvent.of("intake.suricata.import", "alerts", cn.govcloud.guard.audit.AuditResult.FAILURE, "bad EVE"));
        long last = feed.lastId();
        assertThat(sender.sendDue()).isEqualTo(2);

        List<SyslogMessage> got = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
            receiver.receive(p);
            byte[] bytes = Arrays.copyOf(p.getData(), p.getLength());
            assertThat((char) bytes[0]).as("a datagram carries the message alone, no octet count (RFC 5426)").isEqualTo('<');
            got.add(SyslogMessage.parse(bytes));
        }
        assertThat(got).extracting(m -> m.param(SD, "target")).containsExactly("hazard:42", "alerts");
        assertThat(got.get(1).severity()).as("a failure is a warning").isEqualTo(4);
        assertThat(got.get(1).msgId()).isEqualTo("alert");
        assertThat(destination(id).get("cursor").asLong()).as("records of other categories are passed over, not owed").isEqualTo(last);
    }

    @Test
    void A7_4_a_webhook_gets_signed_JSON_lines_and_an_unacknowledged_batch_again_from_the_cursor() throws Exception {
        WebhookPeer collector = peer(new WebhookPeer());
        String key = "a-long-hmac-key-0123456789";
        JsonNode d = create("{\"name\":\"SOC webhook\",\"kind\":\"WEBHOOK\",\"target\":" + quote(collector.url()) + ",\"secret\":\"" + key + "\"}");
        long id = d.get("id").asLong();
        long cursor = d.get("cursor").asLong();
        assertThat(d.get("target").asString()).doesNotContain("s3cr3t").startsWith("http://127.0.0.1:");
        assertThat(d.get("signed").asBoolean()).isTrue();
        assertThat(d.toString()).doesNotContain(key);

        collector.status = 503;
        audit.record(AuditEvent.success("hazards.close", "hazard:7", "关闭 \"done\""));
        assertThat(sender.sendDue()).isZero();
        JsonNode failing = destination(id);
        assertThat(failing.get("state").asString()).isEqualTo("FAILING");
        assertThat(failing.get("lastError").asString()).contains("503");
        assertThat(failing.get("cursor").asLong()).isEqualTo(cursor);

        collector.status = 200;
        audit.record(AuditEvent.success("duty.accept", "duty:8", "accepted"));
        clock.set(Instant.parse(failing.get("nextAttemptAt").asString()));
        sender.sendDue();
        long last = feed.lastId();

        List<Long> delivered = new ArrayList<>();
        for (WebhookPeer.Post p : collector.posts) {
            assertThat(p.contentType()).startsWith("application/x-ndjson");
            String expected = hmac(key, p.timestamp() + "." + p.body());
            assertThat(p.signature()).isEqualTo("sha256=" + expected);
            List<Long> seqs = p.body().lines().map(l -> ApiClient.JSON.readTree(l).get("seq").asLong()).toList();
            assertThat(p.sequence()).isEqualTo(seqs.get(0) + "-" + seqs.get(seqs.size() - 1));
            assertThat(seqs.get(0)).as("every POST starts right after the cursor").isEqualTo(cursor + 1);
            if (p.answered() == 200) {
                delivered.addAll(seqs);
            }
        }
        assertThat(collector.posts).hasSize(2);
        assertThat(delivered).isEqualTo(range(cursor + 1, last));
        JsonNode line = collector.posts.get(1).body().lines().map(ApiClient.JSON::readTree)
                .filter(n -> "hazard:7".equals(n.get("target").asString())).findFirst().orElseThrow();
        assertThat(line.get("category").asString()).isEqualTo("hazard");
        assertThat(line.get("details").asString()).isEqualTo("关闭 \"done\"");
        assertThat(line.get("occurredAt").asString()).endsWith("Z");
        assertThat(destination(id).get("cursor").asLong()).isEqualTo(last);

        collector.close();
        audit.record(AuditEvent.success("duty.accept", "duty:9", "accepted"));
        assertThat(sender.sendDue()).as("a collector that does not answer at all").isZero();
        assertThat(destination(id).get("cursor").asLong()).isEqualTo(last);
    }

    @Test
    void A7_4_a_destination_another_node_holds_is_left_to_it_until_its_lease_runs_out() throws Exception {
        WebhookPeer collector = peer(new WebhookPeer());
        long id = create("{\"name\":\"leased\",\"kind\":\"WEBHOOK\",\"target\":" + quote(collector.url()) + "}").get("id").asLong();
        Instant now = clock.instant();
        jdbc.sql("update siem_destination set claim_token = 'other-node', claimed_until = :until where id = :id")
                .param("until", now.plusSeconds(60).atOffset(java.time.ZoneOffset.UTC)).param("id", id).update();
        audit.record(AuditEvent.success("incident.grade", "incident:4", "II"));
        assertThat(sender.sendDue()).isZero();
        assertThat(collector.posts).isEmpty();

        clock.set(now.plusSeconds(61)); // that node died mid-send: its lease ran out
        assertThat(sender.sendDue()).isPositive();
        assertThat(collector.posts).hasSize(1);
        assertThat(jdbc.sql("select count(*) from siem_destination where id = :id and claim_token is null").param("id", id)
                .query(Long.class).single()).as("released after the run").isEqualTo(1);
    }

    @Test
    void A4_only_the_security_administrator_sees_or_changes_destinations_and_every_change_is_audited() throws Exception {
        for (String user : List.of("unit1", "provider", "sysadmin", "auditor", "supervisor")) {
            assertThat(api.call(user, get("/api/v1/siem/destinations")).getResponse().getStatus()).as(user).isEqualTo(403);
            assertThat(api.json(user, post("/api/v1/siem/destinations"), "{\"name\":\"x\",\"kind\":\"SYSLOG_UDP\",\"target\":\"127.0.0.1:514\"}")
                    .getResponse().getStatus()).as(user).isEqualTo(403);
        }
        assertThat(jdbc.sql("select count(*) from siem_destination where deleted_at is null").query(Long.class).single()).isZero();

        MvcResult bad = api.json("secadmin", post("/api/v1/siem/destinations"),
                "{\"name\":\"\",\"kind\":\"SYSLOG_TCP\",\"target\":\"127.0.0.1:99999\",\"secret\":\"0123456789abcdef\",\"categories\":[\"NOPE\"]}");
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(ApiClient.body(bad).get("errors").propertyNames()).contains("name", "target", "secret", "categories");

        WebhookPeer collector = peer(new WebhookPeer());
        long id = create("{\"name\":\"审计\",\"kind\":\"WEBHOOK\",\"target\":" + quote(collector.url()) + ",\"format\":\"JSON\"}").get("id").asLong();
        for (String user : List.of("unit1", "provider", "sysadmin")) {
            assertThat(api.json(user, put("/api/v1/siem/destinations/" + id), "{\"enabled\":false}").getResponse().getStatus()).isEqualTo(403);
            assertThat(api.call(user, post("/api/v1/siem/destinations/" + id + "/test")).getResponse().getStatus()).isEqualTo(403);
            assertThat(api.call(user, delete("/api/v1/siem/destinations/" + id)).getResponse().getStatus()).isEqualTo(403);
        }
        JsonNode tested = ApiClient.body(api.call("secadmin", post("/api/v1/siem/destinations/" + id + "/test")));
        assertThat(tested.get("sent").asBoolean()).isTrue();
        JsonNode sample = ApiClient.JSON.readTree(collector.posts.get(0).body());
        assertThat(sample.isArray()).isTrue();
        assertThat(sample.get(0).get("action").asString()).isEqualTo("siem.test");
        assertThat(collector.posts.get(0).contentType()).startsWith("application/json");

        JsonNode changed = ApiClient.body(api.json("secadmin", put("/api/v1/siem/destinations/" + id), "{\"enabled\":false,\"categories\":[\"DUTY\"]}"));
        assertThat(changed.get("state").asString()).isEqualTo("DISABLED");
        assertThat(changed.get("categories").toString()).isEqualTo("[\"DUTY\"]");
        collector.close();
        JsonNode failedTest = ApiClient.body(api.call("secadmin", post("/api/v1/siem/destinations/" + id + "/test")));
        assertThat(failedTest.get("sent").asBoolean()).isFalse();
        assertThat(failedTest.get("error").asString()).isNotBlank();
        assertThat(api.call("secadmin", delete("/api/v1/siem/destinations/" + id)).getResponse().getStatus()).isEqualTo(204);
        assertThat(api.call("secadmin", get("/api/v1/siem/destinations/" + id)).getResponse().getStatus()).isEqualTo(404);

        List<Map<String, Object>> trail = jdbc.sql("select action, actor, result from audit_record where target = :t order by id")
                .param("t", "siem-destination:" + id).query().listOfRows();
        assertThat(trail).extracting(r -> r.get("action")).containsExactly("siem.destination.create", "siem.destination.test",
                "siem.destination.update", "siem.destination.test", "siem.destination.delete");
        assertThat(trail).extracting(r -> r.get("actor")).containsOnly("secadmin");
        assertThat(trail.get(3).get("result")).isEqualTo("FAILURE");
    }

    private static String hmac(String key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

}
