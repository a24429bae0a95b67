package cn.govcloud.guard.crypto.internal;

import cn.govcloud.guard.crypto.FieldEncryption;
import cn.govcloud.guard.crypto.Sm4Gcm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.springframework.stereotype.Component;

/** {@link FieldEncryption} as {@code v1:<keyId>:<base64(iv|ct|tag)>}: the key id lets a value outlive a rotation. */
@Component
class Sm4FieldEncryption implements FieldEncryption {
    private static final String VERSION = "v1";
    private final DataKeys keys;

    Sm4FieldEncryption(DataKeys keys) {
        this.keys = keys;
    }

    @Override
    public String seal(String context, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        DataKeys.DataKey key = keys.current(DataKeys.FIELD);
        byte[] sealed = Sm4Gcm.encrypt(key.key(), plaintext.getBytes(StandardCharsets.UTF_8), aad(context));
        return VERSION + ":" + key.id() + ":" + Base64.getEncoder().encodeToString(sealed);
    }

    @Override
    public String open(String context, String sealed) {
        if (sealed == null) {
            return null;
        }
        String[] parts = sealed.split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new IllegalArgumentException("Not a sealed field value (expected v1:<keyId>:<data>)");
        }
        try {
            byte[] plain = Sm4Gcm.decrypt(keys.byId(parts[1]).key(), Base64.getDecoder().decode(parts[2]), aad(context));
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // the message names the context only: the value itself is personal data
            throw new IllegalStateException("Sealed value for " + context + " does not open (altered, moved from another field, or wrong key)", e);
        }
    }

    private static byte[] aad(String context) {
        return ("field|" + context).getBytes(StandardCharsets.UTF_8);
    }
}
