package cn.govcloud.guard.systems.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.shared.Actor;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * How every use case changes a hosted system: a state change through {@link Lifecycle} (guarded by the aggregate and by
 * the row's current state), an entry on the timeline, the audit record, and the work order a decision raises for the
 * provider (issue 17 point 6) — all in the caller's transaction.
 */
@Component
class SystemChanges {
    private final SystemRepository systems;
    private final SystemSubjects subjects;
    private final WorkOrders workOrders;
    private final AuditLog audit;
    private final Clock clock;

    SystemChanges(SystemRepository systems, SystemSubjects subjects, WorkOrders workOrders, AuditLog audit, Clock clock) {
        this.systems = systems;
        this.subjects = subjects;
        this.workOrders = workOrders;
        this.audit = audit;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    /** Moves the system by {@code action}; a concurrent change that got there first makes this a 409 naming the new state. */
    Instant move(HostedSystem system, Lifecycle action, String reason, Actor actor) {
        SystemState to = system.check(action);
        Instant now = clock.instant();
        if (!systems.move(system.id(), system.state(), to, reason, now)) {
            throw new Lifecycle.StateRefused(action, systems.get(system.id()).state());
        }
        systems.record(system.id(), action.name(), system.state(), to, action.rule(), reason, actor.username(), now);
        audit.record(AuditEvent.success("systems." + action.name().toLowerCase(), system.reference(),
                system.state() + " → " + to + " (" + action.rule() + ")" + (reason == null ? "" : ": " + reason)));
        return now;
    }

    /** An entry on the timeline that leaves the state as it is (an upload, a review, a switch). */
    void note(HostedSystem system, String action, String rule, String reason, Actor actor, Instant at) {
        systems.record(system.id(), action, system.state(), system.state(), rule, reason, actor.username(), at);
    }

    /** Raises the decision's work order to the provider (issue 17 point 6), in the decision's transaction. */
    void order(HostedSystem system, WorkOrders.Kind kind, Boolean internet, Boolean exchange, String reason, Actor actor, Instant now) {
        workOrders.issue(subject(system), kind, WorkOrderTexts.change(kind, system, reason), internet, exchange, reason, actor, now);
    }

    Subject subject(HostedSystem system) {
        return subjects.of(system);
    }
}
