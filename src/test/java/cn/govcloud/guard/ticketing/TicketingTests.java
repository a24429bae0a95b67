package cn.govcloud.guard.ticketing;

import static cn.govcloud.guard.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.security.DemoActors;
import cn.govcloud.guard.ticketing.internal.TicketSender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * Ticketing (issue 21 point 5; A10.1, A10.2, A4) against a real service desk started here on the JDK's HTTP server: a new
 * hazard notice opens a ticket in its unit's desk, delivered signed from the outbox (a desk that is down is retried with
 * backoff and loses nothing); the desk's signed callbacks acknowledge the hazard and submit its feedback as the unit would,
 * once per event id; a bad signature or a stale timestamp is refused (401) and changes nothing; a unit's desk only ever
 * sees its own unit's hazards; only the security administrator configures desks.
 */
@AppTest
class TicketingTests {
    static final String SECRET = "desk-shared-secret-0123456789";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired TicketSender sender;
    @Autowired MutableClock clock;

    private final ApiClient api = new ApiClient(() -> mvc);
    private final List<AutoCloseable> peers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        retireTestDesks();
    }

    @AfterEach
    void tearDown() throws Exception {
        retireTestDesks();
        for (AutoCloseable p : peers) {
            p.close();
        }
        clock.reset();
    }

    /** Desks of earlier tests would take these hazards' tickets too. */
    private void retireTestDesks() {
        jdbc.sql("update ticket_desk set enabled = false, deleted_at = current_timestamp where deleted_at is null and name like '工单测试%'").update();
    }

    private DeskPeer peer() throws Exception {
        DeskPeer p = new DeskPeer();
        peers.add(p);
        return p;
    }

    private long orgOf(String user) {
        return jdbc.sql("select org_id from identity_user where username = :u").param("u", user).query(Long.class).single();
    }

    private static String text(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private long system(String user, String name, String filing, String address) throws Exception {
        var existing = jdbc.sql("select id from systems_system where org_id = :org and name = :name").param("org", orgOf(user)).param("name", name)
                .query(Long.class).optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        MvcResult r = api.json(user, post("/api/v1/systems"), """
                {"name":"%s","mlpsLevel":3,"purpose":"测试","filingNumber":"%s","responsibleName":"张三",
                 "responsibleMobile":"13812345678","exposure":["GOV_EXTRANET"],"addresses":["%s"]}""".formatted(name, filing, address));
        assertThat(r.getResponse().getStatus()).as(text(r)).isEqualTo(201);
        return body(r).get("id").asLong();
    }

    private long unit1System() throws Exception {
        return system("unit1", "工单测试·招生报名系统", "15020099998-00021", "10.78.1.21");
    }

    private long unit2System() throws Exception {
        return system("unit2", "工单测试·预约挂号系统", "15020099998-00022", "10.78.2.22");
    }

    private long raise(long systemId) throws Exception {
        MvcResult r = api.json("supervisor", post("/api/v1/hazards"), "{\"systemId\":" + systemId + ",\"title\":\"工单测试 Struts2 漏洞 "
                + UUID.randomUUID().toString().substring(0, 8) + "\",\"severity\":\"HIGH\"}");
        assertThat(r.getResponse().getStatus()).as(text(r)).isEqualTo(201);
        return body(r).get("id").asLong();
    }

    private JsonNode desk(String ownerUser, String url, boolean enabled) throws Exception {
        MvcResult r = api.json("secadmin", post("/api/v1/ticketing/desks"), """
                {"name":"工单测试·%s","ownerOrgId":%d,"url":"%s","secret":"%s","enabled":%s}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8), orgOf(ownerUser), url, SECRET, enabled));
        assertThat(r.getResponse().getStatus()).as(text(r)).isEqualTo(201);
        return body(r);
    }

    private JsonNode tickets(String user, long hazard) throws Exception {
        MvcResult r = api.call(user, get("/api/v1/ticketing/tickets").param("hazard", Long.toString(hazard)));
        assertThat(r.getResponse().getStatus()).as(text(r)).isEqualTo(200);
        return body(r);
    }

    private JsonNode hazard(long id) throws Exception {
        return body(api.call("supervisor", get("/api/v1/hazards/" + id)));
    }

    static String hmacSha256(String secret, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    static String hmacSm3(String secret, String timestamp, String body) {
        HMac mac = new HMac(new SM3Digest());
        mac.init(new KeyParameter(secret.getBytes(StandardCharsets.UTF_8)));
        byte[] in = (timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
        mac.update(in, 0, in.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return "sm3=" + HexFormat.of().formatHex(out);
    }

    private MvcResult callback(long desk, String body, String timestamp, String signature) throws Exception {
        var req = post("/api/v1/ticketing/callback/" + desk).contentType(MediaType.APPLICATION_JSON).content(body.getBytes(StandardCharsets.UTF_8));
        if (timestamp != null) {
            req.header("X-Govguard-Timestamp", timestamp);
        }
        if (signature != null) {
            req.header("X-Govguard-Signature", signature);
        }
        return mvc.perform(req).andReturn();
    }

    private MvcResult signedCallback(long desk, String body) throws Exception {
        String ts = Long.toString(clock.instant().getEpochSecond());
        return callback(desk, body, ts, hmacSha256(SECRET, ts, body));
    }

    private long count(String sql, Object... args) {
        var s = jdbc.sql(sql);
        for (int i = 0; i < args.length; i++) {
            s = s.param(i + 1, args[i]);
        }
        return s.query(Long.class).single();
    }

    /** A desk of unit1 with a ticket already delivered for a new hazard: {desk id, hazard id, ticket id}. */
    private long[] deliveredTicket(DeskPeer peer) throws Exception {
        long desk = desk("unit1", peer.url(), true).get("id").asLong();
        long hazard = raise(unit1System());
        sender.sendDue();
        JsonNode t = tickets("unit1", hazard).get(0);
        assertThat(t.get("state").asText()).isEqualTo("SENT");
        return new long[] {desk, hazard, t.get("id").asLong()};
    }

    // ---- opening and delivering -------------------------------------------------------------------

    @Test
    void A10_2_issue21_aNewHazardNoticeOpensATicketInItsUnitsDesk_deliveredSigned_withTheDesksNumber() throws Exception {
        DeskPeer peer = peer();
        long desk = desk("unit1", peer.url(), true).get("id").asLong();
        long hazard = raise(unit1System());

        JsonNode queued = tickets("unit1", hazard);
        assertThat(queued).hasSize(1);
        assertThat(queued.get(0).get("deskId").asLong()).isEqualTo(desk);
        assertThat(queued.get(0).get("state").asText()).isEqualTo("PENDING"); // the user did not wait for the desk
        assertThat(peer.posts).isEmpty();

        sender.sendDue();
        assertThat(peer.posts).hasSize(1);
        DeskPeer.Post p = peer.posts.get(0);
        assertThat(p.signature()).isEqualTo(hmacSha256(SECRET, p.timestamp(), p.body()));
        JsonNode sent = ApiClient.JSON.readTree(p.body());
        assertThat(sent.get("event").asText()).isEqualTo("ticket.open");
        assertThat(sent.get("hazardId").asLong()).isEqualTo(hazard);
        assertThat(sent.get("ticket").asLong()).isEqualTo(queued.get(0).get("id").asLong());
        assertThat(sent.get("title").asText()).startsWith("工单测试 Struts2");
        assertThat(sent.get("severity").asText()).isEqualTo("HIGH");
        assertThat(sent.get("callback").asText()).endsWith("/api/v1/ticketing/callback/" + desk);
        assertThat(p.eventId()).isEqualTo("ticket-" + sent.get("ticket").asLong());

        JsonNode t = tickets("unit1", hazard).get(0);
        assertThat(t.get("state").asText()).isEqualTo("SENT");
        assertThat(t.get("externalId").asText()).startsWith("ITSM-");
        assertThat(t.get("attempts").asInt()).isEqualTo(1);
        // the hazard page shows it (the section the hazard page loads)
        MvcResult page = mvc.perform(get("/ticketing/tickets").param("hazard", Long.toString(hazard))
                .with(authentication(DemoActors.authentication(jdbc, "unit1"))).locale(Locale.SIMPLIFIED_CHINESE)).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        assertThat(text(page)).contains(t.get("externalId").asText()).contains("已送达");
        // sent once: nothing more to send
        sender.sendDue();
        assertThat(peer.posts).hasSize(1);
    }

    @Test
    void A10_1_issue21_aDeskThatIsDownIsRetriedWithBackoff_thenTheTicketIsSent_nothingLost() throws Exception {
        DeskPeer peer = peer();
        peer.status = 503;
        desk("unit1", peer.url(), true);
        long hazard = raise(unit1System());

        sender.sendDue();
        JsonNode t = tickets("unit1", hazard).get(0);
        assertThat(t.get("state").asText()).isEqualTo("PENDING");
        assertThat(t.get("attempts").asInt()).isEqualTo(1);
        assertThat(t.get("lastError").asText()).contains("503");
        assertThat(Duration.between(Instant.parse(t.get("lastAttemptAt").asText()), Instant.parse(t.get("nextAttemptAt").asText())))
                .isEqualTo(Duration.ofSeconds(15));

        sender.sendDue(); // not yet due: the desk is left alone
        assertThat(peer.posts).hasSize(1);
        clock.advance(Duration.ofSeconds(16));
        sender.sendDue();
        t = tickets("unit1", hazard).get(0);
        assertThat(t.get("attempts").asInt()).isEqualTo(2);
        assertThat(Duration.between(Instant.parse(t.get("lastAttemptAt").asText()), Instant.parse(t.get("nextAttemptAt").asText())))
                .isEqualTo(Duration.ofSeconds(30)); // doubled

        peer.status = 200;
        clock.advance(Duration.ofSeconds(31));
        sender.sendDue();
        t = tickets("unit1", hazard).get(0);
        assertThat(t.get("state").asText()).isEqualTo("SENT");
        assertThat(t.get("attempts").asInt()).isEqualTo(3);
        assertThat(t.get("lastError").isNull()).isTrue();
        assertThat(peer.posts).hasSize(3);
        assertThat(peer.posts.stream().map(DeskPeer.Post::body).distinct()).hasSize(1); // the same ticket each time
    }

    // ---- callbacks ---------------------------------------------------------------------------------

    @Test
    void A10_2_issue21_acknowledgedCallback_acknowledgesTheHazardAsTheUnit_andItsReplayHasOneEffect() throws Exception {
        long[] d = deliveredTicket(peer());
        String body = """
                {"eventId":"evt-%s","event":"acknowledged","ticket":%d,"handler":"李运维","text":"已隔离受影响主机，启动应急响应"}"""
                .formatted(UUID.randomUUID(), d[2]);
        MvcResult first = signedCallback(d[0], body);
        assertThat(first.getResponse().getStatus()).as(text(first)).isEqualTo(200);
        assertThat(body(first).get("hazardState").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(body(first).get("ticketState").asText()).isEqualTo("ACKNOWLEDGED");
        JsonNode h = hazard(d[1]);
        assertThat(h.get("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(h.toString()).contains("李运维");

        MvcResult again = signedCallback(d[0], body);
        assertThat(again.getResponse().getStatus()).isEqualTo(200);
        assertThat(text(again)).isEqualTo(text(first));
        assertThat(again.getResponse().getHeader("X-Govguard-Replay")).isEqualTo("true");
        assertThat(count("select count(*) from audit_record where action = 'hazards.acknowledge' and target = ?", "hazard:" + d[1])).isEqualTo(1);
        assertThat(count("select count(*) from audit_record where action = 'ticketing.callback.acknowledged' and target = ? and actor = ?",
                "hazard:" + d[1], "ticket-desk:" + d[0])).isEqualTo(1);
    }

    @Test
    void A10_2_issue21_feedbackCallback_submitsTheRectificationFeedback_signedWithHmacSm3() throws Exception {
        long[] d = deliveredTicket(peer());
        // feedback before acknowledgement: the loop refuses (409) and nothing changes
        String early = """
                {"eventId":"evt-%s","event":"feedback","ticket":%d,"text":"已升级组件"}""".formatted(UUID.randomUUID(), d[2]);
        MvcResult refused = signedCallback(d[0], early);
        assertThat(refused.getResponse().getStatus()).as(text(refused)).isEqualTo(409);
        assertThat(text(refused)).contains("A10.2");
        assertThat(hazard(d[1]).get("status").asText()).isEqualTo("NOTIFIED");
        assertThat(count("select count(*) from ticket_callback where ticket_id = ?", d[2])).isZero();

        signedCallback(d[0], """
                {"eventId":"evt-%s","event":"acknowledged","ticket":%d,"handler":"李运维","text":"已隔离"}""".formatted(UUID.randomUUID(), d[2]));
        String feedback = """
                {"eventId":"evt-%s","event":"feedback","ticket":%d,"text":"已升级 Struts 至 6.3.0.2 并复测通过","url":"https://itsm.example.gov.cn/t/1001"}"""
                .formatted(UUID.randomUUID(), d[2]);
        String ts = Long.toString(clock.instant().getEpochSecond());
        MvcResult ok = callback(d[0], feedback, ts, hmacSm3(SECRET, ts, feedback));
        assertThat(ok.getResponse().getStatus()).as(text(ok)).isEqualTo(200);
        assertThat(body(ok).get("hazardState").asText()).isEqualTo("FEEDBACK_SUBMITTED");
        assertThat(hazard(d[1]).get("status").asText()).isEqualTo("FEEDBACK_SUBMITTED");
        assertThat(tickets("supervisor", d[1]).get(0).get("state").asText()).isEqualTo("FEEDBACK");
    }

    @Test
    void A10_2_issue21_aBadSignatureOrAStaleTimestampIsRefused401_andNothingChanges() throws Exception {
        long[] d = deliveredTicket(peer());
        String body = """
                {"eventId":"evt-%s","event":"acknowledged","ticket":%d,"handler":"李运维","text":"已隔离"}""".formatted(UUID.randomUUID(), d[2]);
        String ts = Long.toString(clock.instant().getEpochSecond());

        MvcResult wrongKey = callback(d[0], body, ts, hmacSha256("another-secret-0123456789", ts, body));
        assertThat(wrongKey.getResponse().getStatus()).isEqualTo(401);
        assertThat(wrongKey.getResponse().getContentType()).contains("problem+json");
        assertThat(callback(d[0], body, ts, null).getResponse().getStatus()).isEqualTo(401);
        String tampered = body.replace("李运维", "王某某");
        assertThat(callback(d[0], tampered, ts, hmacSha256(SECRET, ts, body)).getResponse().getStatus()).isEqualTo(401);
        String old = Long.toString(clock.instant().minusSeconds(600).getEpochSecond());
        MvcResult stale = callback(d[0], body, old, hmacSha256(SECRET, old, body));
        assertThat(stale.getResponse().getStatus()).isEqualTo(401);
        assertThat(text(stale)).contains("stale");
        assertThat(callback(999_999, body, ts, hmacSha256(SECRET, ts, body)).getResponse().getStatus()).isEqualTo(401);

        assertThat(hazard(d[1]).get("status").asText()).isEqualTo("NOTIFIED");
        assertThat(count("select count(*) from ticket_callback where ticket_id = ?", d[2])).isZero();
        assertThat(count("select count(*) from audit_record where action = 'ticketing.callback' and actor = ? and result = 'DENIED'",
                "ticket-desk:" + d[0])).isGreaterThanOrEqualTo(4);
        // the same event, properly signed, is then taken: the refusals did not use up its id
        assertThat(signedCallback(d[0], body).getResponse().getStatus()).isEqualTo(200);
    }

    // ---- A4: whose desk gets what --------------------------------------------------------------------

    @Test
    void A4_issue21_aUnitsDeskOnlyReceivesItsOwnUnitsHazards() throws Exception {
        DeskPeer unit1Peer = peer();
        DeskPeer unit2Peer = peer();
        long desk1 = desk("unit1", unit1Peer.url(), true).get("id").asLong();
        long desk2 = desk("unit2", unit2Peer.url(), true).get("id").asLong();
        long h1 = raise(unit1System());
        long h2 = raise(unit2System());
        sender.sendDue();

        assertThat(unit1Peer.posts).extracting(p -> ApiClient.JSON.readTree(p.body()).get("hazardId").asLong()).containsExactly(h1);
        assertThat(unit2Peer.posts).extracting(p -> ApiClient.JSON.readTree(p.body()).get("hazardId").asLong()).containsExactly(h2);
        // unit2 cannot see unit1's hazard's tickets, nor open one in its desk for it
        assertThat(api.call("unit2", get("/api/v1/ticketing/tickets").param("hazard", Long.toString(h1))).getResponse().getStatus()).isEqualTo(404);
        MvcResult foreign = api.json("supervisor", post("/api/v1/ticketing/tickets"), "{\"hazardId\":" + h1 + ",\"deskId\":" + desk2 + "}");
        assertThat(foreign.getResponse().getStatus()).as(text(foreign)).isEqualTo(400);
        // and unit2's desk cannot reach unit1's hazard by a callback
        MvcResult reach = signedCallback(desk2, """
                {"eventId":"evt-%s","event":"acknowledged","hazardId":%d,"handler":"王某","text":"确认"}""".formatted(UUID.randomUUID(), h1));
        assertThat(reach.getResponse().getStatus()).as(text(reach)).isEqualTo(404);
        assertThat(hazard(h1).get("status").asText()).isEqualTo("NOTIFIED");
        assertThat(tickets("unit1", h1)).extracting(t -> t.get("deskId").asLong()).containsExactly(desk1);
    }

    @Test
    void A10_2_issue21_theOpenTicketButton_queuesOnceForTheProvidersDesk_whoseCallbacksCannotActForTheUnit() throws Exception {
        DeskPeer peer = peer();
        long providerDesk = desk("provider", peer.url(), true).get("id").asLong();
        long hazard = raise(unit1System());
        assertThat(tickets("supervisor", hazard)).isEmpty(); // not the unit's desk: nothing automatic

        MvcResult opened = api.json("provider", post("/api/v1/ticketing/tickets"), "{\"hazardId\":" + hazard + ",\"deskId\":" + providerDesk + "}");
        // the provider sees only the hazards it raised: this one the supervisor raised
        assertThat(opened.getResponse().getStatus()).isEqualTo(404);
        opened = api.json("supervisor", post("/api/v1/ticketing/tickets"), "{\"hazardId\":" + hazard + ",\"deskId\":" + providerDesk + "}");
        assertThat(opened.getResponse().getStatus()).as(text(opened)).isEqualTo(201);
        MvcResult twice = api.json("supervisor", post("/api/v1/ticketing/tickets"), "{\"hazardId\":" + hazard + ",\"deskId\":" + providerDesk + "}");
        assertThat(body(twice).get("id").asLong()).isEqualTo(body(opened).get("id").asLong());
        // a unit's person does not get to choose the provider's desk
        MvcResult unitTry = api.json("unit1", post("/api/v1/ticketing/tickets"), "{\"hazardId\":" + hazard + ",\"deskId\":" + providerDesk + "}");
        assertThat(unitTry.getResponse().getStatus()).isEqualTo(400);
        sender.sendDue();
        assertThat(peer.posts).hasSize(1);

        MvcResult ack = signedCallback(providerDesk, """
                {"eventId":"evt-%s","event":"acknowledged","ticket":%d,"handler":"云运维","text":"已处置"}""".formatted(UUID.randomUUID(),
                body(opened).get("id").asLong()));
        assertThat(ack.getResponse().getStatus()).as(text(ack)).isEqualTo(409);
        assertThat(hazard(hazard).get("status").asText()).isEqualTo("NOTIFIED");
        MvcResult status = signedCallback(providerDesk, """
                {"eventId":"evt-%s","event":"status","ticket":%d,"status":"in_progress"}""".formatted(UUID.randomUUID(), body(opened).get("id").asLong()));
        assertThat(status.getResponse().getStatus()).as(text(status)).isEqualTo(200);
        assertThat(tickets("supervisor", hazard).get(0).get("externalState").asText()).isEqualTo("in_progress");
    }

    @Test
    void A10_1_issue21_anAlertCanOpenATicketInItsUnitsDesk_whoseCallbacksOnlyRecordTheDesksStatus() throws Exception {
        DeskPeer peer = peer();
        long desk = desk("unit1", peer.url(), true).get("id").asLong();
        long system = unit1System();
        MvcResult posted = api.json("provider", post("/api/v1/alerts"), """
                {"systemId":%d,"title":"工单测试·WebShell 上传告警 %s","severity":"LOW"}""".formatted(system, UUID.randomUUID().toString().substring(0, 8)));
        assertThat(posted.getResponse().getStatus()).as(text(posted)).isEqualTo(201);
        long alert = body(posted).get("id").asLong();
        assertThat(api.call("unit1", get("/api/v1/ticketing/tickets").param("alert", Long.toString(alert))).getResponse().getStatus()).isEqualTo(200);
        assertThat(body(api.call("unit1", get("/api/v1/ticketing/tickets").param("alert", Long.toString(alert))))).isEmpty(); // nothing automatic

        // 「开工单」 on the alert page, as the unit's officer (post/redirect/get back to the alert)
        MvcResult form = mvc.perform(post("/ticketing/tickets").param("alert", Long.toString(alert)).param("desk", Long.toString(desk))
                .with(authentication(DemoActors.authentication(jdbc, "unit1"))).with(csrf())).andReturn();
        assertThat(form.getResponse().getRedirectedUrl()).isEqualTo("/intake/alerts/" + alert);
        sender.sendDue();
        assertThat(peer.posts).hasSize(1);
        JsonNode sent = ApiClient.JSON.readTree(peer.posts.get(0).body());
        assertThat(sent.get("kind").asText()).isEqualTo("ALERT");
        assertThat(sent.get("alertId").asLong()).isEqualTo(alert);
        long ticket = sent.get("ticket").asLong();
        assertThat(api.call("unit2", get("/api/v1/ticketing/tickets").param("alert", Long.toString(alert))).getResponse().getStatus()).isEqualTo(404);

        MvcResult ack = signedCallback(desk, """
                {"eventId":"evt-%s","event":"acknowledged","ticket":%d,"handler":"李运维","text":"已处置"}""".formatted(UUID.randomUUID(), ticket));
        assertThat(ack.getResponse().getStatus()).as(text(ack)).isEqualTo(409);
        MvcResult status = signedCallback(desk, """
                {"eventId":"evt-%s","event":"status","ticket":%d,"status":"resolved"}""".formatted(UUID.randomUUID(), ticket));
        assertThat(status.getResponse().getStatus()).as(text(status)).isEqualTo(200);
        assertThat(body(status).get("subject").asText()).isEqualTo("alert:" + alert);
        MvcResult section = mvc.perform(get("/ticketing/tickets").param("alert", Long.toString(alert))
                .with(authentication(DemoActors.authentication(jdbc, "unit1"))).locale(Locale.SIMPLIFIED_CHINESE)).andReturn();
        assertThat(text(section)).contains("resolved").contains("ITSM-");
    }

    // ---- configuration ------------------------------------------------------------------------------

    @Test
    void issue21_onlyTheSecurityAdministratorConfiguresDesks_offByDefault_secretNeverShown_everyChangeAudited() throws Exception {
        for (String user : List.of("sysadmin", "auditor", "supervisor", "provider", "unit1", "regulator")) {
            assertThat(api.call(user, get("/api/v1/ticketing/desks")).getResponse().getStatus()).as(user).isEqualTo(403);
            assertThat(api.json(user, post("/api/v1/ticketing/desks"), "{}").getResponse().getStatus()).as(user).isEqualTo(403);
        }
        MvcResult created = api.json("secadmin", post("/api/v1/ticketing/desks"), """
                {"name":"工单测试·默认关闭","ownerOrgId":%d,"url":"https://itsm.example.gov.cn/hook?token=abc","secret":"%s"}"""
                .formatted(orgOf("unit1"), SECRET));
        assertThat(created.getResponse().getStatus()).as(text(created)).isEqualTo(201);
        JsonNode d = body(created);
        assertThat(d.get("enabled").asBoolean()).isFalse();
        assertThat(d.get("url").asText()).isEqualTo("https://itsm.example.gov.cn/…");
        assertThat(text(created)).doesNotContain(SECRET).doesNotContain("token=abc");
        long id = d.get("id").asLong();
        assertThat(text(api.call("secadmin", get("/api/v1/ticketing/desks")))).doesNotContain(SECRET);

        MvcResult bad = api.json("secadmin", post("/api/v1/ticketing/desks"), """
                {"name":"工单测试·坏","ownerOrgId":%d,"url":"ftp://x","secret":"short"}""".formatted(orgOf("unit1")));
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(text(bad)).contains("url").contains("secret");

        MvcResult changed = api.json("secadmin", put("/api/v1/ticketing/desks/" + id), "{\"enabled\":true}");
        assertThat(body(changed).get("enabled").asBoolean()).isTrue();
        assertThat(count("select count(*) from audit_record where target = ? and action in ('ticketing.desk.create', 'ticketing.desk.update')",
                "ticket-desk:" + id)).isEqualTo(2);
        String sealed = jdbc.sql("select secret from ticket_desk where id = :id").param("id", id).query(String.class).single();
        assertThat(sealed).doesNotContain(SECRET);

        MvcResult page = mvc.perform(get("/ticketing/desks").with(authentication(DemoActors.authentication(jdbc, "secadmin")))
                .locale(Locale.SIMPLIFIED_CHINESE)).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        assertThat(text(page)).contains("工单测试·默认关闭").contains("/api/v1/ticketing/callback/" + id).doesNotContain(SECRET);
        MvcResult form = mvc.perform(post("/ticketing/desks/" + id + "/enabled").param("enabled", "false")
                .with(authentication(DemoActors.authentication(jdbc, "secadmin"))).with(csrf())).andReturn();
        assertThat(form.getResponse().getRedirectedUrl()).isEqualTo("/ticketing/desks");
        assertThat(jdbc.sql("select enabled from ticket_desk where id = :id").param("id", id).query(Boolean.class).single()).isFalse();
        assertThat(mvc.perform(get("/ticketing/desks").with(authentication(DemoActors.authentication(jdbc, "sysadmin")))).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
    }
}
