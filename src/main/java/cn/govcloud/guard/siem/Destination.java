package cn.govcloud.guard.siem;

import java.time.Instant;
import java.util.List;

/**
 * A SIEM destination as the security administrator sees it: where it points (a URL only up to its host, secrets
 * never), what it takes, and how far it has got.
 *
 * @param target      {@code host:port} for syslog, the URL up to its host for a webhook
 * @param format      a webhook's body: {@code NDJSON} (one JSON object a line) or {@code JSON} (an array); null for syslog
 * @param signed      a webhook with an HMAC key: every POST carries {@code X-Govguard-Signature}
 * @param caSubject   the subject of the CA certificate trusted for TLS, null when the JVM's trust store is used
 * @param cursor      the id of the last operation-log record this destination acknowledged
 * @param lag         records written after the cursor (not yet acknowledged, whatever their category)
 * @param failures    failed attempts in a row; the next is not before {@code nextAttemptAt}
 */
public record Destination(long id, String name, Kind kind, String target, List<Category> categories, String format, boolean signed,
                          String caSubject, boolean enabled, State state, long cursor, long lag, long sentTotal, Instant lastSentAt,
                          int failures, String lastError, Instant lastErrorAt, Instant nextAttemptAt, Instant createdAt, String createdBy,
                          Instant updatedAt, String updatedBy) {

    public enum State {
        DISABLED,
        /** Everything written so far has been acknowledged. */
        UP_TO_DATE,
        /** Records are waiting; the next run sends them. */
        CATCHING_UP,
        /** The last attempt failed; the cursor holds and the records wait for the retry. */
        FAILING
    }

    public static State state(boolean enabled, int failures, long lag) {
        return !enabled ? State.DISABLED : failures > 0 ? State.FAILING : lag > 0 ? State.CATCHING_UP : State.UP_TO_DATE;
    }
}
