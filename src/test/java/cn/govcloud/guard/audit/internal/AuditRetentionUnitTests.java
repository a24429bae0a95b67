package cn.govcloud.guard.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.audit.AuditAnchor;
import cn.govcloud.guard.crypto.Sm2;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Retention on a private in-memory database (A5.3): old records go, oldest first, and what is left still verifies. */
class AuditRetentionUnitTests {
    static final Instant NOW = Instant.parse("2026-11-25T04:00:00Z");
    static final cn.govcloud.guard.crypto.LogMac MAC = message -> cn.govcloud.guard.crypto.Sm3.hmac(new byte[16], message);
    static final AuditSettings SETTINGS = new AuditSettings(180, ZoneId.of("Asia/Shanghai"));
    DriverManagerDataSource db;
    JdbcClient jdbc;

    @BeforeEach
    void freshDatabase() {
        db = new DriverManagerDataSource("jdbc:h2:mem:retention-" + System.nanoTime() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(db).locations("classpath:db/migration/audit").load().migrate();
        jdbc = JdbcClient.create(db);
    }

    void appendAt(Instant at, int count) {
        AuditChain chain = new AuditChain(db, jdbc, MAC, Clock.fixed(at, ZoneOffset.UTC));
        for (int i = 0; i < count; i++) {
            chain.append("system", null, null, "test.retention", "thing:" + i, "SUCCESS", null);
        }
    }

    ChainCheck.Result verify(List<AuditAnchor> anchors, Sm2.KeyPair key) {
        AuditRecords records = new AuditRecords(jdbc, db, new DataSourceTransactionManager(db));
        AuditChain.Head head = new AuditChain(db, jdbc, MAC, Clock.systemUTC()).head();
        ChainCheck check = new ChainCheck(anchors, id -> Optional.of(key.publicKey()), LocalDate.of(2026, 5, 30));
        records.streamUpTo(head.lastId(), (record, mac) -> check.accept(record, mac));
        return check.finish(head.lastId(), head.lastHash());
    }

    @Test
    void recordsPastTheRetentionPeriodAreRemovedAndTheRestStillVerifiesA53() {
        appendAt(NOW.minus(Duration.ofDays(400)), 1200); // more than one batch
        appendAt(NOW.minus(Duration.ofDays(10)), 3);
        Sm2.KeyPair key = Sm2.generate();
        long oldLast = 1200;
        String oldHash = jdbc.sql("select hash from audit_record where id = 1200").query(String.class).single();
        LocalDate oldDay = LocalDate.of(2025, 10, 21);
        AuditAnchor oldAnchor = new AuditAnchor(oldDay, oldLast, oldHash, "k", java.util.HexFormat.of().formatHex(
                Sm2.sign(key.privateKey(), AuditAnchor.signedMessage(oldDay, oldLast, oldHash))), NOW);

        int removed = new AuditRetention(jdbc, SETTINGS, Clock.fixed(NOW, ZoneOffset.UTC)).purge();

        assertThat(removed).isEqualTo(1200);
        assertThat(jdbc.sql("select min(id) from audit_record").query(Long.class).single()).isEqualTo(1201);
        ChainCheck.Result result = verify(List.of(oldAnchor), key);
        assertThat(result).extracting(ChainCheck.Result::valid, ChainCheck.Result::records, ChainCheck.Result::anchorsChecked)
                .containsExactly(true, 3L, 1);
    }

    /** Issue 17 point 12: 31 August − 180 days is 4 March, but six calendar months and a day reach back to 27 February. */
    @Test
    void A5_3_retentionIsSixCalendarMonthsAndADay_notOneHundredEightyDays() {
        Instant now = Instant.parse("2026-08-31T04:00:00Z");
        appendAt(Instant.parse("2026-02-26T12:00:00Z"), 2); // older than six months and a day: may go
        appendAt(Instant.parse("2026-02-27T01:00:00Z"), 3); // 27 February in Baotou: younger than six months and a day, 187 days old
        appendAt(Instant.parse("2026-08-30T01:00:00Z"), 1);
        int removed = new AuditRetention(jdbc, SETTINGS, Clock.fixed(now, ZoneOffset.UTC)).purge();
        assertThat(removed).isEqualTo(2);
        assertThat(jdbc.sql("select min(id) from audit_record").query(Long.class).single()).isEqualTo(3L);
        assertThat(SETTINGS.cutoff(now)).isEqualTo(Instant.parse("2026-02-26T16:00:00Z"));
        assertThat(SETTINGS.keptSince(LocalDate.of(2026, 8, 31))).isEqualTo(LocalDate.of(2026, 2, 28));
        // a longer configured retention reaches further back
        assertThat(new AuditSettings(400, ZoneId.of("Asia/Shanghai")).cutoff(now)).isEqualTo(now.minus(Duration.ofDays(400)));
    }

    @Test
    void theHeadRecordStaysEvenWhenEverythingIsOldA53() {
        appendAt(NOW.minus(Duration.ofDays(200)), 5);
        new AuditRetention(jdbc, SETTINGS, Clock.fixed(NOW, ZoneOffset.UTC)).purge();
        assertThat(jdbc.sql("select id from audit_record").query(Long.class).list()).containsExactly(5L);
        assertThat(verify(List.of(), Sm2.generate()).valid()).isTrue();
    }

    @Test
    void nothingYoungerThanTheRetentionPeriodIsRemovedA53() {
        appendAt(NOW.minus(Duration.ofDays(179)), 4);
        assertThat(new AuditRetention(jdbc, SETTINGS, Clock.fixed(NOW, ZoneOffset.UTC)).purge()).isZero();
        assertThat(jdbc.sql("select count(*) from audit_record").query(Long.class).single()).isEqualTo(4);
    }
}
