package cn.govcloud.guard.ticketing.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The signature of a ticket webhook and of a desk's callback (issue 21 point 5): {@code sha256=<hex>} or
 * {@code sm3=<hex>}, the HMAC (HMAC-SHA256, or HMAC-SM3 for a desk that uses the national algorithms) with the desk's
 * shared secret over {@code timestamp + "." + body}, the timestamp in epoch seconds — the same form as the SIEM webhook's.
 */
public final class Signatures {
    private Signatures() {
    }

    /** {@code sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}. */
    public static String sha256(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code sm3=<hex HMAC-SM3(secret, timestamp + "." + body)>}. */
    public static String sm3(String secret, String timestamp, byte[] body) {
        HMac mac = new HMac(new SM3Digest());
        mac.init(new KeyParameter(secret.getBytes(StandardCharsets.UTF_8)));
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        mac.update(prefix, 0, prefix.length);
        mac.update(body, 0, body.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return "sm3=" + HexFormat.of().formatHex(out);
    }

    /** Whether {@code given} is a valid signature of either kind, compared in constant time. */
    static boolean valid(String secret, String timestamp, byte[] body, String given) {
        if (given == null || timestamp == null) {
            return false;
        }
        String g = given.strip().toLowerCase(java.util.Locale.ROOT);
        String expected = g.startsWith("sm3=") ? sm3(secret, timestamp, body) : g.startsWith("sha256=") ? sha256(secret, timestamp, body) : null;
        return expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), g.getBytes(StandardCharsets.US_ASCII));
    }
}
