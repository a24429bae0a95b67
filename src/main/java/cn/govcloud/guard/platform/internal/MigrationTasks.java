package cn.govcloud.guard.platform.internal;

import static cn.govcloud.guard.platform.internal.Fields.blank;
import static cn.govcloud.guard.platform.internal.Fields.strippedOrNull;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.platform.ExitRequested;
import cn.govcloud.guard.platform.internal.Exit.Task;
import cn.govcloud.guard.platform.internal.Exit.TaskState;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A5.6: one hosted system's migration under an open exit; the provider (who supports it) or the system's unit records progress. */
@Service
public class MigrationTasks {
    private final Exits exits;
    private final Duties duties;
    private final AuditLog audit;
    private final PlatformClock clock;

    MigrationTasks(Exits exits, Duties duties, AuditLog audit, PlatformClock clock) {
        this.exits = exits;
        this.duties = duties;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Task update(Actor actor, long taskId, TaskState state, String target, String note) {
        Task task = exits.task(taskId).orElseThrow(() -> new NotFound("migration task " + taskId));
        Exit exit = exits.find(task.exitId(), actor, clock.today()).orElseThrow(() -> new NotFound("migration task " + taskId));
        boolean provider = actor.orgKind() == OrgKind.PROVIDER && exit.providerOrgId() == actor.orgId();
        boolean unit = actor.orgKind() == OrgKind.UNIT && task.orgId() == actor.orgId() && actor.has(Role.UNIT_SECURITY_OFFICER);
        if (!provider && !unit) {
            throw new AccessDeniedException("only the provider or the system's unit record migration progress");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (state == null) {
            errors.put("state", "platform.exit.error.taskState");
        }
        if ((state == TaskState.MIGRATED || state == TaskState.DATA_VERIFIED) && blank(target)) {
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
        exit.requireOpen();
        exits.updateTask(taskId, state, strippedOrNull(target), strippedOrNull(note), clock.now(), actor.username());
        if (state == TaskState.DATA_VERIFIED) {
            duties.fulfil(ExitRequested.systemReference(task.exitId(), task.systemId()), "migrated to " + target.strip());
        }
        audit.record(AuditEvent.success("platform.exit.task", "exit-task:" + taskId, task.systemName() + " → " + state));
        return exits.task(taskId).orElseThrow();
    }

    /** The exit a task belongs to, for the pages to return to. */
    @Transactional(readOnly = true)
    public long exitOf(long taskId) {
        return exits.task(taskId).map(Task::exitId).orElseThrow(() -> new NotFound("migration task " + taskId));
    }
}
