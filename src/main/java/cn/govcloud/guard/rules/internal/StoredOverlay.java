package cn.govcloud.guard.rules.internal;

import java.time.Instant;

/** One row of {@code rules_overlay}. */
public record StoredOverlay(long id, String name, String version, String basedOn, String yaml, Instant uploadedAt,
                            String uploadedBy, boolean active) {
}
