package cn.govcloud.guard.rules.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stored overlays. Activation switches the active row in one transaction; should two
 * supervisors race, readers take the newest active row, so every node still agrees.
 */
@Repository
class Overlays {
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    Overlays(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
    }

    /** The cheap question each node asks every few seconds. */
    Optional<Long> activeId() {
        return jdbc.sql("select id from rules_overlay where active = true order by id desc limit 1").query(Long.class).optional();
    }

    Optional<StoredOverlay> find(long id) {
        return jdbc.sql(SELECT + " where id = :id").param("id", id).query(Overlays::row).optional();
    }

    Optional<StoredOverlay> find(String name, String version) {
        return jdbc.sql(SELECT + " where name = :name and overlay_version = :version")
                .param("name", name).param("version", version).query(Overlays::row).optional();
    }

    /**
     * Makes this overlay the only active one: a new row, or the earlier row of the same name and
     * version when its text is the same.
     *
     * @throws VersionTaken when that name and version were stored with other content
     */
    long activate(Overlay overlay, String yaml, String by, Instant at) {
        return tx.execute(status -> {
            Optional<StoredOverlay> same = find(overlay.name(), overlay.version());
            if (same.isPresent() && !same.get().yaml().equals(yaml)) {
                throw new VersionTaken(same.get());
            }
            deactivateAll(by, at);
            if (same.isPresent()) {
                jdbc.sql("update rules_overlay set active = true, deactivated_at = null, deactivated_by = null where id = :id")
                        .param("id", same.get().id()).update();
                return same.get().id();
            }
            jdbc.sql("""
                            insert into rules_overlay (name, overlay_version, based_on, yaml, uploaded_at, uploaded_by, active)
                            values (:name, :version, :basedOn, :yaml, :at, :by, true)""")
                    .param("name", overlay.name()).param("version", overlay.version()).param("basedOn", overlay.basedOn())
                    .param("yaml", yaml).param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).param("by", by)
                    .update();
            return find(overlay.name(), overlay.version()).orElseThrow().id();
        });
    }

    /** @return how many overlays were active */
    int deactivateAll(String by, Instant at) {
        return jdbc.sql("update rules_overlay set active = false, deactivated_at = :at, deactivated_by = :by where active = true")
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).param("by", by).update();
    }

    private static final String SELECT =
            "select id, name, overlay_version, based_on, yaml, uploaded_at, uploaded_by, active from rules_overlay";

    private static StoredOverlay row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new StoredOverlay(rs.getLong("id"), rs.getString("name"), rs.getString("overlay_version"), rs.getString("based_on"),
                rs.getString("yaml"), rs.getObject("uploaded_at", OffsetDateTime.class).toInstant(), rs.getString("uploaded_by"),
                rs.getBoolean("active"));
    }

    /** The name and version of an overlay are already stored with other content. */
    static class VersionTaken extends RuntimeException {
        private final transient StoredOverlay existing;

        VersionTaken(StoredOverlay existing) {
            super("version " + existing.version() + " of overlay " + existing.name() + " was uploaded on "
                    + existing.uploadedAt() + " by " + existing.uploadedBy() + " with other content; give this one a new version");
            this.existing = existing;
        }

        StoredOverlay existing() {
            return existing;
        }
    }
}
