package cn.govcloud.guard.audit.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.core.env.Environment;

/**
 * {@code govguard.audit.retention-days} and the city's zone ({@code TimeConfiguration.CITY_ZONE}). The Measures
 * demand the log be kept at least six months (A5.3), so a retention below 180 days is a
 * configuration error that stops the start, not a choice. The checkpoint settings (A7.4): how often
 * the head is signed, and the file and syslog target the signed checkpoints are copied to.
 */
record AuditSettings(int retentionDays, ZoneId zone, Duration checkpointInterval, Optional<Path> checkpointFile,
                     Optional<SyslogTarget> checkpointSyslog) {
    static final int MINIMUM_RETENTION_DAYS = 180;

    record SyslogTarget(String host, int port) {
        static SyslogTarget parse(String value) {
            int colon = value.lastIndexOf(':');
            try {
                return colon < 0 ? new SyslogTarget(value.strip(), 514)
                        : new SyslogTarget(value.substring(0, colon).strip(), Integer.parseInt(value.substring(colon + 1).strip()));
            } catch (NumberFormatException e) {
                throw new IllegalStateException("govguard.audit.checkpoint-syslog must be host or host:port, not " + value);
            }
        }
    }

    AuditSettings(int retentionDays, ZoneId zone) {
        this(retentionDays, zone, Duration.ofMinutes(5), Optional.empty(), Optional.empty());
    }

    AuditSettings {
        if (retentionDays < MINIMUM_RETENTION_DAYS) {
            throw new IllegalStateException("govguard.audit.retention-days is " + retentionDays
                    + ", but audit records must be kept at least " + MINIMUM_RETENTION_DAYS
                    + " days (A5.3); set GOVGUARD_AUDIT_RETENTION_DAYS to 180 or more.");
        }
        if (checkpointInterval.isNegative() || checkpointInterval.isZero() || checkpointInterval.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalStateException("govguard.audit.checkpoint-interval is " + checkpointInterval
                    + "; it must be between a second and an hour (PT5M by default), so little is at risk between checkpoints (A7.4).");
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
        String file = env.getProperty("govguard.audit.checkpoint-file", "");
        String syslog = env.getProperty("govguard.audit.checkpoint-syslog", "");
        return new AuditSettings(env.getProperty("govguard.audit.retention-days", Integer.class, MINIMUM_RETENTION_DAYS),
                cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE,
                env.getProperty("govguard.audit.checkpoint-interval", Duration.class, Duration.ofMinutes(5)),
                file.isBlank() ? Optional.empty() : Optional.of(Path.of(file.strip())),
                syslog.isBlank() ? Optional.empty() : Optional.of(SyslogTarget.parse(syslog)));
    }
}
