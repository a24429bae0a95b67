package cn.govcloud.guard.notify;

import static cn.govcloud.guard.notify.MessagingFixture.SECRET;
import static cn.govcloud.guard.notify.MessagingFixture.SMS_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.notify.delivery.DeliverySender;
import cn.govcloud.guard.notify.delivery.SmsEscalation;
import cn.govcloud.guard.notify.internal.Addressee;
import cn.govcloud.guard.notify.internal.InboxService;
import cn.govcloud.guard.security.DemoActors;
import cn.govcloud.guard.shared.OrgKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * Issue 21 point 4 against a real peer started in the test ({@link GovMessagingPeer}: an SMS gateway and the
 * 政务微信 / 政务钉钉 server APIs): a critical notice reaches a person as an application message; a critical notice
 * not read within the catalog's A10.1-sms-escalation-after sends one SMS, once, and none to whoever read it in time;
 * a gateway that is down is retried and ends FAILED with its error on 送达记录; only the system administrator
 * configures the city's gateways.
 */
@AppTest
class GovMessagingTests {
    @Autowired MockMvc mvc;
    @Autowired Notifier notifier;
    @Autowired DeliverySender sender;
    @Autowired SmsEscalation escalation;
    @Autowired IdentityManagement identity;
    @Autowired InboxService inbox;
    @Autowired JdbcClient jdbc;
    @Autowired MutableClock clock;

    private final ApiClient api = new ApiClient(() -> mvc);
    private MessagingFixture messaging;
    private GovMessagingPeer peer;
    private long org;
    private long zhang;
    private long li;
    private String mobileZhang;
    private String mobileLi;
    private Instant now;

