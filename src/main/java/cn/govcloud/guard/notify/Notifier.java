package cn.govcloud.guard.notify;

import java.util.List;

/**
 * Sends a notice everywhere its organisation wants to hear it (A10.1 "确保相关信息准确送达"): the
 * in-app {@link Inbox}, and every enabled channel the receiving organisation configured — e-mail
 * over SMTP and DingTalk (钉钉) / WeCom (企业微信) / Feishu (飞书) group robots. External sending
 * happens after the caller's transaction commits, from an outbox, with retries; {@link #statusOf}
 * tells how far each delivery got.
 */
public interface Notifier {

    /**
     * Delivers the notice in-app and, in the caller's transaction, records one pending delivery
     * per enabled channel of {@code notice.orgId()}. Idempotent on the notice key like the inbox:
     * a key seen before (by this node or another) changes nothing and returns false. The notice's
     * roles narrow the in-app audience and the people reached by mobile number (政务微信 / 政务钉钉
     * application messages, SMS escalation; issue 21 point 4); channels belong to the whole organisation.
     */
    boolean dispatch(Notice notice);

    /**
     * The external deliveries of one notice, oldest first (empty when its organisation had no
     * channel). Unscoped: callers show it on pages of records they already checked access to.
     */
    List<DeliveryStatus> statusOf(String noticeKey);

    /**
     * The deliveries of every notice whose key starts with {@code keyPrefix} (e.g. {@code hazard:17:}
     * for all notices about one hazard), oldest first; unscoped like {@link #statusOf}.
     */
    List<DeliveryStatus> statusOfAll(String keyPrefix);
}
