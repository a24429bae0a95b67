package cn.govcloud.guard.audit.internal;

import java.time.Clock;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Removes records older than the retention period (never under six calendar months and a day, A5.3), oldest first in
 * small batches, and only ever a prefix of the chain, so what remains still verifies from its first
 * record's prev_hash.
 */
@Component
class AuditRetention {
    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);
    static final int BATCH = 1000;
    private final JdbcClient jdbc;
    private final AuditSettings settings;
    private final Clock clock;

    AuditRetention(JdbcClient jdbc, AuditSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** @return how many records were removed */
    int purge() {
        var cutoff = settings.cutoff(clock.instant()).atOffset(ZoneOffset.UTC);
        // everything before the first record young enough to keep: a prefix, even if clocks of nodes differed slightly
        Long keepFrom = jdbc.sql("select min(id) from audit_record where occurred_at >= ?").param(cutoff).query(Long.class).optional()
                .orElse(null);
        // the head's own record always stays, so the chain never becomes empty and the head stays checkable
        long headId = jdbc.sql("select last_id from audit_chain_head where id = 1").query(Long.class).single();
        keepFrom = keepFrom == null ? headId : Math.min(keepFrom, headId);
        int removed = 0;
        while (true) {
            Long oldest = jdbc.sql("select min(id) from audit_record").query(Long.class).optional().orElse(null);
            if (oldest == null || oldest >= keepFrom) {
                break;
            }
            removed += jdbc.sql("delete from audit_record where id >= ? and id < ?").params(oldest, Math.min(keepFrom, oldest + BATCH)).update();
        }
        if (removed > 0) {
            log.info("Audit retention: removed {} records before {} (six calendar months and a day, or {} days when longer)", removed, cutoff,
                    settings.retentionDays());
        }
        return removed;
    }
}
