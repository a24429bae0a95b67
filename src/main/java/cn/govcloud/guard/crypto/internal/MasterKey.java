package cn.govcloud.guard.crypto.internal;

import cn.govcloud.guard.crypto.Sm3;
import cn.govcloud.guard.crypto.Sm4Gcm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The SM4 key-encryption key that wraps every stored key; it lives only in configuration (or the
 * demo key file), never in the database, so a stolen database alone reveals no key.
 */
final class MasterKey {
    private final byte[] key;
    private final String id;

    private MasterKey(byte[] key) {
        this.key = key.clone();
        this.id = Sm3.hex(key).substring(0, 16);
    }

    static MasterKey fromHex(String setting, String hex) {
        String value = hex.strip();
        if (!value.matches("[0-9a-fA-F]{32}")) {
            // never echo the value: it may be a mistyped real key
            throw new IllegalStateException(setting + " must be 32 hex digits (a 16-byte SM4 key); the value given has "
                    + value.length() + " characters or non-hex digits.");
        }
        return new MasterKey(HexFormat.of().parseHex(value));
    }

    static MasterKey random() {
        return new MasterKey(Sm4Gcm.newKey());
    }

    String hex() {
        return HexFormat.of().formatHex(key);
    }

    /** First 16 hex digits of SM3 over the key: names the key without revealing it. */
    String id() {
        return id;
    }

    /** Wrapped form: hex of SM4-GCM, with {@code aad} (which row and what for) bound in. */
    String wrap(byte[] secret, String aad) {
        return HexFormat.of().formatHex(Sm4Gcm.encrypt(key, secret, aad.getBytes(StandardCharsets.UTF_8)));
    }

    byte[] unwrap(String wrapped, String aad) {
        try {
            return Sm4Gcm.decrypt(key, HexFormat.of().parseHex(wrapped), aad.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored key does not unwrap under master key " + id + " (altered or wrong key)", e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }
}
