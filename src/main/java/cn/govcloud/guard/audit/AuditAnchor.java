package cn.govcloud.guard.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A day's SM2-signed statement of where the chain stood at its end (Asia/Shanghai): rewriting the
 * log after that day would need the platform's private key too, not just database access (A7.4).
 *
 * @param signature hex of the DER SM2 signature over {@link #signedMessage()}
 */
public record AuditAnchor(LocalDate day, long lastId, String lastHash, String keyId, String signature, Instant signedAt) {

    /** {@code day|last_id|last_hash}, UTF-8: what the signature covers. */
    public byte[] signedMessage() {
        return signedMessage(day, lastId, lastHash);
    }

    public static byte[] signedMessage(LocalDate day, long lastId, String lastHash) {
        return (day + "|" + lastId + "|" + lastHash).getBytes(StandardCharsets.UTF_8);
    }
}
