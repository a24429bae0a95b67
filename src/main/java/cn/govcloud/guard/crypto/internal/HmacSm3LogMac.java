package cn.govcloud.guard.crypto.internal;

import cn.govcloud.guard.crypto.LogMac;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.springframework.stereotype.Component;

/**
 * {@link LogMac} with the {@code audit} data key (created at start by {@link KeyStartup}, kept in memory). Each thread
 * keeps one keyed HMAC-SM3 and resets it after each MAC (issue 19): the key's inner and outer pads are hashed once per
 * thread instead of once per record, which halves the work of verifying a record's MAC. Same result as
 * {@code Sm3.hmac(key, message)}.
 */
@Component
class HmacSm3LogMac implements LogMac {
    private final DataKeys keys;
    private final ThreadLocal<Keyed> macs = new ThreadLocal<>();

    private record Keyed(byte[] key, HMac mac) {
    }

    HmacSm3LogMac(DataKeys keys) {
        this.keys = keys;
    }

    @Override
    public byte[] mac(byte[] message) {
        byte[] key = keys.current(DataKeys.AUDIT).key();
        Keyed keyed = macs.get();
        if (keyed == null || !Arrays.equals(keyed.key(), key)) {
            HMac mac = new HMac(new SM3Digest());
            mac.init(new KeyParameter(key));
            keyed = new Keyed(key.clone(), mac);
            macs.set(keyed);
        }
        HMac mac = keyed.mac();
        byte[] out = new byte[mac.getMacSize()];
        try {
            mac.update(message, 0, message.length);
            mac.doFinal(out, 0); // and back to the keyed initial state
        } catch (RuntimeException e) {
            macs.remove();
            throw e;
        }
        return out;
    }
}
