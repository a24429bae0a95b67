package cn.govcloud.guard.notify.web;

import cn.govcloud.guard.notify.DeliveryStatus;
import cn.govcloud.guard.notify.delivery.DeliveryService;
import cn.govcloud.guard.notify.delivery.GatewayService;
import cn.govcloud.guard.notify.delivery.Gateways.AppGatewayChange;
import cn.govcloud.guard.notify.delivery.Gateways.AppGatewayView;
import cn.govcloud.guard.notify.delivery.Gateways.Kind;
import cn.govcloud.guard.notify.delivery.Gateways.MessagingView;
import cn.govcloud.guard.notify.delivery.Gateways.SmsGatewayChange;
import cn.govcloud.guard.notify.delivery.Gateways.SmsGatewayView;
import cn.govcloud.guard.notify.delivery.Gateways.TestRecipient;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.Role;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The city's messaging gateways over the API (issue 21 point 4): the 政务短信平台 and 政务微信 / 政务钉钉 applications.
 * System administrator only; secrets are write-only (answers say {@code secretSet}); fields left out keep their
 * value. A test message goes to one person and is followed on {@code GET /api/v1/notify/deliveries?key=}.
 */
@RestController
@RequestMapping("/api/v1/notify/messaging")
@Allow(Role.SYSTEM_ADMIN)
class MessagingApiController {
    private final GatewayService gateways;
    private final DeliveryService deliveries;

    MessagingApiController(GatewayService gateways, DeliveryService deliveries) {
        this.gateways = gateways;
        this.deliveries = deliveries;
    }

    @GetMapping
    MessagingView get() {
        return gateways.view(Actor.require());
    }

    @PutMapping("/sms")
    SmsGatewayView sms(@RequestBody SmsGatewayChange body) {
        return gateways.updateSms(Actor.require(), body);
    }

    @PutMapping("/gov-wecom")
    AppGatewayView govWecom(@RequestBody AppGatewayChange body) {
        return gateways.updateApp(Actor.require(), Kind.GOV_WECOM, body);
    }

    @PutMapping("/gov-dingtalk")
    AppGatewayView govDingtalk(@RequestBody AppGatewayChange body) {
        return gateways.updateApp(Actor.require(), Kind.GOV_DINGTALK, body);
    }

    @PostMapping("/sms/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    TestSent testSms(@RequestBody TestRecipient body) {
        return test(Kind.SMS, body);
    }

    @PostMapping("/gov-wecom/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    TestSent testGovWecom(@RequestBody TestRecipient body) {
        return test(Kind.GOV_WECOM, body);
    }

    @PostMapping("/gov-dingtalk/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    TestSent testGovDingtalk(@RequestBody TestRecipient body) {
        return test(Kind.GOV_DINGTALK, body);
    }

    private TestSent test(Kind kind, TestRecipient body) {
        Actor actor = Actor.require();
        String key = deliveries.sendGatewayTest(actor, kind, body.userId());
        return new TestSent(key, deliveries.recent(actor, key, DeliveryService.MAX_LIST));
    }

    /** The test message's notice key and its delivery so far. */
    record TestSent(String key, List<DeliveryStatus> deliveries) {
    }
}
