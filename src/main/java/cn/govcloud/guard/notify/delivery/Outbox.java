package cn.govcloud.guard.notify.delivery;

import cn.govcloud.guard.notify.DeliveryStatus;
import cn.govcloud.guard.notify.Notice;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way a delivery is recorded (A10.1): a pending row of {@code notify_delivery} for an organisation's
 * channel or for a person (issue 21 point 4), idempotent on (notice, channel) and on (notice, kind, person).
 */
@Component
class Outbox {
    private static final JsonMapper JSON = JsonMapper.shared();
    private final JdbcClient jdbc;
    private final Clock clock;

    Outbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @return whether a row was added (false: this notice went there before) */
    boolean add(Notice notice, Long channelId, Long userId, DeliveryStatus.Channel kind, String shown, String recipientName) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        return jdbc.sql("""
                        insert into notify_delivery (notice_key, org_id, channel_id, user_id, recipient_name, kind, target_shown, message_key,
                                                     args, link, severity, notice_at, state, attempts, next_attempt_at, created_at)
                        values (:key, :org, :channel, :user, :recipient, :kind, :shown, :messageKey, :args, :link, :severity, :at,
                                'PENDING', 0, :now, :now)
                        on conflict do nothing""")
                .param("key", notice.key()).param("org", notice.orgId()).param("channel", channelId).param("user", userId)
                .param("recipient", recipientName).param("kind", kind.name()).param("shown", shown == null ? "" : shown)
                .param("messageKey", notice.messageKey()).param("args", JSON.writeValueAsString(notice.args()))
                .param("link", notice.link() == null || notice.link().isBlank() ? null : notice.link())
                .param("severity", notice.severity().name()).param("at", notice.at().atOffset(ZoneOffset.UTC))
                .param("now", now).update() == 1;
    }
}
