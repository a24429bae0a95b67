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

    /**
     * Records before this instant may go. A5.3 says "不少于六个月" — calendar months, and 180 days is shorter than six months
     * most of the year (issue 17 point 12) — so the cutoff is the start of the day six calendar months and a day ago in the
     * platform's zone, or the configured days when they reach further back: no record younger than six months and a day is
     * ever removed.
     */
    java.time.Instant cutoff(java.time.Instant now) {
        java.time.Instant byDays = now.minus(java.time.Duration.ofDays(retentionDays));
        java.time.Instant byMonths = java.time.LocalDate.ofInstant(now, zone).minusMonths(6).minusDays(1).atStartOfDay(zone).toInstant();
        return byDays.isBefore(byMonths) ? byDays : byMonths;
    }

    /** The first day whose records must all still be there (one day's slack for the purge's timing), for the chain check. */
    java.time.LocalDate keptSince(java.time.LocalDate today) {
        java.time.LocalDate byDays = today.minusDays(retentionDays - 1L);
        java.time.LocalDate byMonths = today.minusMonths(6);
        return byDays.isBefore(byMonths) ? byDays : byMonths;
    }

    static AuditSettings from(Environment env) {
        return new AuditSettings(env.getProperty("govguard.audit.retention-days", Integer.class, MINIMUM_RETENTION_DAYS),
                ZoneId.of(env.getProperty("govguard.zone", "Asia/Shanghai")));
    }
}
