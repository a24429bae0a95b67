/**
 * The tamper-evident operation log the Measures demand be kept at least six months (A5.3, A7.4):
 * an SM3 hash chain over every record, SM2-signed daily anchors, retention never below 180 days,
 * search, export and offline verification. Depends only on {@code crypto} and the shared kernel.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit log",
        allowedDependencies = {"shared", "crypto"})
package cn.govcloud.guard.audit;
