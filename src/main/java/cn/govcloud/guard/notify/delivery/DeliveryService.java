package cn.govcloud.guard.notify.delivery;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.notify.DeliveryStatus;
import cn.govcloud.guard.notify.Inbox;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.notify.Notifier;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.shared.RuleViolation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link Notifier} on the outbox {@code notify_delivery} (A10.1): the in-app notice and one pending
 * row per enabled channel are written in the caller's transaction, so a notice is either recorded
 * with all its deliveries or not at all; {@link DeliverySender} sends them once that transaction
 * has committed (at once, and again on every poll until they succeed or fail for good).
 */
@Service
public class DeliveryService implements Notifier {
    public static final int MAX_LIST = 500;

    private final JdbcClient jdbc;
    private final Inbox inbox;
    private final ChannelService channels;
    private final DeliverySender sender;
    private final AuditLog audit;
    private final Clock clock;
    private final Outbox outbox;
    private final PersonalDeliveries people;

    DeliveryService(JdbcClient jdbc, Inbox inbox, ChannelService channels, DeliverySender sender, AuditLog audit, Clock clock,
                    Outbox outbox, PersonalDeliveries people) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.people = people;
        this.inbox = inbox;
        this.channels = channels;
        this.sender = sender;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public boolean dispatch(Notice notice) {
        if (!inbox.deliver(notice)) {
            return false; // this key was delivered before, with its deliveries (by this node or another)
        }
        List<Channel> targets = channels.enabledOf(notice.orgId());
        for (Channel channel : targets) {
            enqueue(notice, channel);
        }
        // issue 21 point 4: 政务微信 / 政务钉钉 application messages to each person the notice is for, when switched on
        int toPeople = people.enqueueAppMessages(notice);
        if (!targets.isEmpty() || toPeople > 0) {
            sendAfterCommit();
        }
        return true;
    }

    @Override
    public List<DeliveryStatus> statusOf(String noticeKey) {
        return jdbc.sql(SELECT + " where d.notice_key = :key order by d.id").param("key", noticeKey)
                .query((rs, i) -> status(rs)).list();
    }

    @Override
    public List<DeliveryStatus> statusOfAll(String keyPrefix) {
        if (keyPrefix == null || keyPrefix.isBlank()) {
            throw new IllegalArgumentException("a key prefix is required");
        }
        String escaped = keyPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return jdbc.sql(SELECT + " where d.notice_key like :prefix escape '\\' order by d.id").param("prefix", escaped + "%")
                .query((rs, i) -> status(rs)).list();
    }

    /**
     * A test message to one channel only (not the inbox), e.g. after configuring it: the organisation
     * sees at once whether the robot or mailbox takes it. @return the test notice's key
     */
    @Transactional
    public String sendTest(Actor actor, long channelId) {
        Channel channel = channels.get(actor, channelId);
        if (channel.deleted() || !channel.enabled()) {
            throw new RuleViolation("A10.1", "notify.channel.error.notActive");
        }
        String key = "notify-test:" + channelId + ":" + UUID.randomUUID();
        Notice notice = new Notice(key, channel.orgId(), java.util.Set.of(), "notify.delivery.testMessage",
                List.of(channel.name(), actor.displayName() == null ? actor.username() : actor.displayName()),
                "/notify/deliveries", Notice.Severity.INFO, clock.instant());
        enqueue(notice, channel);
        audit.record(AuditEvent.success("notify.channel.test", "channel:" + channelId, "test message " + key + " → " + channel.target()));
        sendAfterCommit();
        return key;
    }

    /** The newest deliveries the actor may see (A4: a unit or the provider its own; the supervisor everybody's), optionally of one notice. */
    public List<DeliveryStatus> recent(Actor actor, String noticeKey, int limit) {
        OrgScope scope = OrgScope.of(actor);
        Map<String, Object> params = new HashMap<>(scope.params());
        StringBuilder sql = new StringBuilder(SELECT).append(" where ").append(scope.where("d.org_id"));
        if (noticeKey != null && !noticeKey.isBlank()) {
            sql.append(" and d.notice_key = :key");
            params.put("key", noticeKey.strip());
        }
        params.put("limit", Math.max(1, Math.min(limit, MAX_LIST)));
        return jdbc.sql(sql.append(" order by d.id desc limit :limit").toString()).params(params).query((rs, i) -> status(rs)).list();
    }

