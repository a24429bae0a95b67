package cn.govcloud.guard.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * SM4 (GB/T 32907) in GCM mode: confidentiality and integrity in one pass. The output is
 * {@code iv(12) || ciphertext || tag(16)}; a fresh random IV per call. Never plain "SM4" (ECB).
 */
public final class Sm4Gcm {
    public static final int KEY_LENGTH = 16;
    private static final int IV_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sm4Gcm() {
    }

    public static byte[] newKey() {
        byte[] key = new byte[KEY_LENGTH];
        RANDOM.nextBytes(key);
        return key;
    }

    public static byte[] encrypt(byte[] key, byte[] plaintext, byte[] aad) {
        byte[] iv = new byte[IV_LENGTH];
        RANDOM.nextBytes(iv);
        GCMBlockCipher gcm = cipher(true, key, iv, aad);
        byte[] out = new byte[IV_LENGTH + gcm.getOutputSize(plaintext.length)];
        System.arraycopy(iv, 0, out, 0, IV_LENGTH);
        int n = gcm.processBytes(plaintext, 0, plaintext.length, out, IV_LENGTH);
        try {
            gcm.doFinal(out, IV_LENGTH + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** @throws GeneralSecurityException when the data was altered or the key or AAD is wrong */
    public static byte[] decrypt(byte[] key, byte[] sealed, byte[] aad) throws GeneralSecurityException {
        if (sealed.length < IV_LENGTH + TAG_BITS / 8) {
            throw new GeneralSecurityException("SM4-GCM: sealed data too short");
        }
        byte[] iv = Arrays.copyOfRange(sealed, 0, IV_LENGTH);
        GCMBlockCipher gcm = cipher(false, key, iv, aad);
        byte[] out = new byte[gcm.getOutputSize(sealed.length - IV_LENGTH)];
        int n = gcm.processBytes(sealed, IV_LENGTH, sealed.length - IV_LENGTH, out, 0);
        try {
            gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new GeneralSecurityException("SM4-GCM: authentication failed", e);
        }
        return out;
    }

    private static GCMBlockCipher cipher(boolean encrypt, byte[] key, byte[] iv, byte[] aad) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("SM4 key must be 16 bytes, was " + key.length);
        }
        GCMBlockCipher gcm = (GCMBlockCipher) GCMBlockCipher.newInstance(new SM4Engine());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, iv, aad == null ? new byte[0] : aad));
        return gcm;
    }
}
