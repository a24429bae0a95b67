package cn.govcloud.guard.crypto;

/**
 * HMAC-SM3 under the {@code audit} data key, which is stored only wrapped under the master key: a
 * database superuser can read and rewrite every table and still cannot compute one of these, so a
 * record carrying one was written by the platform (A7.4). Never rotated by {@link KeyManagement}:
 * every stored MAC must keep verifying.
 */
public interface LogMac {

    /** The 32-byte HMAC-SM3 of {@code message}. */
    byte[] mac(byte[] message);
}
