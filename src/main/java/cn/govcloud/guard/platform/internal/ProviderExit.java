package cn.govcloud.guard.platform.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.systems.Systems;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A5.6: the provider's exit. The application is filed at least 90 days before the end of service
 * (a later end date under 90 days is refused naming A5.6); every hosted system gets a migration
 * task the supervisor tracks and the system's unit sees; after the end the provider files the
 * data-clearance report, and until then the exit stays open and, once the end has passed, overdue.
 */
@Service
public class ProviderExit {
    public static final int NOTICE_DAYS = 90;

    public enum TaskState { PLANNED, IN_PROGRESS, MIGRATED, DATA_VERIFIED }

    public record Task(long id, long exitId, long systemId, long orgId, String systemName, TaskState state, String target, String note,
                       Instant updatedAt, String updatedBy) {
    }

    public record Exit(long id, long providerOrgId, Instant filedAt, String filedBy, LocalDate endDate, String reason, String contact,
                       String state, LocalDate clearedOn, String clearanceScope, String clearanceMethod, String verifiedBy,
                       Instant clearanceFiledAt, boolean overdue, List<Task> tasks, Decision decision) {
        public long migrated() {
            return tasks.stream().filter(t -> t.state() == TaskState.MIGRATED || t.state() == TaskState.DATA_VERIFIED).count();
        }
    }

    public record NewExit(LocalDate endDate, String reason, String contact) {
    }

    /** The competent department's decision on the application (issue 17 point 14): ACCEPTED or OBJECTED, with a reason. */
    public record Decision(String decision, String reason, String decidedBy, Instant decidedAt) {
    }

    public record Clearance(LocalDate clearedOn, String scope, String method, String verifiedBy) {
    }

    private final JdbcClient jdbc;
    private final Systems systems;
    private final Duties duties;
    private final WorkingCalendar calendar;
    private final AuditLog audit;
    private final Clock clock;

