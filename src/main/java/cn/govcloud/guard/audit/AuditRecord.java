package cn.govcloud.guard.audit;

import cn.govcloud.guard.crypto.Sm3;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One record of the operation log as stored and exported, and its canonical encoding: the one
 * definition of what the SM3 chain covers (A7.4), shared by the chain, the online check and the
 * offline verifier, so they cannot drift apart.
 *
 * <p>Canonical form: a format tag, then id, occurred-at (epoch microseconds), actor, organisation,
 * source address, action, target, result and details, each as UTF-8 text behind a 4-byte
 * big-endian length; a null field is the length -1 with no bytes, so null and "" differ.
 * {@code hash = SM3(bytes of prev_hash || canonical)}, the genesis prev_hash being 64 zeros.
 */
public record AuditRecord(long id, Instant occurredAt, String actor, String organisation, String sourceAddress,
                          String action, String target, String result, String details, String prevHash, String hash) {

    public static final String GENESIS_HASH = "0".repeat(64);
    private static final String FORMAT = "govguard-audit-record/1";
    private static final HexFormat HEX = HexFormat.of();

    public byte[] canonical() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        field(out, FORMAT);
        field(out, Long.toString(id));
        field(out, Long.toString(epochMicros(occurredAt)));
        field(out, actor);
        field(out, organisation);
        field(out, sourceAddress);
        field(out, action);
        field(out, target);
        field(out, result);
        field(out, details);
        return out.toByteArray();
    }

    /** The hash this record must carry given its {@code prevHash}. */
    public String computeHash() {
        return HEX.formatHex(Sm3.digest(HEX.parseHex(prevHash), canonical()));
    }

    /** The same record chained after {@code previousHash}: what an append stores. */
    public AuditRecord chainedAfter(String previousHash) {
        AuditRecord linked = new AuditRecord(id, occurredAt, actor, organisation, sourceAddress, action, target, result, details,
                previousHash, null);
        return new AuditRecord(id, occurredAt, actor, organisation, sourceAddress, action, target, result, details,
                previousHash, linked.computeHash());
    }

    public static long epochMicros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    private static void field(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }
}
