package cn.govcloud.guard.hazards.internal;

import cn.govcloud.guard.notify.DeliveryStatus;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.notify.Notifier;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The one place a hazard notice leaves this module (A10.1 "确保相关信息准确送达"): to the in-app inbox
 * and the receiving organisation's e-mail and DingTalk / WeCom / Feishu channels, each delivery
 * tracked with retries. Idempotent on the notice key, so a retried transaction does not notify twice.
 */
@Component
class HazardDelivery {
    private final Notifier notifier;

    HazardDelivery(Notifier notifier) {
        this.notifier = notifier;
    }

    boolean deliver(Notice notice) {
        return notifier.dispatch(notice);
    }

    /** How the notices about one hazard went out by e-mail and robots (channel, target, state, attempts), for its page. */
    List<DeliveryStatus> statusOf(long hazardId) {
        return notifier.statusOfAll("hazard:" + hazardId + ":");
    }
}
