package cn.govcloud.guard.notify.delivery;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code govguard.notify.delivery.*}: how external deliveries are retried and sent (A10.1).
 *
 * @param retryDelays    the waits before the 2nd, 3rd, … attempt; a delivery that still fails after
 *                       {@code retryDelays.size() + 1} attempts is FAILED (default 1 min, 5 min, 30 min: 4 attempts)
 * @param pollInterval   how often every node looks for due deliveries (besides right after a dispatch commits)
 * @param batchSize      at most this many deliveries per poll and node
 * @param lease          how long a claimed delivery is left to its node before another may try it (a node died mid-send)
 * @param connectTimeout webhook connection timeout
 * @param requestTimeout webhook response timeout
 * @param mailFrom       the From address of e-mails
 * @param baseUrl        the platform's public address, e.g. {@code https://guard.example.gov.cn}: every link in a message
 *                       is absolute, built from it, so a tap on a phone opens the page (issue 22 point 8); blank means
 *                       {@link #DEFAULT_BASE_URL}, the embedded server on this machine — set it in every deployment
 * @param allowedHosts   when not empty, webhooks may only go to these hosts or their subdomains (e.g.
 *                       {@code oapi.dingtalk.com, qyapi.weixin.qq.com, open.feishu.cn}), so a channel cannot make the
 *                       platform post to an internal address; empty allows any host
 */
@ConfigurationProperties("govguard.notify.delivery")
public record DeliverySettings(List<Duration> retryDelays, Duration pollInterval, int batchSize, Duration lease,
                               Duration connectTimeout, Duration requestTimeout, String mailFrom, String baseUrl,
                               List<String> allowedHosts) {

    /** The public address when none is configured: the embedded server's default port on this machine. */
    public static final String DEFAULT_BASE_URL = "http://localhost:8080";

    public DeliverySettings {
        retryDelays = retryDelays == null ? List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30))
                : List.copyOf(retryDelays);
        for (Duration d : retryDelays) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalStateException("govguard.notify.delivery.retry-delays must be positive durations, got " + d);
            }
        }
        pollInterval = positive(pollInterval, Duration.ofSeconds(10), "poll-interval");
        batchSize = batchSize <= 0 ? 50 : batchSize;
        lease = positive(lease, Duration.ofMinutes(2), "lease");
        connectTimeout = positive(connectTimeout, Duration.ofSeconds(5), "connect-timeout");
        requestTimeout = positive(requestTimeout, Duration.ofSeconds(10), "request-timeout");
        if (lease.compareTo(connectTimeout.plus(requestTimeout)) <= 0) {
            throw new IllegalStateException("govguard.notify.delivery.lease must be longer than connect-timeout + request-timeout");
        }
        mailFrom = mailFrom == null || mailFrom.isBlank() ? "govcloud-guard@localhost" : mailFrom.strip();
        baseUrl = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl.strip().replaceAll("/+$", "");
        allowedHosts = allowedHosts == null ? List.of()
                : allowedHosts.stream().map(h -> h.strip().toLowerCase(java.util.Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
    }

    /** Whether a webhook may go to this host: any when no hosts are configured, else one of them or a subdomain. */
    public boolean hostAllowed(String host) {
        if (allowedHosts.isEmpty()) {
            return true;
        }
        String h = host == null ? "" : host.toLowerCase(java.util.Locale.ROOT);
        return allowedHosts.stream().anyMatch(a -> h.equals(a) || h.endsWith("." + a));
    }

    /** Attempts in all, the first included. */
    public int maxAttempts() {
        return retryDelays.size() + 1;
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalStateException("govguard.notify.delivery." + name + " must be positive, got " + value);
        }
        return value;
    }
}
