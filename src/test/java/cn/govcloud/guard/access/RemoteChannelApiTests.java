package cn.govcloud.guard.access;

import static cn.govcloud.guard.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** Remote channels and the gateway's verify contract of API.md (A9.2, A9.3, A5.3). */
@AppTest
class RemoteChannelApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @LocalServerPort
    int port;

    private final ApiClient api = new ApiClient(() -> mvc);

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    long systemOf(String user) {
        return jdbc.sql("select s.id from systems_system s join identity_user u on u.org_id = s.org_id where u.username = :u order by s.id")
                .param("u", user).query(Long.class).list().get(0);
    }

    /** A gateway's API token with scope channels:verify, made by the security administrator as in the UI. */
    String gatewayToken() throws Exception {
        long provider = jdbc.sql("select id from identity_organisation where kind = 'PROVIDER'").query(Long.class).single();
        MvcResult r = api.json("secadmin", post("/api/v1/api-tokens"), "{\"name\":\"vpn-gateway-" + System.nanoTime() + "\",\"orgId\":" + provider
                + ",\"scopes\":[\"channels:verify\"],\"expiresAt\":\"" + clock.instant().plus(Duration.ofDays(30)) + "\"}");
        assertThat(r.getResponse().getStatus()).isEqualTo(201);
        return "Bearer " + body(r).get("secret").asText();
    }

    MvcResult verify(String gateway, String credential) throws Exception {
        return mvc.perform(post("/api/v1/channels/verify").header("Authorization", gateway).contentType(MediaType.APPLICATION_JSON)
                .content("{\"credential\":\"" + credential + "\"}")).andReturn();
    }

    String request(String user, Long systemId, Instant starts, Instant ends, boolean longTerm) {
        return "{\"systemId\":" + systemId + ",\"purpose\":\"数据库补丁升级\",\"operations\":\"升级 MySQL 至 8.0.40 并重启\","
                + "\"accounts\":\"dbadmin（只读+变更窗口）\",\"channelType\":\"VPN\",\"operatorName\":\"杨洋\",\"startsAt\":\"" + starts
                + "\",\"endsAt\":\"" + ends + "\",\"longTerm\":" + longTerm + "}";
    }

    /** Request → approval → opening → credential; returns {id, credential}. */
    String[] openChannel(Duration window) throws Exception {
        Instant now = clock.instant();
        MvcResult created = api.json("unit1staff", post("/api/v1/channels"), request("unit1staff", systemOf("unit1"), now, now.plus(window), false));
        assertThat(created.getResponse().getStatus()).as(created.getResponse().getContentAsString()).isEqualTo(201);
        long id = body(created).get("id").asLong();
        assertThat(api.json("unit1", post("/api/v1/channels/" + id + "/approval"), "{\"approve\":true}").getResponse().getStatus()).isEqualTo(200);
        assertThat(api.call("provider", post("/api/v1/channels/" + id + "/opening")).getResponse().getStatus()).isEqualTo(200);
        MvcResult credential = api.call("unit1staff", post("/api/v1/channels/" + id + "/credential"));
        assertThat(credential.getResponse().getStatus()).isEqualTo(200);
        return new String[] {String.valueOf(id), body(credential).get("credential").asText()};
    }

    @Test
    void theWholeFlow_requestApproveOpenShowOnceVerifyOnce_A9_2_A9_3() throws Exception {
        Instant now = clock.instant();
        MvcResult created = api.json("unit1staff", post("/api/v1/channels"), request("unit1staff", systemOf("unit1"), now, now.plus(Duration.ofHours(2)), false));
        assertThat(created.getResponse().getStatus()).isEqualTo(201);
        JsonNode channel = body(created);
        long id = channel.get("id").asLong();
        assertThat(channel.get("status").asText()).isEqualTo("REQUESTED");
        // the provider neither sees nor opens a channel the unit has not approved (A9.2)
        assertThat(api.call("provider", post("/api/v1/channels/" + id + "/opening")).getResponse().getStatus()).isEqualTo(404);
        // another unit neither sees nor approves it
        assertThat(api.call("unit2", get("/api/v1/channels/" + id)).getResponse().getStatus()).isEqualTo(404);
        assertThat(api.json("unit1", post("/api/v1/channels/" + id + "/approval"), "{\"approve\":true,\"note\":\"同意\"}").getResponse().getStatus())
                .isEqualTo(200);
        assertThat(body(api.call("provider", get("/api/v1/channels/" + id))).get("status").asText()).isEqualTo("READY");
        // the provider opened it; the unit's approval duty is done and the opening duty raised
        assertThat(body(api.call("provider", post("/api/v1/channels/" + id + "/opening"))).get("status").asText()).isEqualTo("OPEN");
        // only the requester sees the credential, and only once
        assertThat(api.call("unit1", post("/api/v1/channels/" + id + "/credential")).getResponse().getStatus()).isEqualTo(409);
        MvcResult shown = api.call("unit1staff", post("/api/v1/channels/" + id + "/credential"));
        assertThat(shown.getResponse().getStatus()).isEqualTo(200);
        String credential = body(shown).get("credential").asText();
        assertThat(credential).startsWith("ggc_");
        assertThat(java.util.Base64.getUrlDecoder().decode(credential.substring(4))).hasSizeGreaterThanOrEqualTo(16); // ≥ 128 bits
        MvcResult again = api.call("unit1staff", post("/api/v1/channels/" + id + "/credential"));
        assertThat(again.getResponse().getStatus()).isEqualTo(409);
        assertThat(body(again).get("rule").asText()).isEqualTo("A9.3");
        assertThat(again.getResponse().getContentAsString(StandardCharsets.UTF_8)).doesNotContain(credential);
        // never stored readable: no column of the row holds it
        String row = jdbc.sql("select * from access_channel where id = :id").param("id", id).query().listOfRows().get(0).toString();
        assertThat(row).doesNotContain(credential).doesNotContain(credential.substring(4));
        assertThat(api.call("unit1staff", get("/api/v1/channels/" + id)).getResponse().getContentAsString()).doesNotContain(credential);

        String gateway = gatewayToken();
        MvcResult first = verify(gateway, credential);
        assertThat(first.getResponse().getStatus()).isEqualTo(200);
        JsonNode allowed = body(first);
        assertThat(allowed.get("allow").asBoolean()).isTrue();
        assertThat(allowed.get("channelId").asLong()).isEqualTo(id);
        assertThat(allowed.get("user").asText()).isEqualTo("unit1staff");
        assertThat(allowed.get("systemId").asLong()).isEqualTo(systemOf("unit1"));
        assertThat(Instant.parse(allowed.get("endsAt").asText())).isEqualTo(Instant.parse(channel.get("endsAt").asText()));
        MvcResult second = verify(gateway, credential);
        assertThat(second.getResponse().getStatus()).isEqualTo(403);
        JsonNode refused = body(second);
        assertThat(refused.get("allow").asBoolean()).isFalse();
        assertThat(refused.get("reason").asText()).contains("A9.3").contains("一次一用");
        // each verification audited, allowed and refused
        assertThat(jdbc.sql("select result from audit_record where action = 'access.channel.verify' and target = :t order by id")
                .param("t", "channel:" + id).query(String.class).list()).containsExactly("SUCCESS", "DENIED");
        // people may not call the gateway's endpoint; the gateway's token may not read channels
        assertThat(api.json("unit1staff", post("/api/v1/channels/verify"), "{\"credential\":\"x\"}").getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/api/v1/channels").header("Authorization", gateway)).andReturn().getResponse().getStatus()).isEqualTo(403);
        // closing ends it; issue 23 point 8: only with a reason (400 naming it), which the audit record keeps
        assertThat(api.call("unit1staff", post("/api/v1/channels/" + id + "/closure")).getResponse().getStatus()).isEqualTo(400);
        assertThat(body(api.json("unit1staff", post("/api/v1/channels/" + id + "/closure"), "{\"reason\":\"运维作业完成\"}")).get("status").asText())
                .isEqualTo("CLOSED");
        assertThat(jdbc.sql("select details from audit_record where action = 'access.channel.close' and target = :t")
                .param("t", "channel:" + id).query(String.class).single()).contains("运维作业完成");
    }

    @Test
    void theApproverIsNeverTheRequester_A9_2() throws Exception {
        Instant now = clock.instant();
        long id = body(api.json("unit1", post("/api/v1/channels"), request("unit1", systemOf("unit1"), now, now.plus(Duration.ofHours(1)), false)))
                .get("id").asLong();
        MvcResult self = api.json("unit1", post("/api/v1/channels/" + id + "/approval"), "{\"approve\":true}");
        assertThat(self.getResponse().getStatus()).isEqualTo(409);
        assertThat(body(self).get("rule").asText()).isEqualTo("A9.2");
        // staff cannot approve at all
        assertThat(api.json("unit1staff", post("/api/v1/channels/" + id + "/approval"), "{\"approve\":true}").getResponse().getStatus()).isEqualTo(403);
    }

    /** Issue 23 point 2: the unit's only security officer asks; nobody in the unit may check it, so the supervisor does. */
    @Test
    void aSoleSecurityOfficersRequestIsCheckedByTheSupervisor_A9_2() throws Exception {
        Instant now = clock.instant();
        long id = body(api.json("unit1", post("/api/v1/channels"), request("unit1", systemOf("unit1"), now, now.plus(Duration.ofHours(1)), false)))
                .get("id").asLong();
        JsonNode asRequester = body(api.call("unit1", get("/api/v1/channels/" + id)));
        assertThat(asRequester.get("approver").asText()).isEqualTo("SUPERVISOR_FOR_SOLE_OFFICER");
        assertThat(asRequester.get("mayDecide").asBoolean()).isFalse();
        assertThat(body(api.call("supervisor", get("/api/v1/channels/" + id))).get("mayDecide").asBoolean()).isTrue();

        // a second security officer in the unit takes the check back to the unit: the supervisor is then refused
        long staff = jdbc.sql("select id from identity_user where username = 'unit1staff'").query(Long.class).single();
        jdbc.sql("insert into identity_user_role (user_id, role) values (:u, 'UNIT_SECURITY_OFFICER')").param("u", staff).update();
        try {
            assertThat(body(api.call("unit1", get("/api/v1/channels/" + id))).get("approver").asText()).isEqualTo("UNIT_OFFICER");
            MvcResult refused = api.json("supervisor", post("/api/v1/channels/" + id + "/approval"), "{\"approve\":true}");
            assertThat(refused.getResponse().getStatus()).isEqualTo(409);
            assertThat(body(refused).get("rule").asText()).isEqualTo("A9.2");
        } finally {
            jdbc.sql("delete from identity_user_role where user_id = :u and role = 'UNIT_SECURITY_OFFICER'").param("u", staff).update();
        }

        MvcResult approved = api.json("supervisor", post("/api/v1/channels/" + id + "/approval"), "{\"approve\":true,\"note\":\"复核同意\"}");
        assertThat(approved.getResponse().getStatus()).isEqualTo(200);
        assertThat(body(approved).get("status").asText()).isEqualTo("READY");
        assertThat(body(api.call("unit1", get("/api/v1/channels/" + id))).get("approvedBy").asText()).isEqualTo("supervisor");
    }

    @Test
    void aWindowLongerThanTheMaximumIsRefusedAndALongTermChannelNeedsTheRegulator_A9_2_A9_3() throws Exception {
        Instant now = clock.instant();
        MvcResult tooLong = api.json("unit1staff", post("/api/v1/channels"), request("unit1staff", systemOf("unit1"), now, now.plus(Duration.ofHours(9)), false));
        assertThat(tooLong.getResponse().getStatus()).isEqualTo(409);
        assertThat(body(tooLong).get("rule").asText()).isEqualTo("A9.2");

        long id = body(api.json("unit1staff", post("/api/v1/channels"), request("unit1staff", systemOf("unit1"), now, now.plus(Duration.ofDays(30)), true)))
                .get("id").asLong();
        api.json("unit1", post("/api/v1/channels/" + id + "/approval"), "{\"approve\":true}");
        assertThat(body(api.call("unit1", get("/api/v1/channels/" + id))).get("status").asText()).isEqualTo("AWAITING_REGULATOR");
        MvcResult refused = api.call("provider", post("/api/v1/channels/" + id + "/opening"));
        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        assertThat(body(refused).get("rule").asText()).isEqualTo("A9.3");
        assertThat(api.json("supervisor", post("/api/v1/channels/" + id + "/regulator-decision"), "{\"approve\":true}").getResponse().getStatus())
                .isEqualTo(403);
        assertThat(api.json("regulator", post("/api/v1/channels/" + id + "/regulator-decision"), "{\"approve\":true,\"reason\":\"同意开通30天\"}")
                .getResponse().getStatus()).isEqualTo(200);
        assertThat(body(api.call("provider", post("/api/v1/channels/" + id + "/opening"))).get("status").asText()).isEqualTo("OPEN");
    }

    @Test
    void theProvidersRemoteOperationOfThePlatformNeedsTheSupervisorsException_A5_3() throws Exception {
        Instant now = clock.instant();
        MvcResult created = api.json("provider", post("/api/v1/channels"), request("provider", null, now, now.plus(Duration.ofHours(1)), false));
        assertThat(created.getResponse().getStatus()).isEqualTo(201);
        long id = body(created).get("id").asLong();
        assertThat(body(created).get("rule").asText()).isEqualTo("A5.3");
        MvcResult refused = api.call("provider", post("/api/v1/channels/" + id + "/opening"));
        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        assertThat(body(refused).get("rule").asText()).isEqualTo("A5.3");
        assertThat(api.json("supervisor", post("/api/v1/channels/" + id + "/approval"), "{\"approve\":true,\"note\":\"紧急修复存储控制器\"}")
                .getResponse().getStatus()).isEqualTo(200);
        assertThat(body(api.call("provider", post("/api/v1/channels/" + id + "/opening"))).get("status").asText()).isEqualTo("OPEN");
        // the supervisor's decision duty was raised and is now done
        assertThat(jdbc.sql("select state from duties_duty where rule_id = 'A5.3-remote-operation-decision' and reference = :r")
                .param("r", "channel:" + id).query(String.class).single()).isEqualTo("ACCEPTED");
    }

    @Test
    void aVerificationAfterTheWindowIsRefused_A9_3() throws Exception {
        String[] channel = openChannel(Duration.ofHours(1));
        String gateway = gatewayToken();
        clock.set(clock.instant().plus(Duration.ofMinutes(61)));
        api.forgetTokens();
        MvcResult late = verify(gateway, channel[1]);
        assertThat(late.getResponse().getStatus()).isEqualTo(403);
        assertThat(body(late).get("allow").asBoolean()).isFalse();
        assertThat(body(late).get("reason").asText()).contains("A9.3");
        assertThat(verify(gateway, "ggc_unknown").getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void aHundredConcurrentVerificationsOfOneCredentialAllowExactlyOne_A9_3() throws Exception {
        String[] channel = openChannel(Duration.ofHours(2));
        String gateway = gatewayToken();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/channels/verify"))
                .header("Authorization", gateway).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"credential\":\"" + channel[1] + "\"}")).timeout(Duration.ofSeconds(60)).build();
        ExecutorService pool = Executors.newFixedThreadPool(100);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return http.send(req, HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
            int allowed = 0;
            int refused = 0;
            for (Future<HttpResponse<String>> f : futures) {
                HttpResponse<String> r = f.get();
                if (r.statusCode() == 200) {
                    allowed++;
                    assertThat(r.body()).contains("\"allow\":true");
                } else {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
                    assertThat(r.body()).contains("\"allow\":false").contains("A9.3");
                    refused++;
                }
            }
            assertThat(allowed).isEqualTo(1);
            assertThat(refused).isEqualTo(99);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'access.channel.verify' and target = :t")
                .param("t", "channel:" + channel[0]).query(Long.class).single()).isEqualTo(100);
    }
}
