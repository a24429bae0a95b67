package cn.govcloud.guard.notify;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.TestActors;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.notify.delivery.DeliverySender;
import cn.govcloud.guard.notify.delivery.SmsEscalation;
import cn.govcloud.guard.notify.internal.Addressee;
import cn.govcloud.guard.notify.internal.InboxService;
import cn.govcloud.guard.roster.Rosters;
import cn.govcloud.guard.roster.Rosters.PersonInput;
import cn.govcloud.guard.roster.Rosters.RosterInput;
import cn.govcloud.guard.security.DemoActors;
import cn.govcloud.guard.shared.OrgKind;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 22 point 2, "escalations and the SMS path use the roster" (A10.1, at night too), against the SMS peer of
 * {@link GovMessagingTests}: a critical notice to a unit that nobody has read within A10.1-sms-escalation-after sends one
 * SMS to the unit's 7×24 on-call phone from its roster, besides its people's, once, recorded as a delivery like the
 * others; a notice someone read in time pages nobody's phone.
 */
@AppTest
class RosterOnCallSmsTests {
    @Autowired MockMvc mvc;
    @Autowired Notifier notifier;
    @Autowired DeliverySender sender;
    @Autowired SmsEscalation escalation;
    @Autowired IdentityManagement identity;
    @Autowired InboxService inbox;
    @Autowired Rosters rosters;
    @Autowired JdbcClient jdbc;
    @Autowired MutableClock clock;

    private final ApiClient api = new ApiClient(() -> mvc);
    private MessagingFixture messaging;
    private GovMessagingPeer peer;
    private long org;
    private long zhang;
    private String mobileZhang;
    private String onCall;

    @BeforeEach
    void setUp() throws Exception {
        messaging = new MessagingFixture(api, jdbc, clock, notifier, sender); // the set-up of GovMessagingTests
        peer = messaging.peer;
        String tag = UUID.randomUUID().toString().substring(0, 8);
        int n = Math.abs(tag.hashCode() % 10_000_000);
        mobileZhang = "136" + String.format("%08d", n);
        onCall = "159" + String.format("%08d", n);
        SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "sysadmin"));
        org = identity.createOrganisation("值班电话测试单位-" + tag, OrgKind.UNIT);
        zhang = identity.createUser(new IdentityManagement.NewUser("oncall-zhang-" + tag, "张三", org, mobileZhang, "Init-Passw0rd-2026x"));
        SecurityContextHolder.getContext().setAuthentication(TestActors.unitOfficer(org));
        rosters.save(new RosterInput(new PersonInput("赵局长", "局长", null, "13947201111"), new PersonInput("钱副局长", "副局长", null, "13947202222"),
                new PersonInput("孙管理员", "网络安全管理员", null, "13847203333"), onCall));
        SecurityContextHolder.clearContext();
        messaging.enableSms(peer.base() + "/sms/send");
    }

    @AfterEach
    void tearDown() throws Exception {
        messaging.close();
    }

    private Notice critical(String key) {
        return new Notice(key, org, Set.of(), "notify.delivery.testMessage", List.of("夜间告警", "值班"), "/inbox",
                Notice.Severity.CRITICAL, clock.instant());
    }

    @Test
    void A10_1_anUnreadCriticalNoticeAlsoPagesTheUnitsRosterOnCallPhone_once() throws Exception {
        String key = "test:roster:oncall:" + UUID.randomUUID();
        notifier.dispatch(critical(key));
        clock.advance(Duration.ofMinutes(31)); // past A10.1-sms-escalation-after (30 minutes)
        escalation.escalateDue();
        escalation.escalateDue(); // again: nothing more

        List<DeliveryStatus> statuses = messaging.deliver(key);
        assertThat(statuses).hasSize(2).extracting(DeliveryStatus::channel).containsOnly(DeliveryStatus.Channel.SMS);
        assertThat(statuses).extracting(DeliveryStatus::channelName).containsExactlyInAnyOrder("张三", "7×24值班电话");
        assertThat(statuses).extracting(DeliveryStatus::state).containsOnly(DeliveryStatus.State.SENT);
        DeliveryStatus toOnCall = statuses.stream().filter(s -> s.channelName().equals("7×24值班电话")).findFirst().orElseThrow();
        assertThat(toOnCall.target()).isEqualTo(onCall.substring(0, 3) + "****" + onCall.substring(7)); // the record shows it masked

        List<GovMessagingPeer.Request> got = peer.requests("/sms/send");
        assertThat(got).extracting(r -> r.json().get("phone").asString()).containsExactlyInAnyOrder(mobileZhang, onCall);
        assertThat(got).allSatisfy(r -> assertThat(r.json().get("content").asString()).contains("未读", "夜间告警"));

        clock.advance(Duration.ofHours(3));
        escalation.escalateDue();
        assertThat(messaging.deliver(key)).hasSize(2);
        assertThat(jdbc.sql("select count(*) from notify_escalation_on_call where notice_id = :id").param("id", messaging.noticeId(key))
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void A10_1_aNoticeReadInTimePagesNoOnCallPhone() throws Exception {
        String key = "test:roster:oncall:read:" + UUID.randomUUID();
        notifier.dispatch(critical(key));
        clock.advance(Duration.ofMinutes(10));
        inbox.markRead(new Addressee(zhang, org, Set.of()), messaging.noticeId(key));
        clock.advance(Duration.ofMinutes(25));
        escalation.escalateDue();
        assertThat(messaging.deliver(key)).isEmpty();
        assertThat(peer.requests("/sms/send")).isEmpty();
    }
}
