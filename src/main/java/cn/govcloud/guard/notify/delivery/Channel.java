package cn.govcloud.guard.notify.delivery;

import cn.govcloud.guard.notify.DeliveryStatus;
import java.time.Instant;

/**
 * One configured target of an organisation as pages and the API show it: never the webhook URL
 * (its path and query carry the robot's access token) nor the signing secret.
 *
 * @param target the e-mail address, or the webhook URL up to its host followed by "…"
 * @param signed whether a signing secret is stored
 */
public record Channel(long id, long orgId, String orgName, DeliveryStatus.Channel kind, String name, String target, boolean signed,
                      boolean enabled, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, Instant deletedAt) {

    public boolean deleted() {
        return deletedAt != null;
    }
}
