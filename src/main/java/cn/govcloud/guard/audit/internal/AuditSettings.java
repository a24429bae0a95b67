package cn.govcloud.guard.audit.internal;

import java.time.ZoneId;
import org.springframework.core.env.Environment;

/**
 * {@code govguard.audit.retention-days} and the platform's zone ({@code govguard.zone}). The Measures
 * demand the log be kept at least six months (A5.3), so a retention below 180 days is a
 * configuration error that stops the start, not a choice.
 */
record AuditSettings(int retentionDays, ZoneId zone) {
    static final int MINIMUM_RETENTION_DAYS = 180;

    AuditSettings {
        if (retentionDays < MINIMUM_RETENTION_DAYS) {
            throw new IllegalStateException("govguard.audit.retention-days is " + retentionDays
                    + ", but audit records must be kept at least " + MINIMUM_RETENTION_DAYS
                    + " days (A5.3); set GOVGUARD_AUDIT_RETENTION_DAYS to 180 or more.");
        }
    }

    static AuditSettings from(Environment env) {
        return new AuditSettings(env.getProperty("govguard.audit.retention-days", Integer.class, MINIMUM_RETENTION_DAYS),
                ZoneId.of(env.getProperty("govguard.zone", "Asia/Shanghai")));
    }
}
