package cn.govcloud.guard.notify.delivery;

import cn.govcloud.guard.notify.DeliveryStatus;
import cn.govcloud.guard.notify.Notice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends due deliveries (A10.1), on every node at once without sending anything twice: a node owns a
 * row only after its conditional UPDATE — {@code state = 'PENDING'}, due, not leased to another node
 * — changed it, which PostgreSQL and H2 both decide one row at a time (the loser's UPDATE waits for
 * the winner's commit, re-reads the row and finds it leased). Each claim counts as an attempt and
 * is committed before anything is sent; the result is recorded only under the same claim token, so
 * a node that overran its lease cannot overwrite a newer attempt. Failures wait
 * {@link DeliverySettings#retryDelays()} and are FAILED after the last attempt; a permanent failure
 * (no mail server, channel withdrawn) is FAILED at once.
 */
@Component
public class DeliverySender implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(DeliverySender.class);
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** Outbound text is Chinese whoever reads it: the bundles' default language. */
    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private final JdbcClient jdbc;
    private final ChannelService channels;
    private final EmailTransport email;
    private final WebhookTransport webhooks;
    private final PersonalDeliveries people;
    private final DeliverySettings settings;
    private final MessageSource messages;
    private final Clock clock;
    private final ZoneId zone;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "notify-delivery");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();

    DeliverySender(JdbcClient jdbc, ChannelService channels, EmailTransport email, WebhookTransport webhooks, PersonalDeliveries people,
                   DeliverySettings settings, MessageSource messages, Clock clock) {
        this.jdbc = jdbc;
        this.people = people;
        this.channels = channels;
        this.email = email;
        this.webhooks = webhooks;
        this.settings = settings;
        this.messages = messages;
        this.clock = clock;
        this.zone = cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE;
    }

    /** Runs {@link #sendDue()} in the background soon (once, however many dispatches ask meanwhile). */
    void soon() {
        if (queued.compareAndSet(false, true)) {
            try {
                background.execute(() -> {
                    queued.set(false);
                    try {
                        sendDue();
                    } catch (RuntimeException e) {
                        log.warn("sending notices failed; the next poll tries again", e);
                    }
                });
            } catch (RejectedExecutionException shuttingDown) {
                queued.set(false);
            }
        }
    }

    /** Claims and sends what is due now, in batches until nothing is left. @return deliveries attempted */
    public int sendDue() {
        int attempted = 0;
        while (true) {
            Instant now = clock.instant();
            List<Long> due = jdbc.sql("""
                            select id from notify_delivery
                             where state = 'PENDING' and next_attempt_at <= :now and (claimed_until is null or claimed_until < :now)
                             order by next_attempt_at, id limit :batch""")
                    .param("now", utc(now)).param("batch", settings.batchSize()).query(Long.class).list();
            int claimedHere = 0;
            for (long id : due) {
                String token = claim(id, now);
                if (token != null) {
                    claimedHere++;
                    attempt(id, token);
                }
            }
            attempted += claimedHere;
            if (due.size() < settings.batchSize() || claimedHere == 0) {
                return attempted;
            }
        }
    }

    /** The conditional UPDATE that makes this node the only sender of the row for one lease; null when another node was first. */
    private String claim(long id, Instant now) {
        String token = UUID.randomUUID().toString();
        int claimed = jdbc.sql("""
                        update notify_delivery set claim_token = :token, claimed_until = :until, attempts = attempts + 1
                         where id = :id and state = 'PENDING' and next_attempt_at <= :now and (claimed_until is null or claimed_until < :now)""")
                .param("token", token).param("until", utc(now.plus(settings.lease()))).param("id", id).param("now", utc(now)).update();
        return claimed == 1 ? token : null;
    }

    /** {@code channelId} null: a delivery to the person {@code userId} (SMS, 政务微信, 政务钉钉). */
    private record Row(long orgId, Long channelId, Long userId, DeliveryStatus.Channel kind, int attempts, String messageKey, List<String> args, String link, Notice.Severity severity,
                       String noticeKey, Instant noticeAt) {
    }

    private void attempt(long id, String token) {
        Row row = jdbc.sql("select * from notify_delivery where id = :id").param("id", id).query((rs, i) -> new Row(rs.getLong("org_id"),
                (Long) rs.getObject("channel_id", Long.class), (Long) rs.getObject("user_id", Long.class),
                DeliveryStatus.Channel.valueOf(rs.getString("kind")), rs.getInt("attempts"), rs.getString("message_key"), JSON.readValue(rs.getString("args"), STRINGS),
                rs.getString("link"), Notice.Severity.valueOf(rs.getString("severity")), rs.getString("notice_key"),
                rs.getObject("notice_at", OffsetDateTime.class).toInstant())).single();
        try {
            if (row.channelId() == null && row.userId() == null) {
                // issue 22 point 2: the unit's 7×24 on-call phone from the roster
                people.sendOnCall(row.orgId(), id, row.noticeKey(), render(row), text("notify.sms.unread", null, "[未读提醒] "));
                sent(id, token);
                return;
            }
            if (row.channelId() == null) {
                people.send(row.kind(), row.userId(), id, row.noticeKey(), render(row),
                        text("notify.sms.unread", null, "[未读提醒] "));
                sent(id, token);
                return;
            }
            Optional<ChannelService.Endpoint> endpoint = channels.endpoint(row.channelId());
            if (endpoint.isEmpty() || endpoint.get().channel().deleted()) {
                throw Transport.DeliveryFailure.permanent("channel deleted");
            }
            if (!endpoint.get().channel().enabled()) {
                throw Transport.DeliveryFailure.permanent("channel disabled");
            }
            Rendered text = render(row);
            if (endpoint.get().channel().kind() == DeliveryStatus.Channel.EMAIL) {
                email.send(endpoint.get(), text);
            } else {
                webhooks.send(endpoint.get(), text);
            }
            sent(id, token);
        } catch (Transport.DeliveryFailure e) {
            failed(id, token, row.attempts(), e.getMessage(), e.permanent());
        } catch (RuntimeException e) {
            log.warn("delivery {} failed unexpectedly", id, e);
            failed(id, token, row.attempts(), "internal error: " + e.getClass().getSimpleName(), false);
        }
    }

    private void sent(long id, String token) {
        jdbc.sql("""
                        update notify_delivery set state = 'SENT', sent_at = :now, last_error = null, claim_token = null, claimed_until = null
                         where id = :id and claim_token = :token""")
                .param("now", utc(clock.instant())).param("id", id).param("token", token).update();
    }

    private void failed(long id, String token, int attempts, String error, boolean permanent) {
        boolean last = permanent || attempts >= settings.maxAttempts();
        Instant now = clock.instant();
        Instant next = last ? now : now.plus(settings.retryDelays().get(Math.min(attempts, settings.retryDelays().size()) - 1));
        String why = error == null ? "failed" : error.length() > 1000 ? error.substring(0, 999) + "…" : error;
        jdbc.sql("""
                        update notify_delivery set state = :state, last_error = :error, next_attempt_at = :next, claim_token = null,
                               claimed_until = null
                         where id = :id and claim_token = :token""")
                .param("state", last ? "FAILED" : "PENDING").param("error", why).param("next", utc(next))
                .param("id", id).param("token", token).update();
        if (last) {
            log.warn("delivery {} FAILED after {} attempt(s): {}", id, attempts, why);
        }
    }

    /** The notice in Chinese: title (subject), message, link and a footer with key and time. */
    Rendered render(Row row) {
        String message = text(row.messageKey(), Notice.arguments(row.args()), row.messageKey());
        String severity = text("notify.severity." + row.severity().name(), null, row.severity().name());
        String firstLine = message.lines().findFirst().orElse("");
        if (firstLine.length() > 60) {
            firstLine = firstLine.substring(0, 59) + "…";
        }
        String title = text("notify.delivery.subject", new Object[] {severity, firstLine}, "[" + severity + "] " + firstLine);
        String url = row.link() == null ? null : settings.baseUrl() + row.link();
        String footer = text("notify.delivery.footer", new Object[] {row.noticeKey(), SHOWN.format(row.noticeAt().atZone(zone))},
                row.noticeKey());
        return new Rendered(title, message, url, footer);
    }

    private String text(String key, Object[] args, String fallback) {
        try {
            return messages.getMessage(key, args, fallback, CHINESE);
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    @Override
    public void destroy() {
        background.shutdownNow();
    }

    Duration pollInterval() {
        return settings.pollInterval();
    }
}
