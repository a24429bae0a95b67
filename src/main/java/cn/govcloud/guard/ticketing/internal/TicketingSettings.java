package cn.govcloud.guard.ticketing.internal;

import cn.govcloud.guard.shared.Backoff;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code govguard.ticketing.*}: the mechanics of the ticket outbox and the callbacks. The desks themselves are data,
 * configured by the security administrator.
 *
 * @param pollInterval   how often the scheduler sends what is due (one node at a time)
 * @param firstRetry     the wait after the first failed delivery, doubled after each further failure up to {@code maxRetry}
 * @param maxRetry       the longest wait between attempts while a desk is down (a ticket is never given up)
 * @param lease          how long a node's claim on a ticket stands if that node dies mid-send
 * @param connectTimeout HTTP connection timeout
 * @param requestTimeout HTTP answer timeout
 * @param replayWindow   a callback whose timestamp is further than this from the platform's clock is refused
 * @param baseUrl        the platform's public address, for the link to the hazard in a ticket; blank: no link
 */
@ConfigurationProperties("govguard.ticketing")
public record TicketingSettings(Duration pollInterval, Duration firstRetry, Duration maxRetry, Duration lease, Duration connectTimeout,
                                Duration requestTimeout, Duration replayWindow, String baseUrl) {

    public TicketingSettings {
        pollInterval = positive(pollInterval, Duration.ofSeconds(5));
        firstRetry = positive(firstRetry, Duration.ofSeconds(15));
        maxRetry = positive(maxRetry, Duration.ofMinutes(10));
        lease = positive(lease, Duration.ofMinutes(2));
        connectTimeout = positive(connectTimeout, Duration.ofSeconds(5));
        requestTimeout = positive(requestTimeout, Duration.ofSeconds(10));
        replayWindow = positive(replayWindow, Duration.ofMinutes(5));
        baseUrl = baseUrl == null ? "" : baseUrl.strip().replaceAll("/+$", "");
    }

    /** The wait after {@code failures} failures in a row. */
    Duration retryAfter(int failures) {
        return new Backoff(firstRetry, maxRetry).after(failures);
    }

    private static Duration positive(Duration d, Duration otherwise) {
        return Backoff.positive("govguard.ticketing", d, otherwise);
    }
}
