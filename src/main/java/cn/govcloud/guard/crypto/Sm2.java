package cn.govcloud.guard.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;

/**
 * SM2 (GB/T 32918) on the sm2p256v1 curve: signatures with SM3 and the default user id
 * {@code 1234567812345678} (both sides must use the same id), DER-encoded; encryption in the
 * current C1C3C2 order. Keys travel as raw bytes: private = 32-byte scalar, public = 65-byte
 * uncompressed point, so an export carries a key any SM2 tool reads.
 */
public final class Sm2 {
    public static final byte[] DEFAULT_USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);
    private static final X9ECParameters CURVE = GMNamedCurves.getByName("sm2p256v1");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sm2() {
    }

    /** A key pair as raw bytes. */
    public record KeyPair(byte[] privateKey, byte[] publicKey) {
    }

    public static KeyPair generate() {
        ECKeyPairGenerator gen = new ECKeyPairGenerator();
        gen.init(new ECKeyGenerationParameters(DOMAIN, RANDOM));
        AsymmetricCipherKeyPair kp = gen.generateKeyPair();
        byte[] d = ((ECPrivateKeyParameters) kp.getPrivate()).getD().toByteArray();
        byte[] q = ((ECPublicKeyParameters) kp.getPublic()).getQ().getEncoded(false);
        return new KeyPair(fixed32(d), q);
    }

    public static byte[] publicKeyOf(byte[] privateKey) {
        return CURVE.getG().multiply(new BigInteger(1, privateKey)).normalize().getEncoded(false);
    }

    public static byte[] sign(byte[] privateKey, byte[] message) {
        SM2Signer signer = new SM2Signer();
        signer.init(true, new ParametersWithID(new ParametersWithRandom(priv(privateKey), RANDOM), DEFAULT_USER_ID));
        signer.update(message, 0, message.length);
        try {
            return signer.generateSignature();
        } catch (CryptoException e) {
            throw new IllegalStateException("SM2 signing failed", e);
        }
    }

    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        try {
            SM2Signer signer = new SM2Signer();
            signer.init(false, new ParametersWithID(pub(publicKey), DEFAULT_USER_ID));
            signer.update(message, 0, message.length);
            return signer.verifySignature(signature);
        } catch (RuntimeException e) {
            return false; // a malformed key or signature is simply not valid
        }
    }

    public static byte[] encrypt(byte[] publicKey, byte[] plaintext) {
        SM2Engine engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
        engine.init(true, new ParametersWithRandom(pub(publicKey), RANDOM));
        try {
            return engine.processBlock(plaintext, 0, plaintext.length);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] decrypt(byte[] privateKey, byte[] ciphertext) throws InvalidCipherTextException {
        SM2Engine engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
        engine.init(false, priv(privateKey));
        return engine.processBlock(ciphertext, 0, ciphertext.length);
    }

    private static ECPrivateKeyParameters priv(byte[] d) {
        return new ECPrivateKeyParameters(new BigInteger(1, d), DOMAIN);
    }

    private static ECPublicKeyParameters pub(byte[] q) {
        return new ECPublicKeyParameters(CURVE.getCurve().decodePoint(q), DOMAIN);
    }

    private static byte[] fixed32(byte[] unsigned) {
        byte[] out = new byte[32];
        int copy = Math.min(32, unsigned.length);
        System.arraycopy(unsigned, unsigned.length - copy, out, 32 - copy, copy);
        return out;
    }
}
