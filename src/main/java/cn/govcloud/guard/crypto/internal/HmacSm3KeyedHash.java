package cn.govcloud.guard.crypto.internal;

import cn.govcloud.guard.crypto.KeyedHash;
import cn.govcloud.guard.crypto.Sm3;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * {@link KeyedHash} with the {@code hmac} data key. That key is never rotated by {@link
 * cn.govcloud.guard.crypto.KeyManagement}: stored hashes must keep matching the secrets they stand for.
 */
@Component
class HmacSm3KeyedHash implements KeyedHash {
    private final DataKeys keys;

    HmacSm3KeyedHash(DataKeys keys) {
        this.keys = keys;
    }

    @Override
    public String hash(String secret) {
        return HexFormat.of().formatHex(Sm3.hmac(keys.current(DataKeys.HMAC).key(), secret.getBytes(StandardCharsets.UTF_8)));
    }
}
