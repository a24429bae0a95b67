package cn.govcloud.guard.crypto;

/**
 * HMAC-SM3 under a platform key that never leaves the key store: how secrets we must recognise
 * but never read back (API tokens, session tokens, single-use credentials) are stored.
 */
public interface KeyedHash {

    /** Lower-case hex HMAC-SM3 of the UTF-8 bytes of {@code secret}. */
    String hash(String secret);
}
