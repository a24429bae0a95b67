package cn.govcloud.guard.notify;

import java.time.Instant;

/**
 * How far one external delivery of a notice got (A10.1).
 *
 * @param channel     where it goes
 * @param channelName the name the organisation gave that channel, e.g. 安全值班群
 * @param target      the e-mail address, or a webhook URL shown only up to its host ({@code https://oapi.dingtalk.com/…}):
 *                    the rest of the URL is the robot's access token
 * @param state       PENDING until the mail server or the robot accepted it (SENT) or the last retry failed (FAILED)
 * @param attempts    sending attempts made so far
 * @param lastError   why the latest attempt failed; null after success
 * @param nextAttemptAt when a PENDING delivery is tried next; null otherwise
 * @param sentAt      when it was accepted; null unless SENT
 */
public record DeliveryStatus(long id, String noticeKey, long orgId, Channel channel, String channelName, String target,
                             State state, int attempts, String lastError, Instant nextAttemptAt, Instant sentAt,
                             Instant createdAt) {

    /** The kinds of channel. */
    public enum Channel { EMAIL, DINGTALK, WECOM, FEISHU }

    public enum State { PENDING, SENT, FAILED }
}
