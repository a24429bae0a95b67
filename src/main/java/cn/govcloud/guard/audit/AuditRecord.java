package cn.govcloud.guard.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SM3Digest;

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
        return new Hasher().encode(this);
    }

    /** The hash this record must carry given its {@code prevHash}. */
    public String computeHash() {
        return HEX.formatHex(new Hasher().digest(this));
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

    /**
     * Recomputes records' canonical bytes and SM3 hashes with one reusable SM3 state and buffer: the one
     * implementation of {@link #canonical()} and {@link #computeHash()}, and what verification runs per record on each
     * of its threads without allocating per record. Not thread-safe: one per thread.
     */
    public static final class Hasher {
        private final SM3Digest sm3 = new SM3Digest();
        private final byte[] prev = new byte[32];
        private final byte[] out = new byte[32];
        private byte[] buffer = new byte[512];
        private int length;

        /**
         * Whether the record's stored hash is the SM3 of its stored prev_hash and content, compared as the lower-case
         * hex the chain writes (as {@code computeHash().equals(hash())}).
         */
        public boolean matches(AuditRecord record) {
            return hexEquals(record.hash(), digest(record));
        }

        /** SM3(prev_hash bytes || canonical); the returned array is this hasher's, overwritten by the next call. */
        byte[] digest(AuditRecord record) {
            sm3.reset();
            String prevHash = record.prevHash();
            if (prevHash.length() == 64 && lowerHex(prevHash)) {
                for (int i = 0; i < 32; i++) {
                    prev[i] = (byte) (Character.digit(prevHash.charAt(2 * i), 16) << 4 | Character.digit(prevHash.charAt(2 * i + 1), 16));
                }
                sm3.update(prev, 0, 32);
            } else {
                byte[] parsed = HEX.parseHex(prevHash); // anything else as it always was (upper case; malformed: refused)
                sm3.update(parsed, 0, parsed.length);
            }
            fill(record);
            sm3.update(buffer, 0, length);
            sm3.doFinal(out, 0);
            return out;
        }

        byte[] encode(AuditRecord record) {
            fill(record);
            return Arrays.copyOf(buffer, length);
        }

        private void fill(AuditRecord r) {
            length = 0;
            field(FORMAT);
            field(Long.toString(r.id()));
            field(Long.toString(epochMicros(r.occurredAt())));
            field(r.actor());
            field(r.organisation());
            field(r.sourceAddress());
            field(r.action());
            field(r.target());
            field(r.result());
            field(r.details());
        }

        /** 4-byte big-endian length (-1 for null) and the UTF-8 bytes; ASCII copied straight, anything else encoded. */
        private void field(String value) {
            if (value == null) {
                ensure(4);
                putInt(-1);
                return;
            }
            int n = value.length();
            ensure(4 + n);
            int at = length + 4;
            for (int i = 0; i < n; i++) {
                char c = value.charAt(i);
                if (c >= 0x80) {
                    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                    ensure(4 + bytes.length);
                    putInt(bytes.length);
                    System.arraycopy(bytes, 0, buffer, length, bytes.length);
                    length += bytes.length;
                    return;
                }
                buffer[at + i] = (byte) c;
            }
            putInt(n);
            length += n;
        }

        private void putInt(int v) {
            buffer[length] = (byte) (v >>> 24);
            buffer[length + 1] = (byte) (v >>> 16);
            buffer[length + 2] = (byte) (v >>> 8);
            buffer[length + 3] = (byte) v;
            length += 4;
        }

        private void ensure(int more) {
            if (length + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
            }
        }

        private static boolean lowerHex(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Whether {@code hex} is exactly the lower-case hex of {@code bytes} (null: no). */
    public static boolean hexEquals(String hex, byte[] bytes) {
        if (hex == null || hex.length() != 2 * bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (hex.charAt(2 * i) != DIGITS[(bytes[i] >> 4) & 0xf] || hex.charAt(2 * i + 1) != DIGITS[bytes[i] & 0xf]) {
                return false;
            }
        }
        return true;
    }

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();
}
