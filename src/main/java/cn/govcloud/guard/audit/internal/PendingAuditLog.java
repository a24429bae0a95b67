package cn.govcloud.guard.audit.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** TEMPORARY stand-in until the hash-chained audit log lands; the audit work deletes this file. */
@Component
class PendingAuditLog implements AuditLog {
    @Override
    public void record(AuditEvent event) {
    }

    @Override
    public long countSince(Instant since) {
        return 0;
    }
}
