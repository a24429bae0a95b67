package cn.govcloud.guard.siem.internal;

import cn.govcloud.guard.audit.AuditFeed;
import cn.govcloud.guard.audit.AuditRecord;
import cn.govcloud.guard.siem.Category;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Streams the operation log to each enabled destination from its cursor (issue 21 point 2): claim the
 * destination (one node at a time), read the records after the cursor, send those of its categories as one
 * batch, and move the cursor past the batch only once the peer took it. A failure leaves the cursor where it was
 * and waits, doubling, before the next try; the records wait in the log meanwhile, so an outage loses nothing
 * and the stream resumes exactly after the last acknowledged batch (which alone may arrive twice).
 * Runs on the scheduler's thread only: users' requests never wait for a SIEM.
 */
@Component
public class SiemSender {
    private static final Logger log = LoggerFactory.getLogger(SiemSender.class);

    private final JdbcClient jdbc;
    private final AuditFeed feed;
    private final DestinationService destinations;
    private final Transports transports;
    private final SiemSettings settings;
    private final Clock clock;

    SiemSender(JdbcClient jdbc, AuditFeed feed, DestinationService destinations, Transports transports, SiemSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.feed = feed;
        this.destinations = destinations;
        this.transports = transports;
        this.settings = settings;
        this.clock = clock;
    }

    /** One pass over every enabled destination that is due; returns the records acknowledged in all. */
    public int sendDue() {
        List<Long> due = jdbc.sql("select id from siem_destination where enabled = true and deleted_at is null"
                        + " and (next_attempt_at is null or next_attempt_at <= :now) order by id")
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).query(Long.class).list();
        int sent = 0;
        for (long id : due) {
            sent += send(id);
        }
        return sent;
    }

    /** Sends to one destination what it is owed, if this node can claim it and it is due. */
    int send(long id) {
        String token = UUID.randomUUID().toString();
        Instant now = clock.instant();
        int claimed = jdbc.sql("update siem_destination set claim_token = :token, claimed_until = :until where id = :id"
                        + " and enabled = true and deleted_at is null and (next_attempt_at is null or next_attempt_at <= :now)"
                        + " and (claim_token is null or claimed_until < :now)")
                .param("token", token).param("until", now.plus(settings.lease()).atOffset(ZoneOffset.UTC))
                .param("now", now.atOffset(ZoneOffset.UTC)).param("id", id).update();
        if (claimed == 0) {
            return 0; // another node is at it, or it is waiting after a failure
        }
        int acknowledged = 0;
        try {
            for (int b = 0; b < settings.batchesPerRun(); b++) {
                Endpoint e = destinations.endpoint(id).orElse(null);
                if (e == null) {
                    break;
                }
                List<AuditRecord> read = feed.after(e.cursor(), settings.batchSize());
                if (read.isEmpty()) {
                    break;
                }
                List<AuditRecord> wanted = read.stream().filter(r -> e.categories().contains(Category.of(r.action()))).toList();
                long upTo = read.get(read.size() - 1).id();
                if (!wanted.isEmpty()) {
                    try {
                        transports.send(e, wanted);
                    } catch (IOException | RuntimeException ex) {
                        failed(id, token, ex);
                        break;
                    }
                }
                if (!advance(id, token, e.cursor(), upTo, wanted.size())) {
                    break; // the claim expired or the administrator moved the cursor: start over next run
                }
                acknowledged += wanted.size();
                if (read.size() < settings.batchSize()) {
                    break;
                }
            }
        } finally {
            jdbc.sql("update siem_destination set claim_token = null, claimed_until = null where id = :id and claim_token = :token")
                    .param("id", id).param("token", token).update();
        }
        return acknowledged;
    }

    private boolean advance(long id, String token, long from, long upTo, int sent) {
        Instant now = clock.instant();
        return jdbc.sql("update siem_destination set cursor_id = :upTo, sent_total = sent_total + :sent,"
                        + (sent > 0 ? " last_sent_at = :now," : "") + " failures = 0, next_attempt_at = null,"
                        + " claimed_until = :until where id = :id and claim_token = :token and cursor_id = :from")
                .param("upTo", upTo).param("sent", sent).params(sent > 0 ? java.util.Map.of("now", now.atOffset(ZoneOffset.UTC)) : java.util.Map.of())
                .param("until", now.plus(settings.lease()).atOffset(ZoneOffset.UTC))
                .param("id", id).param("token", token).param("from", from).update() == 1;
    }

    private void failed(long id, String token, Exception ex) {
        Instant now = clock.instant();
        int failures = jdbc.sql("select failures from siem_destination where id = :id").param("id", id).query(Integer.class).single() + 1;
        String error = Senders.describe(ex);
        log.warn("SIEM destination {}: send failed ({} in a row), retrying in {}: {}", id, failures, settings.retryAfter(failures), error);
        jdbc.sql("update siem_destination set failures = :failures, last_error = :error, last_error_at = :now, next_attempt_at = :next"
                        + " where id = :id and claim_token = :token")
                .param("failures", failures).param("error", error).param("now", now.atOffset(ZoneOffset.UTC))
                .param("next", now.plus(settings.retryAfter(failures)).atOffset(ZoneOffset.UTC))
                .param("id", id).param("token", token).update();
    }
}
