package cn.govcloud.guard.notify;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.notify.delivery.Channel;
import cn.govcloud.guard.notify.delivery.ChannelService;
import cn.govcloud.guard.notify.delivery.DeliverySender;
import cn.govcloud.guard.security.DemoActors;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outbound delivery (A10.1 "确保相关信息准确送达") on H2 and PostgreSQL: e-mail to a GreenMail SMTP
 * server, the three robot formats against a stand-in HTTP robot (with their signatures), retries
 * with backoff on the moved clock, idempotence and concurrent senders. Each test uses an
 * organisation of its own, so only its own channels receive its notices.
 */
@AppTest
class DeliveryTests {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static GreenMail smtp;

    @Autowired Notifier notifier;
    @Autowired DeliverySender sender;
    @Autowired ChannelService channels;
    @Autowired IdentityManagement identity;
    @Autowired JdbcClient jdbc;
    @Autowired MutableClock clock;
    @Autowired JavaMailSender mail;

    private final List<RobotServer> robots = new ArrayList<>();
    private Actor sysadmin;
    private long org;
    private Instant now;

    @BeforeEach
    void setUp() {
        if (smtp == null) {
            // the port every test context shares (application-test.yml), read back from the configured sender
            int port = ((JavaMailSenderImpl) mail).getPort();
            smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
        }
        now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        clock.set(now);
        sysadmin = DemoActors.actor(jdbc, "sysadmin");
        SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "sysadmin"));
        org = identity.createOrganisation("送达测试单位-" + UUID.randomUUID().toString().substring(0, 8), OrgKind.UNIT);
    }

    @AfterEach
    void tearDown() {
        clock.reset();
        robots.forEach(RobotServer::close);
        SecurityContextHolder.clearContext();
    }

    @AfterAll
    static void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }

    private RobotServer robot(String okBody) throws Exception {
        RobotServer r = new RobotServer(okBody);
        robots.add(r);
        return r;
    }

    private Channel channel(String kind, String target, String secret) {
        return channels.create(sysadmin, new ChannelService.NewChannel(org, kind, kind + " 值班群", target, secret, true));
    }

    private Notice notice(String key) {
        return new Notice(key, org, Set.of(), "notify.delivery.testMessage", List.of("安全值班群", "张三"), "/inbox",
                Notice.Severity.CRITICAL, now);
    }

    private List<DeliveryStatus> deliver(String key) throws InterruptedException {
        return MessagingFixture.deliver(sender, notifier, jdbc, clock, key);
    }

    private List<MimeMessage> mailTo(String address) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address))) {
                found.add(m);
            }
        }
        return found;
    }

    private static String hmacBase64(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Test
    void aNoticeReachesTheOrganisationsMailboxOverSmtpInChinese_A10_1() throws Exception {
        String address = "duty-" + UUID.randomUUID().toString().substring(0, 8) + "@example.gov.cn";
        channel("EMAIL", address, null);
        String key = "test:delivery:mail:" + UUID.randomUUID();

        assertThat(notifier.dispatch(notice(key))).isTrue();
        List<DeliveryStatus> statuses = deliver(key);

        assertThat(statuses).hasSize(1);
        DeliveryStatus s = statuses.get(0);
        assertThat(s.channel()).isEqualTo(DeliveryStatus.Channel.EMAIL);
        assertThat(s.target()).isEqualTo(address);
        assertThat(s.state()).as(String.valueOf(s.lastError())).isEqualTo(DeliveryStatus.State.SENT);
        assertThat(s.attempts()).isEqualTo(1);
        assertThat(s.sentAt()).isEqualTo(now);
        assertThat(s.lastError()).isNull();
        List<MimeMessage> received = mailTo(address);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getSubject()).isEqualTo("【政务云安全管理平台】【紧急】这是一条测试消息：渠道“安全值班群”已配置成功（由 张三 发送）。");
        String body = received.get(0).getContent().toString();
        assertThat(body).contains("这是一条测试消息：渠道“安全值班群”已配置成功（由 张三 发送）。").contains("/inbox").contains("通知编号：" + key);
        // the in-app inbox got it as well
        assertThat(jdbc.sql("select count(*) from notify_notice where notice_key = :k").param("k", key).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theSameNoticeKeyTwiceSendsOneEmail_A10_1() throws Exception {
        String address = "once-" + UUID.randomUUID().toString().substring(0, 8) + "@example.gov.cn";
        channel("EMAIL", address, null);
        String key = "test:delivery:once:" + UUID.randomUUID();

        assertThat(notifier.dispatch(notice(key))).isTrue();
        assertThat(notifier.dispatch(notice(key))).isFalse();
        deliver(key);
        assertThat(notifier.dispatch(notice(key))).isFalse();
        deliver(key);

        assertThat(notifier.statusOf(key)).singleElement().extracting(DeliveryStatus::state).isEqualTo(DeliveryStatus.State.SENT);
        assertThat(mailTo(address)).hasSize(1);
    }

    @Test
    void dingTalkGetsSignedMarkdownAndOnlyErrcodeZeroCountsAsSent_A10_1() throws Exception {
        RobotServer robot = robot("{\"errcode\":0,\"errmsg\":\"ok\"}");
        String secret = "SEC" + UUID.randomUUID().toString().replace("-", "");
        Channel c = channel("DINGTALK", robot.url("/robot/send?access_token=tok123"), secret);
        assertThat(c.target()).isEqualTo("http://127.0.0.1:" + robot.port() + "/…");
        assertThat(c.signed()).isTrue();
        String key = "test:delivery:dingtalk:" + UUID.randomUUID();

        notifier.dispatch(notice(key));
        List<DeliveryStatus> statuses = deliver(key);

        assertThat(statuses).singleElement().satisfies(s -> {
            assertThat(s.state()).as(String.valueOf(s.lastError())).isEqualTo(DeliveryStatus.State.SENT);
            assertThat(s.target()).isEqualTo("http://127.0.0.1:" + robot.port() + "/…");
        });
        assertThat(robot.requests()).hasSize(1);
        RobotServer.Request r = robot.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/robot/send");
        assertThat(r.contentType()).startsWith("application/json");
        Map<String, String> q = query(r.query());
        assertThat(q.get("access_token")).isEqualTo("tok123");
        assertThat(q.get("timestamp")).isEqualTo(String.valueOf(now.toEpochMilli()));
        // DingTalk: sign = Base64(HmacSHA256(key = secret, data = timestamp + "\n" + secret)), URL-encoded
        assertThat(q.get("sign")).isEqualTo(hmacBase64(secret.getBytes(StandardCharsets.UTF_8),
                (now.toEpochMilli() + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("msgtype").asString()).isEqualTo("markdown");
        assertThat(body.get("markdown").get("title").asString()).startsWith("【政务云安全管理平台】【紧急】");
        assertThat(body.get("markdown").get("text").asString()).contains("这是一条测试消息").contains("通知编号：" + key);
    }

    @Test
    void weComGetsMarkdownContent_A10_1() throws Exception {
        RobotServer robot = robot("{\"errcode\":0,\"errmsg\":\"ok\"}");
        channel("WECOM", robot.url("/cgi-bin/webhook/send?key=abc-def"), null);
        String key = "test:delivery:wecom:" + UUID.randomUUID();

        notifier.dispatch(notice(key));
        assertThat(deliver(key)).singleElement().extracting(DeliveryStatus::state).isEqualTo(DeliveryStatus.State.SENT);

        RobotServer.Request r = robot.requests().get(0);
        assertThat(query(r.query())).containsEntry("key", "abc-def");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("msgtype").asString()).isEqualTo("markdown");
        assertThat(body.get("markdown").get("content").asString()).contains("【政务云安全管理平台】【紧急】").contains("这是一条测试消息");
    }

    @Test
    void feishuGetsSignedTextAndCodeZeroCountsAsSent_A10_1() throws Exception {
        RobotServer robot = robot("{\"code\":0,\"msg\":\"success\",\"data\":{}}");
        String secret = "fs" + UUID.randomUUID().toString().replace("-", "");
        channel("FEISHU", robot.url("/open-apis/bot/v2/hook/" + UUID.randomUUID()), secret);
        String key = "test:delivery:feishu:" + UUID.randomUUID();

        notifier.dispatch(notice(key));
        assertThat(deliver(key)).singleElement().extracting(DeliveryStatus::state).isEqualTo(DeliveryStatus.State.SENT);

        JsonNode body = JSON.readTree(robot.requests().get(0).body());
        assertThat(body.get("msg_type").asString()).isEqualTo("text");
        assertThat(body.get("content").get("text").asString()).contains("这是一条测试消息");
        long seconds = now.getEpochSecond();
        assertThat(body.get("timestamp").asString()).isEqualTo(String.valueOf(seconds));
        // Feishu: sign = Base64(HmacSHA256 keyed with timestamp + "\n" + secret, over no data)
        assertThat(body.get("sign").asString()).isEqualTo(hmacBase64((seconds + "\n" + secret).getBytes(StandardCharsets.UTF_8), new byte[0]));
    }

    @Test
    void aNonZeroErrcodeIsRetriedWithBackoffAndFailsAfterTheLastAttempt_A10_1() throws Exception {
        RobotServer robot = robot("{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
        channel("DINGTALK", robot.url("/robot/send?access_token=bad"), "SECwrong");
        String key = "test:delivery:retry:" + UUID.randomUUID();
        notifier.dispatch(notice(key));

        DeliveryStatus first = deliver(key).get(0);
        assertThat(first.state()).isEqualTo(DeliveryStatus.State.PENDING);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.lastError()).isEqualTo("errcode 310000: sign not match");
        assertThat(first.nextAttemptAt()).isEqualTo(now.plus(Duration.ofMinutes(1)));

        clock.advance(Duration.ofSeconds(59)); // not yet due
        assertThat(deliver(key).get(0).attempts()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        DeliveryStatus second = deliver(key).get(0);
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        clock.advance(Duration.ofMinutes(5));
        DeliveryStatus third = deliver(key).get(0);
        assertThat(third.attempts()).isEqualTo(3);
        assertThat(third.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
        clock.advance(Duration.ofMinutes(30));
        DeliveryStatus last = deliver(key).get(0);
        assertThat(last.state()).isEqualTo(DeliveryStatus.State.FAILED);
        assertThat(last.attempts()).isEqualTo(4);
        assertThat(last.lastError()).isEqualTo("errcode 310000: sign not match");
        assertThat(last.nextAttemptAt()).isNull();
        assertThat(last.sentAt()).isNull();

        clock.advance(Duration.ofHours(2));
        deliver(key);
        assertThat(robot.requests()).as("no attempt after FAILED").hasSize(4);
    }

    @Test
    void aServerErrorIsRetriedAndTheNextSuccessCounts_A10_1() throws Exception {
        RobotServer robot = robot("{\"errcode\":0,\"errmsg\":\"ok\"}").then(500, "upstream broke");
        channel("WECOM", robot.url("/cgi-bin/webhook/send?key=k500"), null);
        String key = "test:delivery:500:" + UUID.randomUUID();
        notifier.dispatch(notice(key));

        DeliveryStatus first = deliver(key).get(0);
        assertThat(first.state()).isEqualTo(DeliveryStatus.State.PENDING);
        assertThat(first.lastError()).isEqualTo("HTTP 500: upstream broke");

        clock.advance(Duration.ofMinutes(1));
        DeliveryStatus second = deliver(key).get(0);
        assertThat(second.state()).isEqualTo(DeliveryStatus.State.SENT);
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.lastError()).isNull();
        assertThat(second.sentAt()).isEqualTo(clock.instant());
        assertThat(robot.requests()).hasSize(2);
    }

    @Test
    void severalSendersAtOnceSendEachDeliveryOnce_A10_1() throws Exception {
        RobotServer robot = robot("{\"code\":0,\"msg\":\"success\"}");
        channel("FEISHU", robot.url("/open-apis/bot/v2/hook/race"), null);
        String prefix = "test:delivery:race:" + UUID.randomUUID() + ":";
        for (int i = 0; i < 12; i++) {
            notifier.dispatch(notice(prefix + i));
        }
        int senders = 4;
        CyclicBarrier start = new CyclicBarrier(senders);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                Callable<Integer> run = () -> {
                    start.await();
                    return sender.sendDue();
                };
                runs.add(pool.submit(run));
            }
            for (Future<Integer> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        for (int i = 0; i < 12; i++) {
            assertThat(deliver(prefix + i)).singleElement().satisfies(s -> {
                assertThat(s.state()).isEqualTo(DeliveryStatus.State.SENT);
                assertThat(s.attempts()).isEqualTo(1);
            });
        }
        List<String> texts = robot.requests().stream().map(r -> JSON.readTree(r.body()).get("content").get("text").asString()).toList();
        assertThat(texts).hasSize(12);
        for (int i = 0; i < 12; i++) {
            String k = prefix + i;
            assertThat(texts.stream().filter(t -> t.contains("通知编号：" + k + "\n")).count()).as(k).isEqualTo(1);
        }
    }

    @Test
    void urlsAndSecretsAreStoredSealedAndShownOnlyUpToTheHost_A10_1() throws Exception {
        RobotServer robot = robot("{\"errcode\":0}");
        Channel c = channel("DINGTALK", robot.url("/robot/send?access_token=verysecrettoken"), "SECverysecretsign");
        Map<String, Object> row = jdbc.sql("select target, target_shown, secret from notify_channel where id = :id").param("id", c.id())
                .query().singleRow();
        assertThat(row.get("target").toString()).doesNotContain("verysecrettoken").doesNotContain("127.0.0.1");
        assertThat(row.get("secret").toString()).doesNotContain("verysecretsign");
        assertThat(row.get("target_shown")).isEqualTo("http://127.0.0.1:" + robot.port() + "/…");
        String key = "test:delivery:sealed:" + UUID.randomUUID();
        notifier.dispatch(notice(key));
        assertThat(deliver(key)).singleElement().extracting(DeliveryStatus::target).isEqualTo("http://127.0.0.1:" + robot.port() + "/…");
    }

    @Test
    void disabledAndDeletedChannelsGetNothingAndPendingDeliveriesOfADeletedChannelFail_A10_1() throws Exception {
        RobotServer robot = robot("{\"errcode\":0}").then(500, "down");
        Channel kept = channel("WECOM", robot.url("/send?key=deleted-later"), null);
        Channel off = channels.create(sysadmin, new ChannelService.NewChannel(org, "WECOM", "停用的群", robot.url("/send?key=off"), null, false));
        String key = "test:delivery:deleted:" + UUID.randomUUID();
        notifier.dispatch(notice(key));
        assertThat(deliver(key)).singleElement().satisfies(s -> {
            assertThat(s.channelName()).isEqualTo(kept.name());
            assertThat(s.state()).isEqualTo(DeliveryStatus.State.PENDING); // the 500
        });
        assertThat(off.enabled()).isFalse();

        channels.delete(sysadmin, kept.id());
        clock.advance(Duration.ofMinutes(1));
        DeliveryStatus s = deliver(key).get(0);
        assertThat(s.state()).isEqualTo(DeliveryStatus.State.FAILED);
        assertThat(s.lastError()).isEqualTo("channel deleted");
        assertThat(robot.requests()).hasSize(1);

        String later = "test:delivery:deleted:later:" + UUID.randomUUID();
        notifier.dispatch(notice(later));
        assertThat(notifier.statusOf(later)).as("no live enabled channel is left").isEmpty();
    }
}
