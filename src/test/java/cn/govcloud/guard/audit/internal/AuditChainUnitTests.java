package cn.govcloud.guard.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.govcloud.guard.audit.AuditAnchor;
import cn.govcloud.guard.audit.AuditRecord;
import cn.govcloud.guard.crypto.Sm2;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The SM3 chain and its checks without a database (A7.4), and the retention floor (A5.3). */
class AuditChainUnitTests {
    static final Sm2.KeyPair KEY = Sm2.generate();
    static final String KEY_ID = "k1";

    static List<AuditRecord> chain(int n) {
        List<AuditRecord> out = new ArrayList<>();
        String prev = AuditRecord.GENESIS_HASH;
        for (int i = 1; i <= n; i++) {
            AuditRecord r = new AuditRecord(i, Instant.parse("2026-11-24T01:00:00.123456Z").plusSeconds(i), "auditor", "市大数据中心",
                    "10.0.0." + i, "test.action", "thing:" + i, "SUCCESS", i % 2 == 0 ? null : "详情 " + i, null, null).chainedAfter(prev);
            out.add(r);
            prev = r.hash();
        }
        return out;
    }

    static AuditAnchor anchor(LocalDate day, AuditRecord last) {
        byte[] sig = Sm2.sign(KEY.privateKey(), AuditAnchor.signedMessage(day, last.id(), last.hash()));
        return new AuditAnchor(day, last.id(), last.hash(), KEY_ID, HexFormat.of().formatHex(sig), day.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
    }

    static ChainCheck.Result check(List<AuditRecord> records, List<AuditAnchor> anchors) {
        ChainCheck check = new ChainCheck(anchors, id -> KEY_ID.equals(id) ? Optional.of(KEY.publicKey()) : Optional.empty(), null);
        for (AuditRecord r : records) {
            if (!check.accept(r)) {
                break;
            }
        }
        return check.finish(null, null);
    }

    static AuditRecord withDetails(AuditRecord r, String details) {
        return new AuditRecord(r.id(), r.occurredAt(), r.actor(), r.organisation(), r.sourceAddress(), r.action(), r.target(), r.result(),
                details, r.prevHash(), r.hash());
    }

    @Test
    void eachHashCoversThePreviousHashAndEveryFieldA74() {
        List<AuditRecord> records = chain(3);
        assertThat(records.get(0).prevHash()).isEqualTo(AuditRecord.GENESIS_HASH);
        assertThat(records.get(1).prevHash()).isEqualTo(records.get(0).hash());
        assertThat(records.get(2).hash()).hasSize(64).isEqualTo(records.get(2).computeHash());
        assertThat(check(records, List.of(anchor(LocalDate.of(2026, 11, 24), records.get(2)))))
                .extracting(ChainCheck.Result::valid, ChainCheck.Result::records, ChainCheck.Result::anchorsChecked)
                .containsExactly(true, 3L, 1);
    }

    @Test
    void canonicalEncodingTellsNullFromEmptyAndCountsMicrosecondsA74() {
        AuditRecord a = chain(2).get(1);
        assertThat(a.details()).isNull();
        assertThat(withDetails(a, "").computeHash()).isNotEqualTo(a.hash());
        AuditRecord later = new AuditRecord(a.id(), a.occurredAt().plusNanos(1000), a.actor(), a.organisation(), a.sourceAddress(),
                a.action(), a.target(), a.result(), a.details(), a.prevHash(), a.hash());
        assertThat(later.computeHash()).isNotEqualTo(a.hash());
        // "ab"+"c" and "a"+"bc" in adjacent fields must not collide: the length prefixes keep them apart
        AuditRecord x = new AuditRecord(1, a.occurredAt(), "ab", "c", null, "act", null, "SUCCESS", null, AuditRecord.GENESIS_HASH, null);
        AuditRecord y = new AuditRecord(1, a.occurredAt(), "a", "bc", null, "act", null, "SUCCESS", null, AuditRecord.GENESIS_HASH, null);
        assertThat(x.computeHash()).isNotEqualTo(y.computeHash());
        assertThat(AuditRecord.epochMicros(Instant.parse("1970-01-01T00:00:01.000002Z"))).isEqualTo(1_000_002L);
    }

    @Test
    void anAlteredRecordIsNamedByItsIdA74() {
        List<AuditRecord> records = chain(5);
        records.set(2, withDetails(records.get(2), "changed"));
        assertThat(check(records, List.of())).extracting(ChainCheck.Result::valid, ChainCheck.Result::firstInvalid).containsExactly(false, 3L);
    }

    @Test
    void aRemovedOrReorderedRecordBreaksTheChainA74() {
        List<AuditRecord> records = chain(5);
        records.remove(3);
        assertThat(check(records, List.of()).firstInvalid()).isEqualTo(4L);
        List<AuditRecord> rechained = chain(5);
        AuditRecord forged = withDetails(rechained.get(1), "x").chainedAfter("1".repeat(64));
        rechained.set(1, forged);
        assertThat(check(rechained, List.of()).firstInvalid()).isEqualTo(2L);
    }

    @Test
    void aRewrittenChainIsCaughtByTheSignedAnchorA74() {
        List<AuditRecord> records = chain(4);
        AuditAnchor signed = anchor(LocalDate.of(2026, 11, 24), records.get(3));
        // an attacker with database access re-chains everything after changing record 2; only the anchor still knows
        List<AuditRecord> rewritten = new ArrayList<>(records.subList(0, 1));
        for (int i = 1; i < 4; i++) {
            rewritten.add(withDetails(records.get(i), i == 1 ? "forged" : records.get(i).details()).chainedAfter(rewritten.get(i - 1).hash()));
        }
        assertThat(check(rewritten, List.of()).valid()).isTrue();
        assertThat(check(rewritten, List.of(signed))).extracting(ChainCheck.Result::valid, ChainCheck.Result::firstInvalid)
                .containsExactly(false, 4L);
    }

    @Test
    void aForgedAnchorSignatureIsRefusedA74() {
        List<AuditRecord> records = chain(2);
        AuditAnchor good = anchor(LocalDate.of(2026, 11, 24), records.get(1));
        AuditAnchor otherDay = new AuditAnchor(good.day().plusDays(1), good.lastId(), good.lastHash(), KEY_ID, good.signature(), good.signedAt());
        assertThat(check(records, List.of(otherDay)).valid()).isFalse();
        AuditAnchor unknownKey = new AuditAnchor(good.day(), good.lastId(), good.lastHash(), "k2", good.signature(), good.signedAt());
        assertThat(check(records, List.of(unknownKey)).valid()).isFalse();
    }

    @Test
    void aChainWhoseOldestRecordsRetentionRemovedStillVerifiesWithItsAnchorsA53() {
        List<AuditRecord> records = chain(6);
        AuditAnchor old = anchor(LocalDate.of(2026, 5, 1), records.get(1));
        AuditAnchor recent = anchor(LocalDate.of(2026, 11, 24), records.get(5));
        ChainCheck check = new ChainCheck(List.of(old, recent), id -> Optional.of(KEY.publicKey()), LocalDate.of(2026, 6, 1));
        records.subList(2, 6).forEach(check::accept);
        ChainCheck.Result result = check.finish(6L, records.get(5).hash());
        assertThat(result).extracting(ChainCheck.Result::valid, ChainCheck.Result::records, ChainCheck.Result::anchorsChecked)
                .containsExactly(true, 4L, 2);
    }

    @Test
    void recordsRemovedBeforeTheirRetentionEndedAreReportedA53() {
        List<AuditRecord> records = chain(6);
        AuditAnchor young = anchor(LocalDate.of(2026, 11, 20), records.get(1));
        ChainCheck check = new ChainCheck(List.of(young), id -> Optional.of(KEY.publicKey()), LocalDate.of(2026, 6, 1));
        records.subList(2, 6).forEach(check::accept);
        assertThat(check.finish(6L, records.get(5).hash())).extracting(ChainCheck.Result::valid, ChainCheck.Result::firstInvalid)
                .containsExactly(false, 2L);
    }

    @Test
    void aMissingTailIsCaughtByTheChainHeadA74() {
        List<AuditRecord> records = chain(3);
        ChainCheck check = new ChainCheck(List.of(), id -> Optional.empty(), null);
        records.subList(0, 2).forEach(check::accept);
        assertThat(check.finish(3L, records.get(2).hash()).firstInvalid()).isEqualTo(3L);
    }

    @Test
    void retentionBelowSixMonthsRefusesToStartA53() {
        assertThatThrownBy(() -> AuditSettings.from(new MockEnvironment().withProperty("govguard.audit.retention-days", "179")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("180").hasMessageContaining("A5.3");
        assertThat(AuditSettings.from(new MockEnvironment()).retentionDays()).isEqualTo(180);
        assertThat(AuditSettings.from(new MockEnvironment().withProperty("govguard.audit.retention-days", "365")).retentionDays()).isEqualTo(365);
    }

    @Test
    void longFieldsAreCutWithoutSplittingACharacter() {
        assertThat(JdbcAuditLog.cut("a".repeat(5000), 4000)).hasSize(4000);
        assertThat(JdbcAuditLog.cut("a".repeat(3999) + "😀", 4000)).hasSize(3999);
        assertThat(JdbcAuditLog.cut(null, 10)).isNull();
    }
}
