package cn.govcloud.guard.identity.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code govguard.identity.login-throttle.*} (GB/T 22239 §8.1.4, issue 20 point 9).
 *
 * @param failuresPerSource failed logins one source address may make, any usernames, per {@code window} before 429
 * @param window            the window those failures refill over
 */
@ConfigurationProperties("govguard.identity.login-throttle")
record LoginThrottleSettings(@DefaultValue("30") int failuresPerSource, @DefaultValue("PT10M") Duration window) {
}
