package cn.govcloud.guard.hazards.internal;

import cn.govcloud.guard.notify.Inbox;
import cn.govcloud.guard.notify.Notice;
import org.springframework.stereotype.Component;

/**
 * The one place a hazard notice leaves this module (A10.1 "确保相关信息准确送达"). Today it goes to
 * the in-app inbox; when the notify module's {@code dispatch(Notice)} (e-mail over SMTP, DingTalk /
 * WeCom / Feishu webhooks, tracked with retries) lands, the call below is the only line to switch.
 * Delivery is idempotent on the notice key, so a retried transaction does not notify twice.
 */
@Component
class HazardDelivery {
    private final Inbox inbox;

    HazardDelivery(Inbox inbox) {
        this.inbox = inbox;
    }

    boolean deliver(Notice notice) {
        return inbox.deliver(notice);
    }
}
