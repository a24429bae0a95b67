package cn.govcloud.guard.audit.internal;

import cn.govcloud.guard.audit.AuditAnchor;
import cn.govcloud.guard.audit.AuditCheckpoint;
import cn.govcloud.guard.audit.AuditRecord;
import cn.govcloud.guard.crypto.Sm2;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Checks a stream of records in id order against signed marks — daily anchors and checkpoints — (A7.4),
 * holding only the last hash and the marks in memory; used alike by the server's verification, the
 * export and the offline verifier. A chain may start after id 1 (retention removed the oldest
 * records, or an export starts in the middle): its first record's prev_hash is then taken as given,
 * and the marks still check. With {@link #keyed} (the server only: it holds the audit key) every
 * record from {@code keyedFrom} on must carry its HMAC-SM3, which no database superuser can forge.
 */
public final class ChainCheck {

    /** The outcome; {@code firstInvalid} is the id of the first record (or signed id) that fails. */
    public record Result(boolean valid, long records, Long firstId, Long lastId, String lastHash, int anchorsChecked,
                         Long firstInvalid, String reason, String firstPrevHash) {

        Result failedAt(long id, String why) {
            return new Result(false, records, firstId, lastId, lastHash, anchorsChecked, id, why, firstPrevHash);
        }
    }

    /** A signed (or otherwise trusted) statement that record {@code lastId} has hash {@code lastHash}. */
    private record Mark(String label, long lastId, String lastHash, LocalDate day) {
    }

    private final Function<String, Optional<byte[]>> publicKeys;
    private final LocalDate keptSince;
    private final TreeMap<Long, List<Mark>> marksByLastId = new TreeMap<>();
    private final AuditRecord.Hasher hasher = new AuditRecord.Hasher();
    private long keyedFrom = Long.MAX_VALUE;
    private BiFunction<Long, String, String> expectedMac;
    private long records;
    private Long firstId;
    private String firstPrevHash;
    private long lastId;
    private String lastHash;
    private int anchorsChecked;
    private Long firstInvalid;
    private String reason;

    public ChainCheck(List<AuditAnchor> anchors, Function<String, Optional<byte[]>> publicKeys, LocalDate keptSince) {
        this(anchors, List.of(), publicKeys, keptSince, cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE);
    }

    /**
     * @param publicKeys SM2 public key by key id
     * @param keptSince  marks of this day or later must still have their records (retention
     *                   cannot have removed them yet); null when the records are a slice (an export)
     */
    public ChainCheck(List<AuditAnchor> anchors, List<AuditCheckpoint> checkpoints, Function<String, Optional<byte[]>> publicKeys,
                      LocalDate keptSince, ZoneId zone) {
        this.publicKeys = publicKeys;
        this.keptSince = keptSince;
        for (AuditAnchor anchor : anchors) {
            String label = "the anchor of " + anchor.day();
            if (!signatureValid(anchor.keyId(), anchor.signedMessage(), anchor.signature())) {
                fail(anchor.lastId(), label + " has no valid SM2 signature by key " + anchor.keyId());
            } else {
                mark(new Mark(label, anchor.lastId(), anchor.lastHash(), anchor.day()));
            }
        }
        for (AuditCheckpoint checkpoint : checkpoints) {
            String label = "the checkpoint signed at " + checkpoint.signedAt();
            if (!signatureValid(checkpoint.keyId(), checkpoint.signedMessage(), checkpoint.signature())) {
                fail(checkpoint.lastId(), label + " has no valid SM2 signature by key " + checkpoint.keyId());
            } else {
                keyedFrom = Math.min(keyedFrom, checkpoint.keyedFrom()); // the signed value, whatever the head row says now
                mark(new Mark(label, checkpoint.lastId(), checkpoint.lastHash(), checkpoint.signedAt().atZone(zone).toLocalDate()));
            }
        }
    }

    /** Adds a statement this node knows without a signature (the last record it appended itself). */
    public void trust(String label, long id, String hash, LocalDate day) {
        mark(new Mark(label, id, hash, day));
    }

    private void mark(Mark mark) {
        if (mark.lastId() == 0 && !AuditRecord.GENESIS_HASH.equals(mark.lastHash())) {
            fail(0L, mark.label() + " names record 0 with a hash other than the genesis hash");
        } else {
            marksByLastId.computeIfAbsent(mark.lastId(), id -> new ArrayList<>()).add(mark);
        }
    }

    /**
     * Every record from {@code from} on (or from the lowest {@code keyedFrom} a signed checkpoint
     * states, if lower) must carry {@code expected.apply(id, hash)} as its MAC.
     */
    public ChainCheck keyed(long from, BiFunction<Long, String, String> expected) {
        this.keyedFrom = Math.min(keyedFrom, from);
        this.expectedMac = expected;
        return this;
    }

    public long keyedFrom() {
        return keyedFrom;
    }

    /** @return false once the chain is known to be broken, so the caller may stop reading */
    public boolean accept(AuditRecord record) {
        return accept(record, null);
    }

    /** As {@link #accept(AuditRecord)}, with the record's stored MAC (checked when {@link #keyed}). */
    public boolean accept(AuditRecord record, String mac) {
        return accept(record, mac, UNCHECKED, null);
    }

    /** Whether {@code mac} must be checked on {@code record} (and against what: {@link #expectedMac(long, String)}). */
    boolean macChecked(AuditRecord record, String mac) {
        return expectedMac != null && record.id() >= keyedFrom && mac != null;
    }

    String expectedMac(long id, String hash) {
        return expectedMac.apply(id, hash);
    }

    /** {@code verdict}: not worked out yet; {@link #accept(AuditRecord, String, int, RuntimeException)} recomputes. */
    static final int UNCHECKED = 0;
    /** {@code verdict} bits from a {@link ChainPipeline} worker: the record's own checks, done beforehand. */
    static final int CHECKED = 1;
    static final int HASH_MATCHES = 2;
    static final int MAC_MATCHES = 4;
    static final int HASH_THREW = 8;
    static final int MAC_THREW = 16;

    /**
     * As {@link #accept(AuditRecord, String)}, with the record's hash and MAC possibly recomputed beforehand on another
     * thread ({@code verdict}, and what recomputing threw, if anything): the same checks in the same order, so the
     * first record affected and the reason are the same as when everything is recomputed here.
     */
    boolean accept(AuditRecord record, String mac, int verdict, RuntimeException thrown) {
        if (firstInvalid != null) {
            return false;
        }
        records++;
        if (firstId == null) {
            firstId = record.id();
            firstPrevHash = record.prevHash();
            if (record.id() == 1 && !AuditRecord.GENESIS_HASH.equals(record.prevHash())) {
                return fail(record.id(), "the first record does not start from the genesis hash");
            }
        } else if (record.id() != lastId + 1) {
            return fail(lastId + 1, "record " + (lastId + 1) + " is missing (next present is " + record.id() + ")");
        } else if (!record.prevHash().equals(lastHash)) {
            return fail(record.id(), "prev_hash does not match the hash of record " + lastId);
        }
        if ((verdict & HASH_THREW) != 0) {
            throw thrown;
        }
        if (!((verdict & CHECKED) != 0 ? (verdict & HASH_MATCHES) != 0 : hasher.matches(record))) {
            return fail(record.id(), "content does not match its hash (altered)");
        }
        if ((verdict & MAC_THREW) != 0 && macChecked(record, mac)) {
            throw thrown;
        }
        if (expectedMac != null && record.id() >= keyedFrom && (mac == null || !((verdict & CHECKED) != 0
                ? (verdict & MAC_MATCHES) != 0 : mac.equals(expectedMac.apply(record.id(), record.hash()))))) {
            return fail(record.id(), mac == null ? "the record carries no MAC under the audit key (inserted or altered outside the platform)"
                    : "the MAC under the audit key does not match (written or rewritten outside the platform)");
        }
        lastId = record.id();
        lastHash = record.hash();
        for (Mark mark : marksByLastId.getOrDefault(record.id(), List.of())) {
            if (!mark.lastHash().equals(record.hash())) {
                return fail(record.id(), "hash differs from the one in " + mark.label());
            }
            anchorsChecked++;
        }
        marksByLastId.remove(record.id());
        return true;
    }

    /** Settles the marks no record reached. {@code expectedLast}: the chain head's id, when known. */
    public Result finish(Long expectedLast, String expectedLastHash) {
        long lastSeen = firstId == null ? 0 : lastId;
        // a mark beyond the last record present: the tail was removed; the first missing record is the first affected
        Map.Entry<Long, List<Mark>> beyond = marksByLastId.higherEntry(lastSeen);
        if (firstInvalid == null && beyond != null) {
            Mark mark = beyond.getValue().get(0);
            fail(lastSeen + 1, "records from " + (lastSeen + 1) + " on are missing: " + mark.label() + " names record " + mark.lastId()
                    + ", but the last record present is " + (firstId == null ? "none" : lastSeen));
        }
        if (firstInvalid == null && expectedLast != null && expectedLast != lastSeen) {
            fail(firstId == null ? expectedLast : lastId + 1, "the chain head names record " + expectedLast
                    + " but the last record present is " + (firstId == null ? "none" : lastId));
        } else if (firstInvalid == null && expectedLastHash != null && firstId != null && !expectedLastHash.equals(lastHash)) {
            fail(lastId, "the chain head's hash differs from the last record's");
        }
        for (var entry : marksByLastId.headMap(lastSeen, true).entrySet()) {
            for (Mark mark : entry.getValue()) {
                if (firstInvalid != null) {
                    break;
                }
                // marks before this chain's first record: their records were removed by retention, or are outside the slice
                if (keptSince != null && entry.getKey() > 0 && !mark.day().isBefore(keptSince)) {
                    fail(entry.getKey(), "records of " + mark.day() + " were removed before their retention ended (A5.3)");
                } else {
                    anchorsChecked++;
                }
            }
        }
        return new Result(firstInvalid == null, records, firstId, firstId == null ? null : lastId, lastHash, anchorsChecked,
                firstInvalid, reason, firstPrevHash);
    }

    private boolean signatureValid(String keyId, byte[] message, String signature) {
        try {
            return publicKeys.apply(keyId).map(key -> Sm2.verify(key, message, HexFormat.of().parseHex(signature))).orElse(false);
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
