package cn.govcloud.guard.crypto;

/**
 * Encrypts sensitive personal fields (ID-card number, mobile number) with SM4-GCM under the
 * current data key. The stored form names the key, so old values stay readable after a rotation.
 * The {@code context} (e.g. {@code "identity_user.mobile"}) is bound as associated data, so a
 * value copied into another column does not decrypt.
 */
public interface FieldEncryption {

    String seal(String context, String plaintext);

    String open(String context, String sealed);
}
