package cn.govcloud.guard.crypto.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Resolves the master keys once at start, so a missing or malformed key stops the platform before it serves anything. */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    @Bean
    KeyRing keyRing(Environment env) {
        return new KeyRing(MasterKeys.current(env), MasterKeys.previous(env).orElse(null));
    }
}
