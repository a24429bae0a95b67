package cn.govcloud.guard.audit;

import java.time.Instant;

/**
 * The operation log every module writes to (A5.3, A7.4). Appends join one SM3 hash chain,
 * whatever thread or node they come from; nothing can change or remove a record through it.
 */
public interface AuditLog {

    /** Appends one record in its own transaction, so it stays even when the caller's work rolls back. */
    void record(AuditEvent event);

    /** Records appended at or after {@code since}, for the home pages. */
    long countSince(Instant since);
}