    /** The states the deliveries list filters by. */
    public static final List<String> STATES = java.util.Arrays.stream(DeliveryStatus.State.values()).map(Enum::name).toList();

    /**
     * Issue 23 point 11: one page of the deliveries the actor may see (A4, as {@link #recent}), newest first, narrowed in
     * SQL by keyword (notice key, channel or person, target), organisation ({@code unit}, within the scope), state and,
     * optionally, one notice's key.
     */
    @Transactional(readOnly = true)
    public Page<DeliveryStatus> search(Actor actor, ListFilter f, String noticeKey) {
        OrgScope scope = OrgScope.of(actor);
        Map<String, Object> params = new HashMap<>(scope.params());
        StringBuilder where = new StringBuilder(scope.where("d.org_id"));
        if (noticeKey != null && !noticeKey.isBlank()) {
            where.append(" and d.notice_key = :key");
            params.put("key", noticeKey.strip());
        }
        if (f.q() != null) {
            where.append(" and (lower(d.notice_key) like :kw escape '\\' or lower(coalesce(c.name, d.recipient_name, '')) like :kw escape '\\'"
                    + " or lower(coalesce(d.target_shown, '')) like :kw escape '\\')");
            params.put("kw", f.likePattern());
        }
        if (f.unit() != null) {
            where.append(" and d.org_id = :unit");
            params.put("unit", f.unit());
        }
        if (f.state() != null) {
            where.append(" and d.state = :state");
            params.put("state", f.state());
        }
        long total = jdbc.sql("select count(*) from notify_delivery d left join notify_channel c on c.id = d.channel_id where " + where)
                .params(params).query(Long.class).single();
        params.put("limit", f.size());
        params.put("offset", (long) f.page() * f.size());
        List<DeliveryStatus> rows = jdbc.sql(SELECT + " where " + where + " order by d.id desc limit :limit offset :offset").params(params)
                .query((rs, i) -> status(rs)).list();
        return new Page<>(rows, total, f.page(), f.size());
    }

    private void enqueue(Notice notice, Channel channel) {
        outbox.add(notice, channel.id(), null, channel.kind(), channel.target(), null);
    }

    /**
     * A test message through one of the city's gateways to one person (issue 21 point 4), recorded like every
     * delivery. System administrator only. @return the test notice's key
     */
    @Transactional
    public String sendGatewayTest(Actor actor, Gateways.Kind kind, Long userId) {
        String key = people.enqueueTest(actor, kind, userId);
        audit.record(AuditEvent.success("notify.gateway.test", "gateway:" + kind, "test message " + key + " → user " + userId));
        sendAfterCommit();
        return key;
    }

    /** A10.1 "at once": the sender runs as soon as the deliveries are committed, not only at the next poll. */
    void sendAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sender.soon();
                }
            });
        } else {
            sender.soon();
        }
    }

    private static final String SELECT = """
            select d.id, d.notice_key, d.org_id, d.kind, coalesce(c.name, d.recipient_name) as channel_name, d.target_shown, d.state,
                   d.attempts, d.last_error, d.next_attempt_at, d.sent_at, d.created_at
              from notify_delivery d left join notify_channel c on c.id = d.channel_id""";

    private static DeliveryStatus status(ResultSet rs) throws SQLException {
        DeliveryStatus.State state = DeliveryStatus.State.valueOf(rs.getString("state"));
        OffsetDateTime sent = rs.getObject("sent_at", OffsetDateTime.class);
        return new DeliveryStatus(rs.getLong("id"), rs.getString("notice_key"), rs.getLong("org_id"),
                DeliveryStatus.Channel.valueOf(rs.getString("kind")), rs.getString("channel_name"), rs.getString("target_shown"),
                state, rs.getInt("attempts"), rs.getString("last_error"),
                state == DeliveryStatus.State.PENDING ? rs.getObject("next_attempt_at", OffsetDateTime.class).toInstant() : null,
                sent == null ? null : sent.toInstant(), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