    @BeforeEach
    void setUp() throws Exception {
        messaging = new MessagingFixture(api, jdbc, clock, notifier, sender);
        now = messaging.now;
        peer = messaging.peer;
        SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "sysadmin"));
        String tag = UUID.randomUUID().toString().substring(0, 8);
        org = identity.createOrganisation("政务消息测试单位-" + tag, OrgKind.UNIT);
        int n = Math.abs(tag.hashCode() % 10_000_000);
        mobileZhang = "139" + String.format("%08d", n);
        mobileLi = "137" + String.format("%08d", n);
        zhang = identity.createUser(new IdentityManagement.NewUser("zhang-" + tag, "张三", org, mobileZhang, "Init-Passw0rd-2026x"));
        li = identity.createUser(new IdentityManagement.NewUser("li-" + tag, "李四", org, mobileLi, "Init-Passw0rd-2026x"));
        identity.createUser(new IdentityManagement.NewUser("wang-" + tag, "王五", org, null, "Init-Passw0rd-2026x")); // no mobile
        SecurityContextHolder.clearContext();
        peer.person(mobileZhang, "zhangsan").person(mobileLi, "lisi");
    }

    @AfterEach
    void tearDown() throws Exception {
        messaging.close();
    }

    private void enableWecom() throws Exception {
        MvcResult r = api.json("sysadmin", put("/api/v1/notify/messaging/gov-wecom"), """
                {"enabled": true, "baseUrl": "%s", "appId": "ww-corp-1", "agentId": "1000002", "minSeverity": "CRITICAL",
                 "appSecret": "%s"}""".formatted(peer.base(), SECRET));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
    }

    private void enableDingtalk() throws Exception {
        MvcResult r = api.json("sysadmin", put("/api/v1/notify/messaging/gov-dingtalk"), """
                {"enabled": true, "baseUrl": "%s", "appId": "ww-corp-1", "agentId": "2900001", "appSecret": "%s"}"""
                .formatted(peer.base(), SECRET));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
    }

    private Notice critical(String key) {
        return new Notice(key, org, Set.of(), "notify.delivery.testMessage", List.of("值班群", "张三"), "/inbox",
                Notice.Severity.CRITICAL, clock.instant());
    }
    @Test
    void A10_1_aCriticalNoticeReachesEachPersonWithAMobileAsA政务微信Message() throws Exception {
        enableWecom();
        String key = "test:gov:wecom:" + UUID.randomUUID();
        notifier.dispatch(critical(key));

        List<DeliveryStatus> statuses = messaging.deliver(key);
        assertThat(statuses).extracting(DeliveryStatus::channel).containsOnly(DeliveryStatus.Channel.GOV_WECOM);
        assertThat(statuses).extracting(DeliveryStatus::channelName).containsExactlyInAnyOrder("张三", "李四"); // 王五 has no mobile
        assertThat(statuses).extracting(DeliveryStatus::state).containsOnly(DeliveryStatus.State.SENT);
        assertThat(statuses).extracting(DeliveryStatus::target).contains(mobileZhang.substring(0, 3) + "****" + mobileZhang.substring(7));

        assertThat(peer.requests("/cgi-bin/gettoken")).hasSize(1); // one token for both
        assertThat(peer.requests("/cgi-bin/user/getuserid")).extracting(r -> r.json().get("mobile").asString())
                .containsExactlyInAnyOrder(mobileZhang, mobileLi);
        List<GovMessagingPeer.Request> sent = peer.requests("/cgi-bin/message/send");
        assertThat(sent).extracting(r -> r.json().get("touser").asString()).containsExactlyInAnyOrder("zhangsan", "lisi");
        JsonNode message = sent.get(0).json();
        assertThat(message.get("msgtype").asString()).isEqualTo("text");
        assertThat(message.get("agentid").asLong()).isEqualTo(1000002);
        assertThat(message.get("text").get("content").asString()).contains("紧急", "值班群");

        // a notice below the gateway's least severity is not sent as an application message
        String info = "test:gov:wecom:info:" + UUID.randomUUID();
        notifier.dispatch(new Notice(info, org, Set.of(), "notify.delivery.testMessage", List.of("a", "b"), null, Notice.Severity.INFO, now));
        assertThat(notifier.statusOf(info)).isEmpty();
    }

    @Test
    void A10_1_anExpiredTokenIsFetchedAgain_WeCom42001_DingTalk88() throws Exception {
        enableWecom();
        enableDingtalk();
        String first = "test:gov:token:1:" + UUID.randomUUID();
        notifier.dispatch(critical(first));
        assertThat(messaging.deliver(first)).hasSize(4).extracting(DeliveryStatus::state).containsOnly(DeliveryStatus.State.SENT);

        peer.expireTokens();
        String second = "test:gov:token:2:" + UUID.randomUUID();
        notifier.dispatch(critical(second));
        assertThat(messaging.deliver(second)).hasSize(4).extracting(DeliveryStatus::state).containsOnly(DeliveryStatus.State.SENT);
        assertThat(peer.requests("/cgi-bin/gettoken")).hasSize(2);
        assertThat(peer.requests("/gettoken")).hasSize(2);
        List<GovMessagingPeer.Request> dingSent = peer.requests("/topapi/message/corpconversation/asyncsend_v2");
        assertThat(dingSent).hasSize(4);
        JsonNode m = dingSent.get(3).json();
        assertThat(m.get("agent_id").asLong()).isEqualTo(2900001);
        assertThat(m.get("userid_list").asString()).isIn("zhangsan", "lisi");
        assertThat(m.get("msg").get("msgtype").asString()).isEqualTo("text");
    }

    @Test
    void A10_1_aPersonTheDeploymentDoesNotKnowFailsAtOnceWithTheReason() throws Exception {
        enableDingtalk();
        SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "sysadmin"));
        identity.createUser(new IdentityManagement.NewUser("zhao-" + UUID.randomUUID().toString().substring(0, 8), "赵六", org,
                "13600000001", "Init-Passw0rd-2026x"));
        SecurityContextHolder.clearContext();
        String key = "test:gov:unknown:" + UUID.randomUUID();
        notifier.dispatch(critical(key));
        DeliveryStatus zhao = messaging.deliver(key).stream().filter(s -> s.channelName().equals("赵六")).findFirst().orElseThrow();
        assertThat(zhao.state()).isEqualTo(DeliveryStatus.State.FAILED);
        assertThat(zhao.attempts()).isEqualTo(1);
        assertThat(zhao.lastError()).contains("政务钉钉", "60121");
    }

    @Test
    void A10_1_aCriticalNoticeUnreadWithinTheCatalogsTimeSendsOneSms_andNoneToWhoReadIt() throws Exception {
        messaging.enableSms(peer.base() + "/sms/send");
        String key = "test:gov:sms:" + UUID.randomUUID();
        notifier.dispatch(critical(key));
        assertThat(notifier.statusOf(key)).as("no SMS at once").isEmpty();

        clock.advance(Duration.ofMinutes(20));
        inbox.markRead(new Addressee(li, org, Set.of()), messaging.noticeId(key)); // 李四 reads it in time
        clock.advance(Duration.ofMinutes(9));
        escalation.escalateDue();
        assertThat(notifier.statusOf(key)).as("not yet due at 29 minutes").isEmpty();

        clock.advance(Duration.ofMinutes(1)); // 30 minutes: A10.1-sms-escalation-after in the product catalog
        escalation.escalateDue();
        escalation.escalateDue(); // again: nothing more
        List<DeliveryStatus> statuses = messaging.deliver(key);
        assertThat(statuses).hasSize(1);
        DeliveryStatus sms = statuses.get(0);
        assertThat(sms.channel()).isEqualTo(DeliveryStatus.Channel.SMS);
        assertThat(sms.channelName()).isEqualTo("张三");
        assertThat(sms.state()).isEqualTo(DeliveryStatus.State.SENT);

        List<GovMessagingPeer.Request> got = peer.requests("/sms/send");
        assertThat(got).hasSize(1);
        JsonNode body = got.get(0).json();
        assertThat(body.get("phone").asString()).isEqualTo(mobileZhang);
        assertThat(body.get("apiKey").asString()).isEqualTo(SMS_KEY);
        assertThat(body.get("sign").asString()).isEqualTo("【包头政务云】");
        assertThat(body.get("content").asString()).contains("未读", "值班群");
        assertThat(got.get(0).contentType()).startsWith("application/json");

        // read later or not: the escalation is not repeated
        clock.advance(Duration.ofHours(3));
        escalation.escalateDue();
        assertThat(messaging.deliver(key)).hasSize(1);
        assertThat(jdbc.sql("select count(*) from notify_escalation where notice_id = :id").param("id", messaging.noticeId(key))
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void A10_1_twoNodesEscalatingAtOnceSendOneSmsPerPerson() throws Exception {
        messaging.enableSms(peer.base() + "/sms/send");
        String key = "test:gov:sms:nodes:" + UUID.randomUUID();
        notifier.dispatch(critical(key));
        clock.advance(Duration.ofMinutes(31));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> run = escalation::escalateDue;
            for (var f : pool.invokeAll(List.of(run, run, run))) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<DeliveryStatus> statuses = messaging.deliver(key);
        assertThat(statuses).extracting(DeliveryStatus::channelName).containsExactlyInAnyOrder("张三", "李四");
        assertThat(peer.requests("/sms/send")).hasSize(2);
    }

    @Test
    void A10_1_aGatewayThatIsDownIsRetriedThenFailedWithItsErrorOnTheDeliveryPage() throws Exception {
        messaging.enableSms(peer.base() + "/sms/send");
        peer.smsStatus(503);
        String key = "test:gov:sms:down:" + UUID.randomUUID();
        notifier.dispatch(new Notice(key, org, Set.of(), "notify.delivery.testMessage", List.of("值班群", "张三"), null,
                Notice.Severity.CRITICAL, clock.instant()));
        SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "sysadmin"));
        inbox.markRead(new Addressee(li, org, Set.of()), messaging.noticeId(key));
        SecurityContextHolder.clearContext();
        clock.advance(Duration.ofMinutes(30));
        escalation.escalateDue();

        DeliveryStatus first = messaging.deliver(key).get(0);
        assertThat(first.state()).isEqualTo(DeliveryStatus.State.PENDING);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.lastError()).startsWith("SMS gateway: HTTP 503");
        for (Duration wait : List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30))) {
            clock.advance(wait);
            messaging.deliver(key);
        }
        DeliveryStatus last = notifier.statusOf(key).get(0);
        assertThat(last.state()).isEqualTo(DeliveryStatus.State.FAILED);
        assertThat(last.attempts()).isEqualTo(4);
        assertThat(peer.requests("/sms/send")).hasSize(4);

        MvcResult page = mvc.perform(get("/notify/deliveries").param("key", key)
                .with(authentication(DemoActors.authentication(jdbc, "sysadmin")))).andReturn();
        assertThat(page.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("SMS gateway: HTTP 503", "张三", "失败");

        // and the peer gone entirely: a connection failure, never an error to the person who raised the notice
        peer.close();
        String gone = "test:gov:sms:gone:" + UUID.randomUUID();
        notifier.dispatch(critical(gone));
        clock.advance(Duration.ofMinutes(31));
        escalation.escalateDue();
        assertThat(messaging.deliver(gone)).extracting(DeliveryStatus::lastError).allMatch(e -> e.startsWith("SMS gateway: connection failed"));
    }

    @Test
    void A10_1_aTestSmsToOnePersonIsADeliveryLikeAnyOther() throws Exception {
        messaging.enableSms(peer.base() + "/sms/send");
        MvcResult r = api.json("sysadmin", post("/api/v1/notify/messaging/sms/test"), "{\"userId\": " + zhang + "}");
        assertThat(r.getResponse().getStatus()).isEqualTo(202);
        String key = ApiClient.body(r).get("key").asString();
        assertThat(messaging.deliver(key)).extracting(DeliveryStatus::state).containsExactly(DeliveryStatus.State.SENT);
        assertThat(peer.requests("/sms/send").get(0).json().get("content").asString()).doesNotContain("未读");
    }

    @Test
    void issue21_onlyTheSystemAdministratorConfiguresTheCitysGateways_secretsNeverShown_changesAudited() throws Exception {
        for (String who : List.of("unit1", "supervisor", "secadmin", "provider")) {
            assertThat(api.json(who, put("/api/v1/notify/messaging/sms"), "{\"enabled\":true,\"url\":\"http://127.0.0.1:1/x\"}")
                    .getResponse().getStatus()).as(who).isEqualTo(403);
            assertThat(api.call(who, get("/api/v1/notify/messaging")).getResponse().getStatus()).as(who).isEqualTo(403);
        }
        messaging.enableSms(peer.base() + "/sms/send");
        enableWecom();
        MvcResult view = api.call("sysadmin", get("/api/v1/notify/messaging"));
        String text = view.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(SMS_KEY, SECRET);
        JsonNode body = ApiClient.body(view);
        assertThat(body.get("sms").get("secretSet").asBoolean()).isTrue();
        assertThat(body.get("govWecom").get("secretSet").asBoolean()).isTrue();
        assertThat(body.get("escalationAfter").asString()).isEqualTo("PT30M");
        assertThat(body.get("escalationParameter").asString()).isEqualTo("A10.1-sms-escalation-after");
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'notify.gateway.update' and details like '%secret changed%'")
                .query(Long.class).single()).isGreaterThanOrEqualTo(2);
        assertThat(jdbc.sql("select secret from notify_gateway where kind = 'SMS'").query(String.class).single()).doesNotContain(SMS_KEY);

        // 400 naming each field
        MvcResult bad = api.json("sysadmin", put("/api/v1/notify/messaging/gov-dingtalk"),
                "{\"enabled\":true,\"baseUrl\":\"ftp://x\",\"agentId\":\"abc\"}");
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(bad.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("baseUrl", "agentId", "appId", "appSecret");
        MvcResult placeholder = api.json("sysadmin", put("/api/v1/notify/messaging/sms"), "{\"body\":\"{\\\"to\\\":\\\"${phone}\\\"}\"}");
        assertThat(placeholder.getResponse().getStatus()).isEqualTo(400);
        assertThat(placeholder.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("body");
    }

    @Test
    void issue21_mobileNumbersAreKeptBySysadminAndByEachPersonForThemselves_maskedInAnswers() throws Exception {
        MvcResult set = api.json("sysadmin", put("/api/v1/users/" + zhang + "/mobile"), "{\"mobile\":\"13812341234\"}");
        assertThat(set.getResponse().getStatus()).isEqualTo(200);
        assertThat(ApiClient.body(set).get("mobileMasked").asString()).isEqualTo("138****1234");
        assertThat(api.json("unit1", put("/api/v1/users/" + zhang + "/mobile"), "{\"mobile\":\"13812341234\"}").getResponse().getStatus())
                .isEqualTo(403);
        assertThat(api.json("sysadmin", put("/api/v1/users/" + zhang + "/mobile"), "{\"mobile\":\"12345\"}").getResponse().getStatus())
                .isEqualTo(400);
        assertThat(api.json("sysadmin", put("/api/v1/users/" + zhang + "/mobile"), "{}").getResponse().getStatus()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'identity.user.mobile.change' and target = :t")
                .param("t", "user:" + zhang).query(Long.class).single()).isEqualTo(1);

        // one's own number, on the account page
        MvcResult own = mvc.perform(post("/account/mobile").param("mobile", "13912345678")
                .with(authentication(DemoActors.authentication(jdbc, "unit1staff")))
                .with(csrf())).andReturn();
        assertThat(own.getResponse().getRedirectedUrl()).isEqualTo("/account");
        assertThat(jdbc.sql("select mobile_masked from identity_user where username = 'unit1staff'").query(String.class).single())
                .isEqualTo("139****5678");
        String page = mvc.perform(get("/account").with(authentication(DemoActors.authentication(jdbc, "unit1staff")))).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("139****5678").doesNotContain("13912345678");
    }

    @Test
    void issue21_theMessagingPageConfiguresAndShowsErrorsPerField() throws Exception {
        var admin = authentication(DemoActors.authentication(jdbc, "sysadmin"));
        String page = mvc.perform(get("/notify/messaging").with(admin)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("政务短信平台", "政务微信", "政务钉钉", "A10.1-sms-escalation-after", "PT30M");
        assertThat(mvc.perform(get("/notify/messaging").with(authentication(DemoActors.authentication(jdbc, "unit1")))).andReturn()
                .getResponse().getStatus()).isEqualTo(403);

        String refused = mvc.perform(post("/notify/messaging/gov-wecom").with(admin).with(csrf()).param("enabled", "on")
                .param("baseUrl", "ftp://nowhere").param("appId", "ww1").param("agentId", "x1").param("minSeverity", "CRITICAL"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("请输入 http:// 或 https:// 开头", "AgentId 须为数字", "启用前必须填写");

        MvcResult saved = mvc.perform(post("/notify/messaging/gov-wecom").with(admin).with(csrf()).param("enabled", "on")
                .param("baseUrl", peer.base()).param("appId", "ww-corp-1").param("agentId", "1000002").param("minSeverity", "WARNING")
                .param("appSecret", SECRET)).andReturn();
        assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/notify/messaging");
        String after = mvc.perform(get("/notify/messaging").with(admin)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(after).contains("已保存；留空则保持不变").doesNotContain(SECRET);
    }
}
