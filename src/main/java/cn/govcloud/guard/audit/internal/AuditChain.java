package cn.govcloud.guard.audit.internal;

import cn.govcloud.guard.audit.AuditRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends to the one SM3 chain (A7.4). The head row is locked for the append's own short
 * transaction, so threads and nodes sharing the database append one after another; the id and
 * the time are taken under that lock, so ids are gap-free and times never run backwards on a node.
 */
@Component
class AuditChain {
    private final JdbcClient jdbc;
    private final Clock clock;

    AuditChain(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record Head(long lastId, String lastHash) {
    }

    /** A new transaction even inside the caller's: the record stays when the caller's work rolls back. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public AuditRecord append(String actor, String organisation, String sourceAddress, String action, String target,
                              String result, String details) {
        Head head = jdbc.sql("select last_id, last_hash from audit_chain_head where id = 1 for update")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        AuditRecord record = new AuditRecord(head.lastId() + 1, now, actor, organisation, sourceAddress, action, target, result,
                details, null, null).chainedAfter(head.lastHash());
        jdbc.sql("""
                insert into audit_record (id, occurred_at, actor, organisation, source_address, action, target, result, details, prev_hash, hash)
                values (:id, :at, :actor, :org, :addr, :action, :target, :result, :details, :prev, :hash)""")
                .param("id", record.id()).param("at", now.atOffset(ZoneOffset.UTC)).param("actor", actor).param("org", organisation)
                .param("addr", sourceAddress).param("action", action).param("target", target).param("result", result)
                .param("details", details).param("prev", record.prevHash()).param("hash", record.hash())
                .update();
        jdbc.sql("update audit_chain_head set last_id = ?, last_hash = ? where id = 1").params(record.id(), record.hash()).update();
        return record;
    }

    Head head() {
        return jdbc.sql("select last_id, last_hash from audit_chain_head where id = 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
    }
}
