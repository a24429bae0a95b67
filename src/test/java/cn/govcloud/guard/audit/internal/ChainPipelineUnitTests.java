package cn.govcloud.guard.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.govcloud.guard.audit.AuditRecord;
import cn.govcloud.guard.crypto.Sm3;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: verification recomputes each record's hash and MAC on all cores ({@link ChainPipeline}) and
 * encodes records with a reusable {@link AuditRecord.Hasher}; neither may change what is checked (A7.4): the
 * same bytes, the same hashes, and on any tampering the same first affected record and reason as the
 * one-thread check.
 */
class ChainPipelineUnitTests {
    private static final byte[] MAC_KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private static final BiFunction<Long, String, String> MAC =
            (id, hash) -> HexFormat.of().formatHex(Sm3.hmac(MAC_KEY, ("record|" + id + "|" + hash).getBytes(StandardCharsets.UTF_8)));
    private static final int N = 3 * ChainPipeline.BATCH + 17;

    /** The canonical form as it was written before issue 19, kept here as the reference the new encoder must equal. */
    private static byte[] referenceCanonical(AuditRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String value : new String[] {"govguard-audit-record/1", Long.toString(r.id()), Long.toString(AuditRecord.epochMicros(r.occurredAt())),
                r.actor(), r.organisation(), r.sourceAddress(), r.action(), r.target(), r.result(), r.details()}) {
            if (value == null) {
                out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            } else {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
                out.writeBytes(bytes);
            }
        }
        return out.toByteArray();
    }

    @Test
    void theReusableEncoderWritesTheSameBytesAndHashesAsBeforeA74() {
        String[] texts = {null, "", "a", "市大数据中心", "emoji 😀 and text", "unpaired \ud800 surrogate", "x".repeat(3000), "ascii then 中"};
        AuditRecord.Hasher hasher = new AuditRecord.Hasher();
        String prev = AuditRecord.GENESIS_HASH;
        for (int i = 0; i < texts.length * texts.length; i++) {
            AuditRecord r = new AuditRecord(i + 1, Instant.parse("2026-12-07T01:02:03.456789Z").plusSeconds(i), texts[i % texts.length],
                    texts[(i / texts.length) % texts.length], "10.0.0.1", "act", texts[(i + 3) % texts.length], "SUCCESS",
                    texts[(i * 7) % texts.length], i % 3 == 0 ? prev.toUpperCase() : prev, null);
            byte[] reference = referenceCanonical(r);
            assertThat(r.canonical()).isEqualTo(reference);
            String expected = HexFormat.of().formatHex(Sm3.digest(HexFormat.of().parseHex(r.prevHash()), reference));
            assertThat(r.computeHash()).isEqualTo(expected);
            AuditRecord stored = r.chainedAfter(r.prevHash());
            assertThat(stored.hash()).isEqualTo(expected);
            assertThat(hasher.matches(stored)).isTrue();
            assertThat(hasher.matches(withHash(stored, expected.toUpperCase()))).isFalse(); // compared as the lower-case hex stored
            prev = stored.hash();
        }
        assertThatThrownBy(() -> hasher.matches(withPrev(chain().get(0), "zz"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(hasher.matches(chain().get(0))).isTrue(); // and the hasher is not left half-way
    }

    @Test
    void aValidChainVerifiesAlikeOnOneThreadAndOnManyA74() {
        List<AuditRecord> records = chain();
        assertThat(run(records, macs(records), 0).valid()).isTrue();
        for (int threads : new int[] {1, 2, 4}) {
            assertThat(run(records, macs(records), threads)).isEqualTo(run(records, macs(records), 0));
        }
    }

    @Test
    void everyTamperingIsNamedAtTheSameRecordWithTheSameReasonOnManyThreadsA74() {
        List<AuditRecord> clean = chain();
        int b = ChainPipeline.BATCH;
        for (int at : new int[] {0, 1, b - 1, b, b + 1, 2 * b + 5, N - 1}) {
            List<UnaryOperator<List<Object[]>>> tamperings = List.of(
                    rows -> set(rows, at, withDetails((AuditRecord) rows.get(at)[0], "changed")),
                    rows -> {
                        rows.remove(at);
                        return rows;
                    },
                    rows -> set(rows, at, withPrev((AuditRecord) rows.get(at)[0], "f".repeat(64))),
                    rows -> set(rows, at, withPrev((AuditRecord) rows.get(at)[0], "not hex")),
                    rows -> {
                        rows.get(at)[1] = "00".repeat(32);
                        return rows;
                    },
                    rows -> {
                        rows.get(at)[1] = null;
                        return rows;
                    },
                    rows -> { // a superuser's rewrite from here on: every SM3 hash recomputed, the MACs not
                        String prev = at == 0 ? AuditRecord.GENESIS_HASH : ((AuditRecord) rows.get(at - 1)[0]).hash();
                        for (int i = at; i < rows.size(); i++) {
                            AuditRecord r = withDetails((AuditRecord) rows.get(i)[0], "rewritten").chainedAfter(prev);
                            rows.get(i)[0] = r;
                            prev = r.hash();
                        }
                        return rows;
                    });
            for (UnaryOperator<List<Object[]>> tamper : tamperings) {
                List<Object[]> rows = new ArrayList<>();
                List<String> macs = macs(clean);
                for (int i = 0; i < clean.size(); i++) {
                    rows.add(new Object[] {clean.get(i), macs.get(i)});
                }
                rows = tamper.apply(rows);
                List<AuditRecord> rs = rows.stream().map(r -> (AuditRecord) r[0]).toList();
                List<String> ms = rows.stream().map(r -> (String) r[1]).toList();
                Object expected = outcome(rs, ms, 0);
                assertThat(expected).isInstanceOf(ChainCheck.Result.class);
                for (int threads : new int[] {1, 2, 3}) {
                    assertThat(outcome(rs, ms, threads)).as("tampering at %d on %d threads", at, threads).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void whatRecomputingThrowsIsThrownAtTheRecordsTurnAsBeforeA74() {
        List<AuditRecord> records = new ArrayList<>(chain().subList(5, N)); // a slice: its first prev_hash taken as given
        records.set(0, withPrev(records.get(0), "zz"));
        for (int threads : new int[] {0, 1, 2}) {
            assertThatThrownBy(() -> run(records, macs(records), threads)).isInstanceOf(IllegalArgumentException.class);
        }
        // a later malformed prev_hash breaks the link first: reported, not thrown, on one thread as on many
        List<AuditRecord> later = new ArrayList<>(chain());
        later.set(N - 3, withPrev(later.get(N - 3), "zz"));
        assertThat(outcome(later, macs(later), 2)).isEqualTo(outcome(later, macs(later), 0));
        assertThat(((ChainCheck.Result) outcome(later, macs(later), 0)).firstInvalid()).isEqualTo((long) N - 2);
    }

    /** The result, or the class of what was thrown. */
    private static Object outcome(List<AuditRecord> records, List<String> macs, int threads) {
        try {
            return run(records, macs, threads);
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }

    /** threads 0: the one-thread check as before; otherwise through a pipeline of that many workers. */
    private static ChainCheck.Result run(List<AuditRecord> records, List<String> macs, int threads) {
        AuditRecord middle = records.get(records.size() / 2);
        ChainCheck check = new ChainCheck(List.of(AuditChainUnitTests.anchor(LocalDate.of(2026, 12, 7), middle)),
                id -> AuditChainUnitTests.KEY_ID.equals(id) ? Optional.of(AuditChainUnitTests.KEY.publicKey()) : Optional.empty(), null)
                .keyed(3, MAC);
        if (threads == 0) {
            for (int i = 0; i < records.size(); i++) {
                if (!check.accept(records.get(i), macs.get(i))) {
                    break;
                }
            }
        } else {
            try (ChainPipeline pipeline = new ChainPipeline(check, threads)) {
                for (int i = 0; i < records.size(); i++) {
                    if (!pipeline.offer(records.get(i), macs.get(i))) {
                        break;
                    }
                }
                pipeline.drain();
            }
        }
        return check.finish((long) N, null);
    }

    private static List<AuditRecord> chain() {
        return AuditChainUnitTests.chain(N);
    }

    private static List<String> macs(List<AuditRecord> records) {
        return records.stream().map(r -> MAC.apply(r.id(), r.hash())).toList();
    }

    private static List<Object[]> set(List<Object[]> rows, int at, AuditRecord r) {
        rows.get(at)[0] = r;
        return rows;
    }

    private static AuditRecord withDetails(AuditRecord r, String details) {
        return AuditChainUnitTests.withDetails(r, details);
    }

    private static AuditRecord withPrev(AuditRecord r, String prev) {
        return new AuditRecord(r.id(), r.occurredAt(), r.actor(), r.organisation(), r.sourceAddress(), r.action(), r.target(), r.result(),
                r.details(), prev, r.hash());
    }

    private static AuditRecord withHash(AuditRecord r, String hash) {
        return new AuditRecord(r.id(), r.occurredAt(), r.actor(), r.organisation(), r.sourceAddress(), r.action(), r.target(), r.result(),
                r.details(), r.prevHash(), hash);
    }
}