    ProviderExit(JdbcClient jdbc, Systems systems, Duties duties, WorkingCalendar calendar, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.systems = systems;
        this.duties = duties;
        this.calendar = calendar;
        this.audit = audit;
        this.clock = clock;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    /** The earliest end of service an application filed today may name (A5.6). */
    public LocalDate earliestEnd() {
        return today().plusDays(NOTICE_DAYS);
    }

    @Transactional
    public Exit file(NewExit e) {
        Actor actor = Actor.require();
        if (actor.orgKind() != OrgKind.PROVIDER) {
            throw new AccessDeniedException("only the provider files its exit");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (e.endDate() == null) {
            errors.put("endDate", "platform.exit.error.endDate");
        }
        if (e.reason() == null || e.reason().isBlank() || e.reason().length() > 2000) {
            errors.put("reason", "platform.exit.error.reason");
        }
        if (e.contact() == null || e.contact().isBlank() || e.contact().strip().length() > 100) {
            errors.put("contact", "platform.exit.error.contact");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("platform.exit.error.invalid", errors);
        }
        // A5.6: 提前90天向主管部门提交申请
        if (e.endDate().isBefore(earliestEnd())) {
            throw new RuleViolation("A5.6", "platform.exit.error.notice");
        }
        boolean open = jdbc.sql("select count(*) from platform_exit where provider_org_id = :org and state = 'OPEN'")
                .param("org", actor.orgId()).query(Long.class).single() > 0;
        if (open) {
            throw new RuleViolation("A5.6", "platform.exit.error.alreadyOpen");
        }
        OffsetDateTime now = now();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into platform_exit (provider_org_id, filed_at, filed_by, end_date, reason, contact, state) "
                        + "values (:org, :at, :by, :end, :reason, :contact, 'OPEN')")
                .param("org", actor.orgId()).param("at", now).param("by", actor.username()).param("end", e.endDate())
                .param("reason", e.reason().strip()).param("contact", e.contact().strip()).update(key, "id");
        long id = key.getKey().longValue();
        List<Systems.SystemRef> hosted = systems.onPlatform();
        for (Systems.SystemRef s : hosted) {
            jdbc.sql("insert into platform_exit_migration (exit_id, system_id, org_id, system_name, state, updated_at, updated_by) "
                            + "values (:exit, :sys, :org, :name, 'PLANNED', :at, :by)")
                    .param("exit", id).param("sys", s.id()).param("org", s.orgId()).param("name", s.name()).param("at", now)
                    .param("by", actor.username()).update();
        }
        // the catalog's duties, when the calendar covers their due dates (a year without a loaded holiday schedule raises none)
        Instant at = clock.instant();
        if (calendar.loadedYears().contains(today().plusDays(NOTICE_DAYS).getYear())) {
            duties.raise(new DutyTrigger("exit.requested", new Subject(SubjectKind.PLATFORM, actor.orgId(), actor.orgName(), actor.orgId(),
                    Map.of()), at, "exit:" + id));
            for (Systems.SystemRef s : hosted) {
                duties.raise(new DutyTrigger("exit.requested", new Subject(SubjectKind.SYSTEM, s.id(), s.name(), s.orgId(),
                        Map.of("mlpsLevel", s.mlpsLevel())), at, "exit:" + id + ":system:" + s.id()));
                // issue 17 point 14: the migration is due at the planned end of service, not at the earliest allowed one
                duties.setDue("exit:" + id + ":system:" + s.id(), "A5.6-system-migration", e.endDate(), "计划终止服务日期（A5.6）");
            }
            // issue 17 point 14: the competent department (supervisor) decides on the application
            duties.raise(new DutyTrigger("exit.decision-requested", new Subject(SubjectKind.PLATFORM, actor.orgId(), actor.orgName(), actor.orgId(),
                    Map.of()), at, "exit:" + id + ":decision"));
        }
        audit.record(AuditEvent.success("platform.exit.file", "exit:" + id,
                "end of service " + e.endDate() + ", " + hosted.size() + " systems to migrate"));
        return find(id, actor).orElseThrow();
    }

    /** The provider (who supports the migration) or the system's unit records a task's progress. */
    @Transactional
    public Task updateTask(long taskId, TaskState state, String target, String note) {
        Actor actor = Actor.require();
        Task task = task(taskId).orElseThrow(() -> new NotFound("migration task " + taskId));
        Exit exit = find(task.exitId(), actor).orElseThrow(() -> new NotFound("migration task " + taskId));
        boolean provider = actor.orgKind() == OrgKind.PROVIDER && exit.providerOrgId() == actor.orgId();
        boolean unit = actor.orgKind() == OrgKind.UNIT && task.orgId() == actor.orgId() && actor.has(Role.UNIT_SECURITY_OFFICER);
        if (!provider && !unit) {
            throw new AccessDeniedException("only the provider or the system's unit record migration progress");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (state == null) {
            errors.put("state", "platform.exit.error.taskState");
        }
        if ((state == TaskState.MIGRATED || state == TaskState.DATA_VERIFIED) && (target == null || target.isBlank())) {
            errors.put("target", "platform.exit.error.target");
        }
        if (target != null && target.length() > 300) {
            errors.put("target", "platform.exit.error.target");
        }
        if (note != null && note.length() > 2000) {
            errors.put("note", "platform.exit.error.note");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("platform.exit.error.invalid", errors);
        }
        if (!"OPEN".equals(exit.state())) {
            throw new RuleViolation("A5.6", "platform.exit.error.closed");
        }
        jdbc.sql("update platform_exit_migration set state = :state, target = :target, note = :note, updated_at = :at, updated_by = :by "
                        + "where id = :id")
                .param("state", state.name()).param("target", target == null || target.isBlank() ? null : target.strip())
                .param("note", note == null || note.isBlank() ? null : note.strip()).param("at", now()).param("by", actor.username())
                .param("id", taskId).update();
        if (state == TaskState.DATA_VERIFIED) {
            duties.fulfil("exit:" + task.exitId() + ":system:" + task.systemId(), "migrated to " + target.strip());
        }
        audit.record(AuditEvent.success("platform.exit.task", "exit-task:" + taskId, task.systemName() + " → " + state));
        return task(taskId).orElseThrow();
    }

    /**
     * A5.6 "终止服务后…报送数据清除报告": once an open exit's end date has come, the service has ended, and the event
     * raises the provider's A5.6-data-clearance-report (issue 17 point 10). Counted from the start of the end date,
     * the day the exit takes effect. Run every few minutes and before a clearance is filed; idempotent per exit.
     */
    @Transactional
    public int endServices() {
        LocalDate today = today();
        List<Map<String, Object>> ended = jdbc.sql("select id, provider_org_id, end_date from platform_exit where state = 'OPEN' "
                + "and end_date <= :today").param("today", today).query().listOfRows();
        for (Map<String, Object> row : ended) {
            long id = ((Number) row.get("id")).longValue();
            long org = ((Number) row.get("provider_org_id")).longValue();
            LocalDate end = row.get("end_date") instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) row.get("end_date");
            Instant endedAt = end.atStartOfDay(WorkingCalendar.ZONE).toInstant();
            duties.raise(new DutyTrigger("exit.service-ended", new Subject(SubjectKind.PLATFORM, org, "政务云平台", org, Map.of()), endedAt,
                    "exit:" + id + ":ended"));
        }
        return ended.size();
    }

    /** A5.6: after the end of service, the data-clearance report (what was erased, how, when, verified by whom) closes the exit. */
    @Transactional
    public Exit fileClearance(long exitId, Clearance c) {
        Actor actor = Actor.require();
        Exit exit = find(exitId, actor).orElseThrow(() -> new NotFound("exit " + exitId));
        if (actor.orgKind() != OrgKind.PROVIDER || exit.providerOrgId() != actor.orgId()) {
            throw new AccessDeniedException("only the provider files its data-clearance report");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (c.clearedOn() == null || c.clearedOn().isAfter(today()) || c.clearedOn().isBefore(exit.endDate())) {
            errors.put("clearedOn", "platform.exit.error.clearedOn");
        }
        if (c.scope() == null || c.scope().isBlank() || c.scope().length() > 2000) {
            errors.put("scope", "platform.exit.error.scope");
        }
        if (c.method() == null || c.method().isBlank() || c.method().length() > 1000) {
            errors.put("method", "platform.exit.error.method");
        }
        if (c.verifiedBy() == null || c.verifiedBy().isBlank() || c.verifiedBy().strip().length() > 100) {
            errors.put("verifiedBy", "platform.exit.error.verifiedBy");
        }
        if (today().isBefore(exit.endDate())) {
            throw new RuleViolation("A5.6", "platform.exit.error.notEnded");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("platform.exit.error.invalid", errors);
        }
        if (!"OPEN".equals(exit.state())) {
            throw new RuleViolation("A5.6", "platform.exit.error.closed");
        }
        jdbc.sql("update platform_exit set state = 'CLEARED', cleared_on = :on, clearance_scope = :scope, clearance_method = :method, "
                        + "verified_by = :verified, clearance_filed_at = :at, clearance_filed_by = :by where id = :id")
                .param("on", c.clearedOn()).param("scope", c.scope().strip()).param("method", c.method().strip())
                .param("verified", c.verifiedBy().strip()).param("at", now()).param("by", actor.username()).param("id", exitId).update();
        endServices();
        duties.fulfil("exit:" + exitId, "data-clearance report filed");
        duties.fulfil("exit:" + exitId + ":ended", "data-clearance report filed");
        audit.record(AuditEvent.success("platform.exit.clearance", "exit:" + exitId,
                "cleared on " + c.clearedOn() + " by " + c.method().strip() + ", verified by " + c.verifiedBy().strip()));
        return find(exitId, actor).orElseThrow();
    }

    /** The provider sees its exits, the supervisor and regulators all; a unit the exits that concern its systems, with only its tasks. */
    public List<Exit> list(Actor actor) {
        List<Long> ids;
        if (actor.orgKind() == OrgKind.SUPERVISOR || actor.orgKind() == OrgKind.REGULATOR) {
            ids = jdbc.sql("select id from platform_exit order by filed_at desc, id desc").query(Long.class).list();
        } else if (actor.orgKind() == OrgKind.PROVIDER) {
            ids = jdbc.sql("select id from platform_exit where provider_org_id = :org order by filed_at desc, id desc")
                    .param("org", actor.orgId()).query(Long.class).list();
        } else {
            ids = jdbc.sql("select distinct e.id, e.filed_at from platform_exit e join platform_exit_migration m on m.exit_id = e.id "
                    + "where m.org_id = :org order by e.filed_at desc, e.id desc").param("org", actor.orgId())
                    .query((rs, i) -> rs.getLong("id")).list();
        }
        List<Exit> exits = new ArrayList<>();
        for (long id : ids) {
            find(id, actor).ifPresent(exits::add);
        }
        return exits;
    }

    public Optional<Exit> find(long id, Actor actor) {
        boolean oversight = actor.orgKind() == OrgKind.SUPERVISOR || actor.orgKind() == OrgKind.REGULATOR;
        boolean provider = actor.orgKind() == OrgKind.PROVIDER;
        Map<String, Object> row = jdbc.sql("select * from platform_exit where id = :id").param("id", id).query().listOfRows()
                .stream().findFirst().orElse(null);
        if (row == null) {
            return Optional.empty();
        }
        long providerOrg = ((Number) row.get("provider_org_id")).longValue();
        if (provider && providerOrg != actor.orgId()) {
            return Optional.empty();
        }
        Map<String, Object> params = new HashMap<>();
        params.put("exit", id);
        String where = "m.exit_id = :exit";
        if (!oversight && !provider) {
            where += " and m.org_id = :org";
            params.put("org", actor.orgId());
        }
        List<Task> tasks = jdbc.sql("select * from platform_exit_migration m where " + where + " order by m.org_id, m.system_name, m.id")
                .params(params).query((rs, i) -> task(rs)).list();
        if (!oversight && !provider && tasks.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("select * from platform_exit where id = :id").param("id", id).query((rs, i) -> {
            LocalDate end = rs.getObject("end_date", LocalDate.class);
            String state = rs.getString("state");
            OffsetDateTime cleared = rs.getObject("clearance_filed_at", OffsetDateTime.class);
            return new Exit(rs.getLong("id"), rs.getLong("provider_org_id"), rs.getObject("filed_at", OffsetDateTime.class).toInstant(),
                    rs.getString("filed_by"), end, rs.getString("reason"), rs.getString("contact"), state,
                    rs.getObject("cleared_on", LocalDate.class), rs.getString("clearance_scope"), rs.getString("clearance_method"),
                    rs.getString("verified_by"), cleared == null ? null : cleared.toInstant(),
                    "OPEN".equals(state) && today().isAfter(end), tasks, rs.getString("decision") == null ? null
                    : new Decision(rs.getString("decision"), rs.getString("decision_reason"), rs.getString("decided_by"),
                            rs.getObject("decided_at", OffsetDateTime.class).toInstant()));
        }).optional();
    }

    private Optional<Task> task(long id) {
        return jdbc.sql("select * from platform_exit_migration m where m.id = :id").param("id", id).query((rs, i) -> task(rs)).optional();
    }

    private static Task task(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Task(rs.getLong("id"), rs.getLong("exit_id"), rs.getLong("system_id"), rs.getLong("org_id"), rs.getString("system_name"),
                TaskState.valueOf(rs.getString("state")), rs.getString("target"), rs.getString("note"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getString("updated_by"));
    }
}
