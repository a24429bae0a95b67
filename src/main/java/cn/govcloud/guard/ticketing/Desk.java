package cn.govcloud.guard.ticketing;

import java.time.Instant;

/**
 * A service desk as the administrator sees it: the webhook up to its host, the secret never.
 *
 * @param ownerOrgId   the provider's organisation or a unit's: a unit's desk only ever receives its own unit's hazards
 * @param ownerKind    {@code PROVIDER} or {@code UNIT}
 * @param callbackPath where the desk posts its signed callbacks
 */
public record Desk(long id, String name, long ownerOrgId, String ownerName, String ownerKind, String url, boolean enabled,
                   String callbackPath, long pending, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {
}
