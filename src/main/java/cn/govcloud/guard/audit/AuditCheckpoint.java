package cn.govcloud.guard.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * An SM2-signed statement of where the chain stood at {@code signedAt} (A7.4): made every few
 * minutes and at each start, stored in the database and written where the operator points it (a
 * file, syslog), so a database superuser who removes the newest records is caught by the copy
 * outside the database. {@code keyedFrom} repeats the first record that must carry a MAC.
 *
 * @param signature hex of the DER SM2 signature over {@link #signedMessage()}
 */
public record AuditCheckpoint(long lastId, String lastHash, long keyedFrom, Instant signedAt, String keyId, String signature) {

    /** {@code govguard-audit-checkpoint/1|last_id|last_hash|keyed_from|signed_at in epoch microseconds}, UTF-8. */
    public byte[] signedMessage() {
        return signedMessage(lastId, lastHash, keyedFrom, signedAt);
    }

    public static byte[] signedMessage(long lastId, String lastHash, long keyedFrom, Instant signedAt) {
        return ("govguard-audit-checkpoint/1|" + lastId + "|" + lastHash + "|" + keyedFrom + "|" + AuditRecord.epochMicros(signedAt))
                .getBytes(StandardCharsets.UTF_8);
    }
}
