package cn.govcloud.guard.shared;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code govguard.demo.*} as the modules read it: whether the platform runs as the demo city (relaxed first-login
 * rules, the demo banner, a clock that may start elsewhere). In the shared kernel because several modules ask; the demo
 * city's own settings (its password) stay with the demo module.
 *
 * @param enabled    demo mode; the {@code prod} profile refuses it
 * @param clockStart demo mode only: an ISO-8601 instant the platform's clock starts at and runs on from; blank: the real time
 */
@ConfigurationProperties("govguard.demo")
public record DemoSettings(@DefaultValue("false") boolean enabled, @DefaultValue("") String clockStart) {
}
