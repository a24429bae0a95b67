package cn.govcloud.guard.systems.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether a system is critical information infrastructure (关基) and which protection department (保护工作部门)
 * identified it (issue 17 point 4). The identification is the protection department's act, not the unit's
 * declaration, so the supervisor records it; catalog conditions read it as {@code cii} ({@code cii == true}), e.g. a
 * district's shorter rectification limit or a re-test before closing for 关基 systems.
 */
@Service
public class CriticalInfrastructure {
    static final int DEPARTMENT_MAX = 200;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    CriticalInfrastructure(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** @param department the protection department, null when the system is not 关基 */
    public record Status(boolean cii, String department, Instant recordedAt, String recordedBy) {
    }

    public Status of(long systemId) {
        return jdbc.sql("select cii, cii_department, cii_recorded_at, cii_recorded_by from systems_system where id = :id")
                .param("id", systemId)
                .query((rs, i) -> new Status(rs.getBoolean(1), rs.getString(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getString(4)))
                .optional().orElseThrow(() -> new NotFound("system " + systemId));
    }

    /** Whether the system is 关基; false for an unknown system (conditions then simply do not hold). */
    public boolean isCii(long systemId) {
        return jdbc.sql("select cii from systems_system where id = :id").param("id", systemId).query(Boolean.class)
                .optional().orElse(false);
    }

    @Transactional
    public Status record(long systemId, Boolean cii, String department, Actor actor) {
        of(systemId); // 404 before any field problem
        String dept = department == null ? null : department.strip();
        if (cii == null) {
            throw new InvalidInput("criticalInfrastructure is required", Map.of("criticalInfrastructure", "systems.cii.error.flag"));
        }
        if (cii && (dept == null || dept.isEmpty() || dept.length() > DEPARTMENT_MAX)) {
            throw new InvalidInput("the protection department is required for a 关基 system (at most 200 characters)",
                    Map.of("protectionDepartment", "systems.cii.error.department"));
        }
        Instant now = clock.instant();
        jdbc.sql("update systems_system set cii = :cii, cii_department = :dept, cii_recorded_at = :now, cii_recorded_by = :by where id = :id")
                .param("cii", cii).param("dept", cii ? dept : null).param("now", Timestamp.from(now)).param("by", actor.username())
                .param("id", systemId).update();
        audit.record(AuditEvent.success("systems.cii", "system:" + systemId, cii ? "关基, 保护工作部门 " + dept : "not 关基"));
        return of(systemId);
    }
}
