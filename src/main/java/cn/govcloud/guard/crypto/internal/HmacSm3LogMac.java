package cn.govcloud.guard.crypto.internal;

import cn.govcloud.guard.crypto.LogMac;
import cn.govcloud.guard.crypto.Sm3;
import org.springframework.stereotype.Component;

/** {@link LogMac} with the {@code audit} data key (created at start by {@link KeyStartup}, kept in memory). */
@Component
class HmacSm3LogMac implements LogMac {
    private final DataKeys keys;

    HmacSm3LogMac(DataKeys keys) {
        this.keys = keys;
    }

    @Override
    public byte[] mac(byte[] message) {
        return Sm3.hmac(keys.current(DataKeys.AUDIT).key(), message);
    }
}
