package cn.govcloud.guard.crypto;

import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** SM3 digests (GB/T 32905) and HMAC-SM3. Plain static functions: the offline audit verifier uses them too. */
public final class Sm3 {
    public static final int LENGTH = 32;

    private Sm3() {
    }

    public static byte[] digest(byte[]... parts) {
        SM3Digest d = new SM3Digest();
        for (byte[] part : parts) {
            d.update(part, 0, part.length);
        }
        byte[] out = new byte[LENGTH];
        d.doFinal(out, 0);
        return out;
    }

    public static String hex(byte[] data) {
        return HexFormat.of().formatHex(digest(data));
    }

    public static byte[] hmac(byte[] key, byte[] data) {
        HMac mac = new HMac(new SM3Digest());
        mac.init(new KeyParameter(key));
        mac.update(data, 0, data.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }
}
