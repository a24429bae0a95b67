package cn.govcloud.guard.audit.internal;

import cn.govcloud.guard.audit.AuditAnchor;
import cn.govcloud.guard.crypto.SigningKeys;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Daily SM2-signed anchors (A7.4): where the chain stood at the end of each day in Asia/Shanghai.
 * Catch-up anchors every day since the last anchor, so a node down over a weekend leaves no hole;
 * the day's primary key makes two nodes anchoring at once harmless.
 */
@Component
public class AuditAnchors {
    private static final Logger log = LoggerFactory.getLogger(AuditAnchors.class);
    private final JdbcClient jdbc;
    private final SigningKeys signingKeys;
    private final AuditSettings settings;
    private final Clock clock;

    AuditAnchors(JdbcClient jdbc, SigningKeys signingKeys, AuditSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.signingKeys = signingKeys;
        this.settings = settings;
        this.clock = clock;
    }

    /** Anchors every day up to and including {@code lastDay} not yet anchored, from the first day with records. @return how many */
    public int anchorThrough(LocalDate lastDay) {
        LocalDate day = jdbc.sql("select max(anchor_day) from audit_anchor").query(LocalDate.class).optional()
                .map(d -> d.plusDays(1))
                .orElseGet(() -> jdbc.sql("select min(occurred_at) from audit_record").query(OffsetDateTime.class).optional()
                        .map(t -> t.atZoneSameInstant(settings.zone()).toLocalDate()).orElse(null));
        int made = 0;
        for (; day != null && !day.isAfter(lastDay); day = day.plusDays(1)) {
            made += anchor(day) ? 1 : 0;
        }
        return made;
    }

    /** Yesterday and before: the days that are over. */
    public int anchorCompletedDays() {
        return anchorThrough(LocalDate.now(clock.withZone(settings.zone())).minusDays(1));
    }

    private boolean anchor(LocalDate day) {
        OffsetDateTime end = day.plusDays(1).atStartOfDay(settings.zone()).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        var last = jdbc.sql("select id, hash from audit_record where id = (select max(id) from audit_record where occurred_at < ?)")
                .param(end).query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).optional()
                .orElse(new Object[] {0L, cn.govcloud.guard.audit.AuditRecord.GENESIS_HASH});
        long lastId = (Long) last[0];
        String lastHash = (String) last[1];
        String keyId = signingKeys.currentKeyId();
        String signature = HexFormat.of().formatHex(signingKeys.sign(AuditAnchor.signedMessage(day, lastId, lastHash)));
        try {
            jdbc.sql("insert into audit_anchor (anchor_day, last_id, last_hash, key_id, signature, signed_at) values (?,?,?,?,?,?)")
                    .params(day, lastId, lastHash, keyId, signature, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                    .update();
            log.info("Audit anchor for {}: record {} signed with key {}", day, lastId, keyId);
            return true;
        } catch (DuplicateKeyException anotherNode) {
            return false;
        }
    }

    public List<AuditAnchor> all() {
        return jdbc.sql("select anchor_day, last_id, last_hash, key_id, signature, signed_at from audit_anchor order by anchor_day").query(AuditAnchors::map).list();
    }

    /** Anchors naming a record in {@code [firstId, lastId]}: those an export of that range can fully check. */
    public List<AuditAnchor> naming(long firstId, long lastId) {
        return jdbc.sql("select anchor_day, last_id, last_hash, key_id, signature, signed_at from audit_anchor where last_id between ? and ? order by anchor_day")
                .params(firstId, lastId).query(AuditAnchors::map).list();
    }

    private static AuditAnchor map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new AuditAnchor(rs.getObject("anchor_day", LocalDate.class), rs.getLong("last_id"), rs.getString("last_hash"), rs.getString("key_id"),
                rs.getString("signature"), rs.getObject("signed_at", OffsetDateTime.class).toInstant());
    }
}
