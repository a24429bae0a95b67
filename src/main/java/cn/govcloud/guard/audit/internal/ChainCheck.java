package cn.govcloud.guard.audit.internal;

import cn.govcloud.guard.audit.AuditAnchor;
import cn.govcloud.guard.audit.AuditRecord;
import cn.govcloud.guard.crypto.Sm2;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks a stream of records in id order and a set of anchors (A7.4), holding only the last hash
 * and the anchors in memory; used alike by the server's verification and the offline verifier.
 * A chain may start after id 1 (retention removed the oldest records, or an export starts in the
 * middle): its first record's prev_hash is then taken as given, and anchors still check.
 */
public final class ChainCheck {

    /** The outcome; {@code firstInvalid} is the id of the first record (or anchored id) that fails. */
    public record Result(boolean valid, long records, Long firstId, Long lastId, String lastHash, int anchorsChecked,
                         Long firstInvalid, String reason) {
    }

    private final Function<String, Optional<byte[]>> publicKeys;
    private final LocalDate keptSince;
    private final Map<Long, List<AuditAnchor>> anchorsByLastId = new HashMap<>();
    private long records;
    private Long firstId;
    private long lastId;
    private String lastHash;
    private int anchorsChecked;
    private Long firstInvalid;
    private String reason;

    /**
     * @param publicKeys SM2 public key by key id
     * @param keptSince  anchors of this day or later must still have their records (retention
     *                   cannot have removed them yet); null when the records are a slice (an export)
     */
    public ChainCheck(List<AuditAnchor> anchors, Function<String, Optional<byte[]>> publicKeys, LocalDate keptSince) {
        this.publicKeys = publicKeys;
        this.keptSince = keptSince;
        for (AuditAnchor anchor : anchors) {
            if (!signatureValid(anchor)) {
                fail(anchor.lastId(), "anchor of " + anchor.day() + " has no valid SM2 signature by key " + anchor.keyId());
            } else if (anchor.lastId() == 0 && !AuditRecord.GENESIS_HASH.equals(anchor.lastHash())) {
                fail(0L, "anchor of " + anchor.day() + " names record 0 with a hash other than the genesis hash");
            } else {
                anchorsByLastId.computeIfAbsent(anchor.lastId(), id -> new ArrayList<>()).add(anchor);
            }
        }
    }

    /** @return false once the chain is known to be broken, so the caller may stop reading */
    public boolean accept(AuditRecord record) {
        if (firstInvalid != null) {
            return false;
        }
        records++;
        if (firstId == null) {
            firstId = record.id();
            if (record.id() == 1 && !AuditRecord.GENESIS_HASH.equals(record.prevHash())) {
                return fail(record.id(), "the first record does not start from the genesis hash");
            }
        } else if (record.id() != lastId + 1) {
            return fail(lastId + 1, "record " + (lastId + 1) + " is missing (next present is " + record.id() + ")");
        } else if (!record.prevHash().equals(lastHash)) {
            return fail(record.id(), "prev_hash does not match the hash of record " + lastId);
        }
        if (!record.computeHash().equals(record.hash())) {
            return fail(record.id(), "content does not match its hash (altered)");
        }
        lastId = record.id();
        lastHash = record.hash();
        for (AuditAnchor anchor : anchorsByLastId.getOrDefault(record.id(), List.of())) {
            if (!anchor.lastHash().equals(record.hash())) {
                return fail(record.id(), "hash differs from the one signed in the anchor of " + anchor.day());
            }
            anchorsChecked++;
        }
        anchorsByLastId.remove(record.id());
        return true;
    }

    /** Settles the anchors no record reached. {@code expectedLast}: the chain head's id, when known. */
    public Result finish(Long expectedLast, String expectedLastHash) {
        if (firstInvalid == null && expectedLast != null && expectedLast != (firstId == null ? 0 : lastId)) {
            fail(firstId == null ? expectedLast : lastId + 1, "the chain head names record " + expectedLast
                    + " but the last record present is " + (firstId == null ? "none" : lastId));
        } else if (firstInvalid == null && expectedLastHash != null && firstId != null && !expectedLastHash.equals(lastHash)) {
            fail(lastId, "the chain head's hash differs from the last record's");
        }
        for (var entry : anchorsByLastId.entrySet()) {
            for (AuditAnchor anchor : entry.getValue()) {
                if (firstInvalid != null) {
                    break;
                }
                if (entry.getKey() == 0 || firstId == null || entry.getKey() < firstId) {
                    if (keptSince != null && entry.getKey() > 0 && !anchor.day().isBefore(keptSince)) {
                        fail(entry.getKey(), "records of " + anchor.day() + " were removed before their retention ended (A5.3)");
                    } else {
                        anchorsChecked++; // signature checked; its records are before this chain starts
                    }
                } else if (keptSince != null) {
                    fail(entry.getKey(), "anchor of " + anchor.day() + " names a record the chain does not hold");
                }
            }
        }
        return new Result(firstInvalid == null, records, firstId, firstId == null ? null : lastId, lastHash, anchorsChecked,
                firstInvalid, reason);
    }

    private boolean signatureValid(AuditAnchor anchor) {
        try {
            return publicKeys.apply(anchor.keyId())
                    .map(key -> Sm2.verify(key, anchor.signedMessage(), HexFormat.of().parseHex(anchor.signature())))
                    .orElse(false);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private boolean fail(Long id, String why) {
        if (firstInvalid == null) {
            firstInvalid = id;
            reason = why;
        }
        return false;
    }
}
