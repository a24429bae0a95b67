package cn.govcloud.guard.crypto;

import java.util.Optional;

/**
 * The platform's SM2 signing key (audit anchors, archived reports). Retired keys keep their
 * public half so old signatures still verify.
 */
public interface SigningKeys {

    /** Id of the current key: the first 16 hex digits of SM3 over its public key. */
    String currentKeyId();

    /** SM2 signature (DER) with the current key. */
    byte[] sign(byte[] message);

    /** The 65-byte uncompressed public key of that id, current or retired. */
    Optional<byte[]> publicKey(String keyId);
}
