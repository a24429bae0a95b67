package cn.govcloud.guard.identity.internal;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Failed logins counted in Bucket4j token buckets stored in the database (GB/T 22239 §8.1.4
 * login-failure handling; issue 20 point 9), shared by every node:
 * <ul>
 *   <li>per source address: {@code govguard.identity.login-throttle.failures-per-source} failures
 *       (any usernames) per {@code ...window}; past that the source gets 429 until the window refills,
 *       so one source can neither guess on nor spray lockouts across accounts;</li>
 *   <li>per username <em>and</em> source: the policy's number of failures locks that name from that
 *       source for the policy's lock time. Unknown and known usernames count alike, so the answers
 *       cannot tell whether an account exists; and a stranger's failures lock the name only from
 *       the stranger's own address, so nobody can lock the administrators out.</li>
 * </ul>
 */
@Component
@EnableConfigurationProperties(LoginThrottleSettings.class)
class LoginThrottle {
    private final JdbcBuckets buckets;
    private final Clock clock;
    private final int perSource;
    private final Duration window;

    LoginThrottle(JdbcClient jdbc, Clock clock, LoginThrottleSettings settings) {
        this.buckets = new JdbcBuckets(jdbc, clock);
        this.clock = clock;
        this.perSource = settings.failuresPerSource();
        this.window = settings.window();
    }

    /** When the source may try again, or null if it may now. */
    Instant sourceBlockedUntil(String source) {
        return blockedUntil(sourceBucket(source));
    }

    /** When {@code username} may be tried again from {@code source}, or null if it may now. */
    Instant accountBlockedUntil(String username, String source, int maxFailures, int lockMinutes) {
        return blockedUntil(accountBucket(username, source, maxFailures, lockMinutes));
    }

    /** Counts one failure. @return when the name is locked from this source after it, or null if not (yet) locked */
    Instant failed(String username, String source, int maxFailures, int lockMinutes) {
        sourceBucket(source).tryConsume(1);
        BucketProxy account = accountBucket(username, source, maxFailures, lockMinutes);
        account.tryConsume(1);
        return blockedUntil(account);
    }

    /** A successful login starts the name's count from this source afresh. */
    void succeeded(String username, String source) {
        buckets.removeProxy(accountKey(username, source));
    }

    private Instant blockedUntil(BucketProxy bucket) {
        long wait = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return wait <= 0 ? null : clock.instant().plusNanos(wait);
    }

    private BucketProxy sourceBucket(String source) {
        return buckets.builder().build("src:" + key(source), () -> BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(perSource).refillIntervally(perSource, window)).build());
    }

    private BucketProxy accountBucket(String username, String source, int maxFailures, int lockMinutes) {
        int failures = Math.max(1, maxFailures);
        return buckets.builder().build(accountKey(username, source), () -> BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(failures).refillIntervally(failures, Duration.ofMinutes(Math.max(1, lockMinutes)))).build());
    }

    private static String accountKey(String username, String source) {
        return "acct:" + key(username.toLowerCase(Locale.ROOT)) + "|" + key(source);
    }

    /** Keys fit the column whatever was typed: long input is cut (a username over 64 characters never exists anyway). */
    private static String key(String value) {
        String v = value == null ? "" : value;
        return v.length() > 90 ? v.substring(0, 90) : v;
    }
}
