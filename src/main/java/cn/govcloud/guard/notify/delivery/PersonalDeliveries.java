package cn.govcloud.guard.notify.delivery;

import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.identity.MobileNumbers;
import cn.govcloud.guard.identity.MobileNumbers.Reachable;
import cn.govcloud.guard.notify.DeliveryStatus;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.notify.OnCallPhones;
import cn.govcloud.guard.notify.delivery.Gateways.AppConfig;
import cn.govcloud.guard.notify.delivery.Gateways.Kind;
import cn.govcloud.guard.notify.delivery.Gateways.SmsConfig;
import cn.govcloud.guard.notify.delivery.Transport.DeliveryFailure;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.RuleViolation;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Deliveries to a person by mobile number (issue 21 point 4). Who: the notice's organisation and roles, as the
 * inbox decides it, narrowed to the enabled people who have a mobile number ({@link MobileNumbers#reachable}).
 * The number is looked up when sending, not stored with the delivery, so a number changed meanwhile is the one
 * used and a removed one fails the delivery ("no mobile number").
 */
@Component
class PersonalDeliveries {
    static final String TEST_PREFIX = "notify-test:";

    private final GatewayService gateways;
    private final MobileNumbers mobiles;
    private final IdentityManagement identity;
    private final Outbox outbox;
    private final SmsTransport sms;
    private final AppMessageTransport apps;
    private final Clock clock;
    private final ObjectProvider<OnCallPhones> onCallPhones;

    /** The recipient the delivery record names for a unit's on-call phone (issue 22 point 2). */
    static final String ON_CALL_RECIPIENT = "7×24值班电话";

    PersonalDeliveries(GatewayService gateways, MobileNumbers mobiles, IdentityManagement identity, Outbox outbox, SmsTransport sms,
                       AppMessageTransport apps, Clock clock, ObjectProvider<OnCallPhones> onCallPhones) {
        this.onCallPhones = onCallPhones;
        this.gateways = gateways;
        this.mobiles = mobiles;
        this.identity = identity;
        this.outbox = outbox;
        this.sms = sms;
        this.apps = apps;
        this.clock = clock;
    }

    /** One application message per person and enabled 政务微信 / 政务钉钉 gateway, when the notice is severe enough. @return rows added */
    int enqueueAppMessages(Notice notice) {
        int added = 0;
        List<Reachable> people = null;
        for (Kind kind : List.of(Kind.GOV_WECOM, Kind.GOV_DINGTALK)) {
            Optional<GatewayService.Active<AppConfig>> gateway = gateways.activeApp(kind);
            if (gateway.isEmpty() || notice.severity().ordinal() < gateway.get().config().minSeverity().ordinal()) {
                continue;
            }
            if (people == null) {
                people = mobiles.reachable(notice.orgId(), notice.roles());
            }
            for (Reachable person : people) {
                if (outbox.add(notice, null, person.userId(), DeliveryStatus.Channel.valueOf(kind.name()), person.mobileMasked(),
                        person.displayName())) {
                    added++;
                }
            }
        }
        return added;
    }

    /** The SMS escalation of one notice to one person (the caller decided it is due and not done before). */
    boolean enqueueSms(Notice notice, Reachable person) {
        return outbox.add(notice, null, person.userId(), DeliveryStatus.Channel.SMS, person.mobileMasked(), person.displayName());
    }

    /**
     * The SMS escalation of one notice to its unit's 7×24 on-call phone (issue 22 point 2; the caller decided it is due
     * and not done before): a row with neither channel nor person, the number looked up in the roster when sending.
     */
    boolean enqueueOnCallSms(Notice notice, OnCallPhones.OnCall onCall) {
        return outbox.add(notice, null, null, DeliveryStatus.Channel.SMS, onCall.shown(), ON_CALL_RECIPIENT);
    }

    /** Sends one on-call SMS: the unit's current on-call phone, as the roster has it now. */
    void sendOnCall(long orgId, long deliveryId, String noticeKey, Rendered text, String unreadNote) throws DeliveryFailure {
        OnCallPhones phones = onCallPhones.getIfAvailable();
        String phone = (phones == null ? java.util.Optional.<OnCallPhones.OnCall>empty() : phones.onCallOf(orgId)).map(OnCallPhones.OnCall::phone)
                .orElseThrow(() -> DeliveryFailure.permanent("no on-call phone on the unit's roster"));
        GatewayService.Active<SmsConfig> gateway = gateways.activeSms().orElseThrow(() -> DeliveryFailure.permanent("SMS gateway disabled"));
        String unread = !noticeKey.startsWith(TEST_PREFIX) ? unreadNote : null;
        sms.send(gateway.config(), gateway.secret(), phone, smsText(text, unread), deliveryId);
    }

    /** A test message through one gateway to one person; the gateway must be on and the person have a number. */
    String enqueueTest(Actor actor, Kind kind, Long userId) {
        if (!GatewayService.mayConfigure(actor)) {
            throw new AccessDeniedException("the city's messaging gateways are configured by the system administrator");
        }
        if (userId == null) {
            throw new InvalidInput("notify.gateway.error.invalid", Map.of("userId", "notify.gateway.error.required"));
        }
        boolean on = kind == Kind.SMS ? gateways.activeSms().isPresent() : gateways.activeApp(kind).isPresent();
        if (!on) {
            throw new RuleViolation("A10.1", "notify.gateway.error.notEnabled");
        }
        IdentityManagement.UserView user = identity.user(userId).filter(IdentityManagement.UserView::enabled)
                .orElseThrow(() -> new InvalidInput("notify.gateway.error.invalid", Map.of("userId", "notify.gateway.error.user")));
        if (user.mobileMasked() == null) {
            throw new InvalidInput("notify.gateway.error.invalid", Map.of("userId", "notify.gateway.error.userNoMobile"));
        }
        String key = TEST_PREFIX + kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + UUID.randomUUID();
        Notice notice = new Notice(key, user.orgId(), Set.of(), "notify.delivery.testMessage",
                List.of(AppMessageTransport.label(kind), actor.displayName() == null ? actor.username() : actor.displayName()),
                "/notify/deliveries", Notice.Severity.INFO, clock.instant());
        outbox.add(notice, null, user.id(), DeliveryStatus.Channel.valueOf(kind.name()), user.mobileMasked(), user.displayName());
        return key;
    }

    /** Sends one personal delivery; the sender records the result. */
    void send(DeliveryStatus.Channel kind, long userId, long deliveryId, String noticeKey, Rendered text, String unreadNote)
            throws DeliveryFailure {
        String mobile = mobiles.mobileOf(userId).orElseThrow(() -> DeliveryFailure.permanent("no mobile number (removed, or the account is disabled)"));
        if (kind == DeliveryStatus.Channel.SMS) {
            GatewayService.Active<SmsConfig> gateway = gateways.activeSms()
                    .orElseThrow(() -> DeliveryFailure.permanent("SMS gateway disabled"));
            String unread = !noticeKey.startsWith(TEST_PREFIX) ? unreadNote : null;
            sms.send(gateway.config(), gateway.secret(), mobile, smsText(text, unread), deliveryId);
        } else {
            Kind gatewayKind = Kind.valueOf(kind.name());
            GatewayService.Active<AppConfig> gateway = gateways.activeApp(gatewayKind)
                    .orElseThrow(() -> DeliveryFailure.permanent(AppMessageTransport.label(gatewayKind) + " gateway disabled"));
            apps.send(gatewayKind, gateway.config(), gateway.secret(), mobile, text.title() + "\n" + text.plain());
        }
    }

    /**
     * The SMS: the unread note (if any), the message and the absolute link (issue 22 point 8: a tap opens the page, through
     * the login page when signed out). The link survives the length limit: the message is shortened, never the link.
     */
    static String smsText(Rendered text, String unreadNote) {
        StringBuilder s = new StringBuilder(text.message());
        if (unreadNote != null) {
            s.insert(0, unreadNote);
        }
        if (text.url() != null) {
            int room = SmsTransport.MAX_TEXT - text.url().length() - 1;
            if (s.length() > room) {
                s.setLength(Math.max(0, room - 1));
                s.append('…');
            }
            s.append(' ').append(text.url());
        }
        return s.toString();
    }
}
