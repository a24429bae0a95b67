package cn.govcloud.guard.audit.internal;

import cn.govcloud.guard.crypto.LogMac;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * What the audit key's HMAC-SM3 covers (A7.4): a record's id and SM3 hash (which covers its
 * content and its predecessor), and the chain head. The prefixes keep the two apart, so a record's
 * MAC can never pass for a head's. Without the key — held only wrapped under the master key — a
 * database superuser can change rows and recompute SM3 hashes but not these.
 */
final class ChainMacs {
    private ChainMacs() {
    }

    static String record(LogMac mac, long id, String hash) {
        return HexFormat.of().formatHex(mac.mac(("record|" + id + "|" + hash).getBytes(StandardCharsets.UTF_8)));
    }

    static String head(LogMac mac, long lastId, String lastHash) {
        return HexFormat.of().formatHex(mac.mac(("head|" + lastId + "|" + lastHash).getBytes(StandardCharsets.UTF_8)));
    }
}
