package cn.govcloud.guard.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.notify.delivery.DeliverySender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The set-up the tests of the city's gateways share ({@link GovMessagingTests}, {@link RosterOnCallSmsTests}; issue 18
 * point 7): the clock pinned to a whole second, the notices other tests left unread taken out of this test's escalation,
 * a {@link GovMessagingPeer} started, the SMS gateway configured against it, the sender run until a notice's deliveries
 * are settled (also for {@link DeliveryTests}), and everything switched off again afterwards.
 */
final class MessagingFixture implements AutoCloseable {
    static final String SECRET = "app-secret-7f3a";
    static final String SMS_KEY = "sms-key-91c2";

    final GovMessagingPeer peer;
    final Instant now;
    private final ApiClient api;
    private final JdbcClient jdbc;
    private final MutableClock clock;
    private final Notifier notifier;
    private final DeliverySender sender;

    MessagingFixture(ApiClient api, JdbcClient jdbc, MutableClock clock, Notifier notifier, DeliverySender sender) throws Exception {
        this.api = api;
        this.jdbc = jdbc;
        this.clock = clock;
        this.notifier = notifier;
        this.sender = sender;
        now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        clock.set(now);
        // Notices other tests left unread (this class's earlier tests, or any class's, at whatever time its clock said)
        // are not this test's to escalate: the escalation counts only what this test raises.
        jdbc.sql("update notify_notice set escalation_checked_at = :now where escalation_checked_at is null")
                .param("now", now.atOffset(ZoneOffset.UTC)).update();
        peer = new GovMessagingPeer("ww-corp-1", SECRET, SMS_KEY);
    }

    /** The SMS gateway on, posting JSON to {@code url} with the peer's key. */
    void enableSms(String url) throws Exception {
        MvcResult r = api.json("sysadmin", put("/api/v1/notify/messaging/sms"), """
                {"enabled": true, "url": "%s", "method": "POST", "contentType": "application/json",
                 "headers": "X-Request-Id: ${id}",
                 "body": "{\\"apiKey\\":\\"${secret}\\",\\"phone\\":\\"${mobile}\\",\\"content\\":\\"${text}\\",\\"sign\\":\\"${sign}\\"}",
                 "sign": "【包头政务云】", "successPath": "code", "successValue": "0", "secret": "%s"}""".formatted(url, SMS_KEY));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
    }

    /** Runs the sender until nothing of this notice is due now or in flight (the background sender may be at it too). */
    List<DeliveryStatus> deliver(String key) throws InterruptedException {
        return deliver(sender, notifier, jdbc, clock, key);
    }

    /** The same for a test of the delivery without the city's gateways ({@link DeliveryTests}). */
    static List<DeliveryStatus> deliver(DeliverySender sender, Notifier notifier, JdbcClient jdbc, Clock clock, String key)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            sender.sendDue();
            long busy = jdbc.sql("""
                            select count(*) from notify_delivery where notice_key = :key
                               and (claim_token is not null or (state = 'PENDING' and next_attempt_at <= :now))""")
                    .param("key", key).param("now", clock.instant().atOffset(ZoneOffset.UTC)).query(Long.class).single();
            if (busy == 0) {
                return notifier.statusOf(key);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("deliveries of " + key + " still busy: " + notifier.statusOf(key));
            }
            Thread.sleep(50);
        }
    }

    long noticeId(String key) {
        return jdbc.sql("select id from notify_notice where notice_key = :k").param("k", key).query(Long.class).single();
    }

    /** The clock back first (a failing call below must not leave the shared clock here), the gateways off, the peer stopped. */
    @Override
    public void close() throws Exception {
        clock.reset();
        // off again, so no other test's notices reach a stopped peer
        for (String kind : List.of("sms", "gov-wecom", "gov-dingtalk")) {
            api.json("sysadmin", put("/api/v1/notify/messaging/" + kind), "{\"enabled\":false}");
        }
        peer.close();
    }
}
