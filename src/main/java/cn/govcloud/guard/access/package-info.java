/**
 * Access governance (A5.3, A7.3, A8.1, A9.1–A9.3): who may touch a hosted system and how.
 * Remote channels — requested by a unit's staff, approved inside the unit (approver ≠ requester),
 * approved by the network-security regulator when long-term, opened by the provider — carry a
 * single-use credential (≥ 128 random bits, shown once, stored only as an HMAC-SM3 hash) that the
 * VPN / zero-trust gateway verifies once through {@code POST /api/v1/channels/verify}
 * (一次一用、单次有效). The provider's own remote operation of the platform needs the supervisor's
 * exception (A5.3). The provider reads a unit's system data only under the unit's grant (A8.1);
 * the systems module asks through {@link cn.govcloud.guard.systems.ProviderDataAccess}. Accounts
 * per system with periodic review (A7.3) and escorted on-site visits with an authorisation letter
 * (A9.1) complete it.
 *
 * <p>Public API: {@link cn.govcloud.guard.access.Grants}, {@link cn.govcloud.guard.access.Channels}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Access governance (accounts, visits, remote channels, data-access grants)",
        allowedDependencies = {"shared", "crypto", "audit", "identity", "calendar", "rules", "documents", "notify", "duties", "systems"})
package cn.govcloud.guard.access;
