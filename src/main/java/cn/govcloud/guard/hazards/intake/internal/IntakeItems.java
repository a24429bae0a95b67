package cn.govcloud.guard.hazards.intake.internal;

import static cn.govcloud.guard.hazards.intake.internal.Columns.nullableLong;
import static cn.govcloud.guard.hazards.intake.internal.Columns.utc;

import cn.govcloud.guard.hazards.intake.internal.IntakeItem.Kind;
import cn.govcloud.guard.shared.NotFound;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The triage side of findings and alerts: an {@link IntakeItem} locked for its transition, and each transition's update. */
@Repository
class IntakeItems {
    private final JdbcClient jdbc;

    IntakeItems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The item, locked until the transaction ends; {@link NotFound} when there is none. */
    IntakeItem lock(Kind kind, long id) {
        String title = kind == Kind.FINDING ? "name" : "title";
        return jdbc.sql("select id, system_id, state, " + title + " as title, severity, detail from " + kind.table + " where id = :id for update")
                .param("id", id).query((rs, i) -> new IntakeItem(kind, rs.getLong("id"), nullableLong(rs, "system_id"), rs.getString("state"),
                        rs.getString("title"), rs.getString("severity"), rs.getString("detail"))).optional()
                .orElseThrow(() -> new NotFound(kind.ref + " " + id));
    }

    void assigned(IntakeItem item, long systemId, long orgId, String by, Instant at) {
        jdbc.sql("update " + item.kind().table + " set system_id = :system, org_id = :org, state = :state, triaged_by = :by, triaged_at = :at "
                        + "where id = :id").param("system", systemId).param("org", orgId).param("state", item.state()).param("by", by)
                .param("at", utc(at)).param("id", item.id()).update();
    }

    void dismissed(IntakeItem item, String reason, String by, Instant at) {
        jdbc.sql("update " + item.kind().table + " set state = :state, dismiss_reason = :reason, triaged_by = :by, triaged_at = :at where id = :id")
                .param("state", item.state()).param("reason", reason).param("by", by).param("at", utc(at)).param("id", item.id()).update();
    }

    void raised(IntakeItem item, long hazardId, String by, Instant at) {
        jdbc.sql("update " + item.kind().table + " set state = 'RAISED', hazard_id = :hazard, triaged_by = :by, triaged_at = :at where id = :id")
                .param("hazard", hazardId).param("by", by).param("at", utc(at)).param("id", item.id()).update();
    }
}
