package cn.govcloud.guard.siem.internal;

import java.net.InetAddress;
import cn.govcloud.guard.shared.Backoff;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code govguard.siem.*}: how the operation log is streamed to SIEM destinations. The destinations themselves
 * are data, configured by the security administrator; these are the platform-wide mechanics.
 *
 * @param pollInterval   how often the scheduler looks for records to send (one node at a time)
 * @param batchSize      records per syslog connection or webhook POST; the cursor moves once per acknowledged batch
 * @param batchesPerRun  at most this many batches per destination and run, so one far-behind destination cannot hold the task
 * @param lease          how long a node's claim on a destination stands if that node dies mid-send
 * @param connectTimeout TCP / HTTP connection timeout
 * @param requestTimeout socket read / HTTP answer timeout
 * @param firstRetry     the wait after the first failure; doubled after each further failure up to {@code maxRetry}
 * @param maxRetry       the longest wait between attempts while a destination is down
 * @param hostname       the syslog HOSTNAME field; blank: this node's host name
 * @param appName        the syslog APP-NAME field
 * @param enterpriseId   the private enterprise number in the SD-ID {@code govguard@<number>} (RFC 5424 §7.2.2);
 *                       32473 is the number RFC 5612 reserves for documentation — use your organisation's own
 * @param facility       the syslog facility (default 10, security/authorization messages: {@code authpriv})
 */
@ConfigurationProperties("govguard.siem")
public record SiemSettings(Duration pollInterval, int batchSize, int batchesPerRun, Duration lease, Duration connectTimeout,
                           Duration requestTimeout, Duration firstRetry, Duration maxRetry, String hostname, String appName,
                           String enterpriseId, Integer facility) {

    public SiemSettings {
        pollInterval = positive(pollInterval, Duration.ofSeconds(5));
        batchSize = batchSize <= 0 ? 200 : Math.min(batchSize, cn.govcloud.guard.audit.AuditFeed.MAX_BATCH);
        batchesPerRun = batchesPerRun <= 0 ? 25 : batchesPerRun;
        lease = positive(lease, Duration.ofMinutes(2));
        connectTimeout = positive(connectTimeout, Duration.ofSeconds(5));
        requestTimeout = positive(requestTimeout, Duration.ofSeconds(10));
        if (lease.compareTo(connectTimeout.plus(requestTimeout).multipliedBy(2)) <= 0) {
            throw new IllegalStateException("govguard.siem.lease must be longer than twice connect-timeout + request-timeout");
        }
        firstRetry = positive(firstRetry, Duration.ofSeconds(15));
        maxRetry = positive(maxRetry, Duration.ofMinutes(10));
        hostname = hostname == null || hostname.isBlank() ? localHost() : hostname.strip();
        appName = appName == null || appName.isBlank() ? "govcloud-guard" : appName.strip();
        enterpriseId = enterpriseId == null || enterpriseId.isBlank() ? "32473" : enterpriseId.strip();
        if (!enterpriseId.matches("[0-9]+(\\.[0-9]+)*")) {
            throw new IllegalStateException("govguard.siem.enterprise-id must be a private enterprise number such as 32473, got " + enterpriseId);
        }
        facility = facility == null ? 10 : facility;
        if (facility < 0 || facility > 23) {
            throw new IllegalStateException("govguard.siem.facility must be 0..23, got " + facility);
        }
    }

    /** The SD-ID of the platform's structured data. */
    public String sdId() {
        return "govguard@" + enterpriseId;
    }

    /** The wait after {@code failures} failures in a row. */
    Duration retryAfter(int failures) {
        return new Backoff(firstRetry, maxRetry).after(failures);
    }

    private static Duration positive(Duration d, Duration otherwise) {
        return Backoff.positive("govguard.siem", d, otherwise);
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "govcloud-guard";
        }
    }
}
