package cn.govcloud.guard.ticketing;

import java.time.Instant;

/**
 * A ticket opened in a service desk for a hazard (or an alert).
 *
 * @param state      {@code PENDING} (in the outbox, not yet taken by the desk), {@code SENT} (the desk answered 2xx),
 *                   {@code ACKNOWLEDGED} / {@code FEEDBACK} (the desk's callback moved the hazard)
 * @param externalId the desk's own ticket number, from its reply; null until then or when it gave none
 * @param attempts   delivery attempts so far; {@code lastError} the last failure, {@code nextAttemptAt} the next try
 */
public record Ticket(long id, long deskId, String deskName, String subjectKind, long subjectId, String title, String state,
                     String externalId, String externalState, int attempts, String lastError, Instant lastAttemptAt,
                     Instant nextAttemptAt, Instant sentAt, Instant createdAt, String createdBy) {
}
