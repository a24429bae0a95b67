package cn.govcloud.guard.crypto;

/**
 * Rotation of the platform's keys (A7.1): a new key takes over new work while the old ones stay
 * to read and verify what they protected, so nothing has to be re-encrypted or re-signed.
 */
public interface KeyManagement {

    /** A new field-encryption data key for new writes; values sealed under older keys still open. @return its id */
    String rotateFieldKey();

    /** A new SM2 signing key; retired public keys stay available for verification. @return its id */
    String rotateSigningKey();
}
