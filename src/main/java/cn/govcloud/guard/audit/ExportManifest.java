package cn.govcloud.guard.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The last line of an audit export, SM2-signed by the platform (issue 20 point 2, A7.4): which
 * records the export holds (count, first id and the hash it follows, last id and hash) and whether
 * the server's own keyed check of them passed while exporting. Offline, an export with records cut
 * from either end, or with hashes recomputed after an edit, no longer matches it.
 *
 * @param serverFirstInvalid the first record the server's check refused, or null
 */
public record ExportManifest(Instant exportedAt, Instant from, Instant to, long records, Long firstId, String firstPrevHash,
                             Long lastId, String lastHash, boolean serverValid, Long serverFirstInvalid, String keyId, String signature) {

    public byte[] signedMessage() {
        return ("govguard-audit-export-manifest/1|" + AuditRecord.epochMicros(exportedAt) + "|" + AuditRecord.epochMicros(from) + "|"
                + AuditRecord.epochMicros(to) + "|" + records + "|" + firstId + "|" + firstPrevHash + "|" + lastId + "|" + lastHash + "|"
                + serverValid + "|" + serverFirstInvalid).getBytes(StandardCharsets.UTF_8);
    }

    public ExportManifest signedWith(String keyId, String signature) {
        return new ExportManifest(exportedAt, from, to, records, firstId, firstPrevHash, lastId, lastHash, serverValid, serverFirstInvalid,
                keyId, signature);
    }
}
