package cn.govcloud.guard.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/** Published GB/T test vectors and the properties the platform relies on (A7.1). */
class CryptoVectorsUnitTests {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void sm3OfAbcMatchesTheStandardA71() {
        assertThat(Sm3.hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    @Test
    void sm3OfSixtyFourBytesMatchesTheStandardA71() {
        assertThat(Sm3.hex("abcd".repeat(16).getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    }

    @Test
    void sm4SingleBlockAndMillionfoldVectorsA71() {
        byte[] key = HEX.parseHex("0123456789abcdeffedcba9876543210");
        SM4Engine engine = new SM4Engine();
        engine.init(true, new KeyParameter(key));
        byte[] block = key.clone();
        engine.processBlock(block, 0, block, 0);
        assertThat(HEX.formatHex(block)).isEqualTo("681edf34d206965e86b3e94f536e4246");
        block = key.clone();
        for (int i = 0; i < 1_000_000; i++) {
            engine.processBlock(block, 0, block, 0);
        }
        assertThat(HEX.formatHex(block)).isEqualTo("595298c7c6fd271f0402f804c33d3f66");
    }

    @Test
    void sm4GcmRoundTripsAndDetectsTamperingAndWrongAadA71() throws Exception {
        byte[] key = Sm4Gcm.newKey();
        byte[] aad = "ctx".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = Sm4Gcm.encrypt(key, "身份证 150102199001011234".getBytes(StandardCharsets.UTF_8), aad);
        assertThat(new String(Sm4Gcm.decrypt(key, sealed, aad), StandardCharsets.UTF_8)).isEqualTo("身份证 150102199001011234");

        byte[] tampered = sealed.clone();
        tampered[14] ^= 1;
        assertThatThrownBy(() -> Sm4Gcm.decrypt(key, tampered, aad)).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> Sm4Gcm.decrypt(key, sealed, "other".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> Sm4Gcm.decrypt(Sm4Gcm.newKey(), sealed, aad)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void sm4GcmUsesAFreshIvEachTimeA71() {
        byte[] key = Sm4Gcm.newKey();
        byte[] plain = "same".getBytes(StandardCharsets.UTF_8);
        assertThat(Sm4Gcm.encrypt(key, plain, null)).isNotEqualTo(Sm4Gcm.encrypt(key, plain, null));
    }

    @Test
    void sm2SignaturesVerifyOnlyForTheSameMessageAndKeyA71() {
        Sm2.KeyPair pair = Sm2.generate();
        byte[] message = "2026-11-24|42|abcdef".getBytes(StandardCharsets.UTF_8);
        byte[] signature = Sm2.sign(pair.privateKey(), message);
        assertThat(new String(Sm2.DEFAULT_USER_ID, StandardCharsets.US_ASCII)).isEqualTo("1234567812345678");
        assertThat(pair.publicKey()).hasSize(65);
        assertThat(Sm2.publicKeyOf(pair.privateKey())).isEqualTo(pair.publicKey());
        assertThat(Sm2.verify(pair.publicKey(), message, signature)).isTrue();
        assertThat(Sm2.verify(pair.publicKey(), "2026-11-24|43|abcdef".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(Sm2.verify(Sm2.generate().publicKey(), message, signature)).isFalse();
        assertThat(Sm2.verify(pair.publicKey(), message, new byte[] {1, 2, 3})).isFalse();
    }

    @Test
    void sm2EncryptionRoundTripsInC1C3C2OrderA71() throws InvalidCipherTextException {
        Sm2.KeyPair pair = Sm2.generate();
        byte[] plain = "政务云".getBytes(StandardCharsets.UTF_8);
        byte[] cipher = Sm2.encrypt(pair.publicKey(), plain);
        // C1 (65) || C3 (32, the SM3 digest) || C2 (as long as the plaintext)
        assertThat(cipher).hasSize(65 + 32 + plain.length);
        assertThat(Sm2.decrypt(pair.privateKey(), cipher)).isEqualTo(plain);
        assertThatThrownBy(() -> Sm2.decrypt(Sm2.generate().privateKey(), cipher)).isInstanceOf(InvalidCipherTextException.class);
    }

    @Test
    void maskingKeepsOnlyTheEndsOfPersonalNumbers() {
        assertThat(Masking.idCard("150102199001011234")).isEqualTo("1501**********1234");
        assertThat(Masking.mobile("13812345678")).isEqualTo("138****5678");
        assertThat(Masking.mobile("123")).isEqualTo("***");
        assertThat(Masking.idCard(null)).isNull();
    }
}
