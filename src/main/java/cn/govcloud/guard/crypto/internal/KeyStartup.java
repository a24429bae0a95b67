package cn.govcloud.guard.crypto.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * At start, once the migrations have run: re-wraps keys left under the previous master key, refuses
 * to go on with keys under an unknown master key, and makes sure every key exists before the first
 * request (so two nodes racing to create one do it at start, not mid-request).
 */
@Component
class KeyStartup implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(KeyStartup.class);
    private final DataKeys dataKeys;
    private final StoredSigningKeys signingKeys;
    private final KeyRing ring;

    KeyStartup(DataKeys dataKeys, StoredSigningKeys signingKeys, KeyRing ring) {
        this.dataKeys = dataKeys;
        this.signingKeys = signingKeys;
        this.ring = ring;
    }

    @Override
    public void afterSingletonsInstantiated() {
        int rewrapped = dataKeys.rewrap() + signingKeys.rewrap();
        if (rewrapped > 0) {
            log.warn("Master key rotation: re-wrapped {} keys from master key {} to {}; the previous key may now be removed",
                    rewrapped, ring.previous().id(), ring.current().id());
        }
        dataKeys.checkAllReadable();
        signingKeys.checkAllReadable();
        dataKeys.current(DataKeys.FIELD);
        dataKeys.current(DataKeys.HMAC);
        dataKeys.current(DataKeys.AUDIT);
        signingKeys.currentKeyId();
        log.info("Key store ready under master key {}", ring.current().id());
    }
}
