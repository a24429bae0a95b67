package cn.govcloud.guard.ticketing.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Delivers the ticket outbox (issue 21 point 5): every {@code PENDING} ticket whose time has come is claimed (one node at a
 * time), POSTed to its desk as JSON signed with the desk's secret ({@code X-Govguard-Signature}, as the SIEM webhook), and
 * marked {@code SENT} with the desk's own ticket number once the desk answers 2xx. A failure keeps it {@code PENDING}
 * with the error and the next attempt (15 s, 30 s, 1 min … up to 10 min): a desk that is down loses nothing, and a
 * ticket is never given up. A disabled desk's tickets wait until it is enabled again. Runs on the scheduler's thread
 * only: nobody waits for a desk. At least once: a desk that took a ticket but whose answer was lost gets it again, with
 * the same {@code ticket} id and {@code X-Govguard-Event-Id}, so it can drop the duplicate.
 */
@Component
public class TicketSender {
    private static final Logger log = LoggerFactory.getLogger(TicketSender.class);

    private final JdbcClient jdbc;
    private final DeskService desks;
    private final AuditLog audit;
    private final TicketingSettings settings;
    private final Clock clock;
    private final HttpClient http;

    TicketSender(JdbcClient jdbc, DeskService desks, AuditLog audit, TicketingSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.desks = desks;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** One pass over the due tickets of enabled desks; returns how many the desks took. */
    public int sendDue() {
        List<Long> due = jdbc.sql("select t.id from ticket t join ticket_desk d on d.id = t.desk_id where t.state = 'PENDING'"
                        + " and d.enabled = true and d.deleted_at is null and (t.next_attempt_at is null or t.next_attempt_at <= :now)"
                        + " order by t.id")
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).query(Long.class).list();
        int sent = 0;
        for (long id : due) {
            sent += send(id) ? 1 : 0;
        }
        return sent;
    }

    boolean send(long id) {
        String token = UUID.randomUUID().toString();
        Instant now = clock.instant();
        int claimed = jdbc.sql("update ticket set claim_token = :token, claimed_until = :until where id = :id and state = 'PENDING'"
                        + " and (next_attempt_at is null or next_attempt_at <= :now) and (claim_token is null or claimed_until < :now)")
                .param("token", token).param("until", now.plus(settings.lease()).atOffset(ZoneOffset.UTC))
                .param("now", now.atOffset(ZoneOffset.UTC)).param("id", id).update();
        if (claimed == 0) {
            return false;
        }
        var row = jdbc.sql("select desk_id, payload, attempts, subject_id, subject_kind from ticket where id = :id").param("id", id)
                .query((rs, i) -> new Object[] {rs.getLong("desk_id"), rs.getString("payload"), rs.getInt("attempts"),
                        rs.getString("subject_kind").toLowerCase(java.util.Locale.ROOT) + ":" + rs.getLong("subject_id")})
                .single();
        long deskId = (Long) row[0];
        String payload = (String) row[1];
        int attempts = (Integer) row[2] + 1;
        DeskService.Endpoint desk = desks.endpoint(deskId).filter(DeskService.Endpoint::enabled).orElse(null);
        if (desk == null) {
            release(id, token);
            return false;
        }
        try {
            byte[] body = payload.getBytes(StandardCharsets.UTF_8);
            String timestamp = Long.toString(now.getEpochSecond());
            HttpRequest request = HttpRequest.newBuilder(URI.create(desk.url())).timeout(settings.requestTimeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("X-Govguard-Event-Id", "ticket-" + id)
                    .header("X-Govguard-Timestamp", timestamp)
                    .header("X-Govguard-Signature", Signatures.sha256(desk.secret(), timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 != 2) {
                throw new IOException("HTTP " + response.statusCode() + " " + TicketService.cut(response.body(), 200));
            }
            String external = externalId(response.body());
            jdbc.sql("update ticket set state = 'SENT', external_id = :external, attempts = :attempts, last_attempt_at = :now, sent_at = :now,"
                            + " next_attempt_at = null, last_error = null, claim_token = null, claimed_until = null, updated_at = :now"
                            + " where id = :id and claim_token = :token")
                    .param("external", external).param("attempts", attempts).param("now", now.atOffset(ZoneOffset.UTC))
                    .param("id", id).param("token", token).update();
            audit.record(AuditEvent.success("ticketing.ticket.sent", (String) row[3], "ticket " + id + " taken by desk \"" + desk.name()
                    + "\"" + (external == null ? "" : " as " + external) + " after " + attempts + " attempt(s)").by("system", null));
            return true;
        } catch (IOException | RuntimeException e) {
            failed(id, token, attempts, now, describe(e), desk.name());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(id, token, attempts, now, "interrupted", desk.name());
            return false;
        }
    }

    /** The desk's ticket number from its JSON answer: {@code id}, {@code ticketId}, {@code key} or {@code number}. */
    static String externalId(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = TicketService.JSON.readTree(body);
            for (String field : List.of("ticketId", "id", "key", "number")) {
                JsonNode v = node.path(field);
                if (v.isValueNode() && !v.asText().isBlank()) {
                    return TicketService.cut(v.asText().strip(), 200);
                }
            }
        } catch (RuntimeException e) {
            // not JSON: taken, but without a number
        }
        return null;
    }

    private void failed(long id, String token, int attempts, Instant now, String error, String deskName) {
        var next = now.plus(settings.retryAfter(attempts));
        log.warn("ticket {} to desk \"{}\": attempt {} failed, retrying at {}: {}", id, deskName, attempts, next, error);
        jdbc.sql("update ticket set attempts = :attempts, last_error = :error, last_attempt_at = :now, next_attempt_at = :next,"
                        + " claim_token = null, claimed_until = null, updated_at = :now where id = :id and claim_token = :token")
                .param("attempts", attempts).param("error", error).param("now", now.atOffset(ZoneOffset.UTC))
                .param("next", next.atOffset(ZoneOffset.UTC)).param("id", id).param("token", token).update();
    }

    private void release(long id, String token) {
        jdbc.sql("update ticket set claim_token = null, claimed_until = null where id = :id and claim_token = :token")
                .param("id", id).param("token", token).update();
    }

    static String describe(Throwable e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (e.getCause() != null && e.getCause().getMessage() != null && !text.contains(e.getCause().getMessage())) {
            text += " (" + e.getCause().getMessage() + ")";
        }
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
