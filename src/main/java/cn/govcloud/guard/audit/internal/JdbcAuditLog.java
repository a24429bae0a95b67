package cn.govcloud.guard.audit.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditFeed;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditRecord;
import cn.govcloud.guard.audit.AuditResult;
import cn.govcloud.guard.shared.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * {@link AuditLog} on the hash chain: fills in who and from where when the caller leaves it to us
 * (the signed-in actor, the request's remote address; otherwise {@code anonymous} inside a request
 * and {@code system} outside one) and keeps each field within its column. Also the log's
 * {@link AuditFeed}: reading on from a sequence number.
 */
@Component
class JdbcAuditLog implements AuditLog, AuditFeed {
    static final int MAX_DETAILS = 4000;
    private final AuditChain chain;
    private final JdbcClient jdbc;

    JdbcAuditLog(AuditChain chain, JdbcClient jdbc) {
        this.chain = chain;
        this.jdbc = jdbc;
    }

    @Override
    public void record(AuditEvent event) {
        java.util.Objects.requireNonNull(event.action(), "an audit event needs an action");
        HttpServletRequest request = currentRequest();
        Actor actor = Actor.current().orElse(null);
        String who = event.actor() != null ? event.actor() : actor != null ? actor.username() : request != null ? "anonymous" : "system";
        String org = event.organisation() != null ? event.organisation() : actor != null ? actor.orgName() : null;
        String from = event.sourceAddress() != null ? event.sourceAddress() : request != null ? request.getRemoteAddr() : null;
        AuditResult result = event.result() == null ? AuditResult.SUCCESS : event.result();
        chain.append(cut(who, 200), cut(org, 200), cut(from, 64), cut(event.action(), 200), cut(event.target(), 1000),
                result.name(), cut(event.details(), MAX_DETAILS));
    }

    @Override
    public long countSince(Instant since) {
        return jdbc.sql("select count(*) from audit_record where occurred_at >= ?").param(since.atOffset(ZoneOffset.UTC))
                .query(Long.class).single();
    }

    @Override
    public List<AuditRecord> after(long afterId, int limit) {
        if (limit < 1 || limit > MAX_BATCH) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_BATCH + ", got " + limit);
        }
        return jdbc.sql("select id, occurred_at, actor, organisation, source_address, action, target, result, details, prev_hash, hash"
                        + " from audit_record where id > :after order by id limit " + limit)
                .param("after", afterId).query(AuditRecords::map).list();
    }

    @Override
    public long lastId() {
        return jdbc.sql("select last_id from audit_chain_head where id = 1").query(Long.class).single();
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs ? attrs.getRequest() : null;
    }

    /** Truncates to {@code max} chars without splitting a surrogate pair (the column counts characters). */
    static String cut(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
    }
}
