package cn.govcloud.guard.identity;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Tokens for machine clients (a scanner, an IDS sensor, the VPN gateway): created by the security
 * administrator with scopes, shown once, stored only as a keyed hash, revocable, last use recorded.
 */
public interface ApiTokens {

    /** Scopes the platform knows; a token may only carry these. */
    Set<String> KNOWN_SCOPES = Set.of("alerts:write", "findings:write", "channels:verify", "audit:read", "metrics:read");

    /** @return the token view and the secret, which is never shown again */
    Issued create(String name, long orgId, Set<String> scopes, Instant expiresAt);

    void revoke(long id);

    List<View> list();

    /** The states the tokens list filters by (issue 23 point 11): usable now, revoked, past its expiry. */
    List<String> STATES = List.of("ACTIVE", "REVOKED", "EXPIRED");

    /**
     * Issue 23 point 11: one page of {@link #list()}, newest first, narrowed in SQL by keyword (name, organisation,
     * scope, creator), organisation ({@code unit}), state ({@link #STATES}) and due ({@code week}: active and expiring
     * within seven days; {@code past}: expired).
     */
    cn.govcloud.guard.shared.Page<View> search(cn.govcloud.guard.shared.ListFilter filter);

    record Issued(View token, String secret) {
    }

    record View(long id, String name, long orgId, String orgName, Set<String> scopes, String createdBy,
                Instant createdAt, Instant expiresAt, Instant lastUsedAt, String lastUsedFrom, Instant revokedAt) {
    }
}
