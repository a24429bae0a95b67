package cn.govcloud.guard.notify;

import java.time.Instant;

/**
 * How far one external delivery of a notice got (A10.1).
 *
 * @param channel     where it goes
 * @param channelName the name the organisation gave that channel, e.g. 安全值班群; for a delivery to a person (SMS,
 *                    政务微信, 政务钉钉, issue 21 point 4) the person's name
 * @param target      the e-mail address, or a webhook URL shown only up to its host ({@code https://oapi.dingtalk.com/…}):
 *                    the rest of the URL is the robot's access token; for a person the mobile number masked ({@code 138****1234})
 * @param state       PENDING until the mail server or the robot accepted it (SENT) or the last retry failed (FAILED)
 * @param attempts    sending attempts made so far
 * @param lastError   why the latest attempt failed; null after success
 * @param nextAttemptAt when a PENDING delivery is tried next; null otherwise
 * @param sentAt      when it was accepted; null unless SENT
 */
public record DeliveryStatus(long id, String noticeKey, long orgId, Channel channel, String channelName, String target,
                             State state, int attempts, String lastError, Instant nextAttemptAt, Instant sentAt,
                             Instant createdAt) {

    /**
     * The kinds of channel: an organisation's ({@code EMAIL} … {@code FEISHU}), or the city's gateways that reach one
     * person by mobile number ({@code SMS} through the 政务短信平台, application messages through 政务微信 / 政务钉钉).
     */
    public enum Channel {
        EMAIL, DINGTALK, WECOM, FEISHU, SMS, GOV_WECOM, GOV_DINGTALK;

        /** Whether an organisation configures channels of this kind (the others are the city's gateways, addressed to people). */
        public boolean organisationChannel() {
            return ordinal() <= FEISHU.ordinal();
        }
    }

    public enum State { PENDING, SENT, FAILED }
}
