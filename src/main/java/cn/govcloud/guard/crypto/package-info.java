/**
 * Commercial cryptography (商用密码, A7.1 applied to the platform's own data): SM3 digests and
 * HMAC-SM3, SM4-GCM encryption, SM2 signatures, on BouncyCastle; the master key that wraps the
 * data keys; field encryption and masking of personal data. Depends on no other module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Commercial cryptography",
        allowedDependencies = {})
package cn.govcloud.guard.crypto;
