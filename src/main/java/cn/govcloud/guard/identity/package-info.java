/**
 * Organisations, users, roles (三权分立 and business roles), login, second factor, sessions, API
 * tokens and the tenancy every query is scoped by (A3, A4).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity and tenancy",
        allowedDependencies = {"shared", "crypto", "audit", "documents"})
package cn.govcloud.guard.identity;
