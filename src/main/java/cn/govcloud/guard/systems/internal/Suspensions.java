package cn.govcloud.guard.systems.internal;

import static cn.govcloud.guard.systems.internal.Checks.blank;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.systems.SystemExitOrdered;
import cn.govcloud.guard.systems.SystemSuspended;
import cn.govcloud.guard.systems.internal.HostedSystem.Switch;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The supervisor's sanctions of A11.4: suspension (the switches go off), resumption, the ordered exit with its deadline,
 * and the completed exit with the disposition of the data. Each is executed by the provider through a work order.
 */
@Service
public class Suspensions {
    private final SystemRepository systems;
    private final SystemChanges changes;
    private final Duties duties;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Suspensions(SystemRepository systems, SystemChanges changes, Duties duties, AuditLog audit, ApplicationEventPublisher events,
                Clock clock) {
        this.systems = systems;
        this.changes = changes;
        this.duties = duties;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public HostedSystem suspend(long id, String reason) {
        Actor actor = Checks.requireSupervisor(Actor.require());
        HostedSystem system = systems.visible(id, actor);
        system.check(Lifecycle.SUSPEND);
        Checks.requireReason(reason);
        Instant now = changes.move(system, Lifecycle.SUSPEND, reason.strip(), actor);
        // A11.4 "暂停政务云服务" (issue 17 point 7): a suspended system has no internet access and no external exchange
        switchesOff(system, actor, now, "暂停服务：" + reason.strip());
        // issue 17 point 7: the suspension is executed by the provider (service stopped, access and exchange off) by work order
        changes.order(system, WorkOrders.Kind.SUSPENSION, false, false, reason.strip(), actor, now);
        events.publishEvent(new SystemSuspended(id, changes.subject(system), now));
        return systems.get(id);
    }

    @Transactional
    public HostedSystem resume(long id, String reason) {
        Actor actor = Checks.requireSupervisor(Actor.require());
        HostedSystem system = systems.visible(id, actor);
        system.check(Lifecycle.RESUME);
        Checks.requireReason(reason);
        Instant now = changes.move(system, Lifecycle.RESUME, reason.strip(), actor);
        closeSuspensionReview(id, "恢复服务：" + reason.strip());
        changes.order(system, WorkOrders.Kind.RESUMPTION, null, null, reason.strip(), actor, now);
        return systems.get(id);
    }

    @Transactional
    public HostedSystem orderExit(long id, String reason, LocalDate deadline) {
        Actor actor = Checks.requireSupervisor(Actor.require());
        HostedSystem system = systems.visible(id, actor);
        system.check(Lifecycle.ORDER_EXIT);
        Map<String, String> errors = new LinkedHashMap<>();
        if (blank(reason)) {
            errors.put("reason", "systems.error.reason");
        }
        if (deadline == null || !deadline.isAfter(Checks.today(clock))) {
            errors.put("deadline", "systems.error.deadline");
        }
        Checks.valid(errors);
        systems.exitDeadline(id, deadline);
        Instant now = changes.move(system, Lifecycle.ORDER_EXIT, reason.strip() + " (" + deadline + ")", actor);
        events.publishEvent(new SystemExitOrdered(id, changes.subject(system), now, deadline));
        // issue 17 point 7: the duty is due on the ordered deadline (the catalog's 30 days are only the default), and the
        // order is the supervisor's decision on the suspension (A11.4-suspension-review)
        duties.setDue("system:" + id, "A11.4-ordered-exit", deadline, "责令限期退出");
        closeSuspensionReview(id, "责令限期退出（" + deadline + "）：" + reason.strip());
        switchesOff(system, actor, now, "责令限期退出");
        changes.order(systems.get(id), WorkOrders.Kind.EXIT_ORDER, false, false, reason.strip() + "（" + deadline + "）", actor, now);
        return systems.get(id);
    }

    /** The exit completes with the disposition of the system's data recorded (the unit or the supervisor). */
    @Transactional
    public HostedSystem completeExit(long id, String dataDisposition) {
        Actor actor = Actor.require();
        if (!actor.isUnitUser() && !actor.has(Role.SUPERVISOR)) {
            throw new AccessDeniedException("the unit or the supervisor records the exit");
        }
        HostedSystem system = systems.visible(id, actor);
        system.check(Lifecycle.COMPLETE_EXIT);
        if (blank(dataDisposition)) {
            throw new InvalidInput(Checks.INVALID, Map.of("dataDisposition", "systems.error.dataDisposition"));
        }
        systems.exited(id, dataDisposition.strip());
        Instant now = changes.move(system, Lifecycle.COMPLETE_EXIT, dataDisposition.strip(), actor);
        changes.order(system, WorkOrders.Kind.EXIT, false, false, dataDisposition.strip(), actor, now);
        return systems.get(id);
    }

    /** Internet access and external exchange off, each recorded on the timeline when it was on. */
    private void switchesOff(HostedSystem system, Actor actor, Instant now, String why) {
        for (Switch which : Switch.values()) {
            if (system.isOn(which)) {
                changes.note(system, which + ":OFF", "A11.4", why, actor, now);
            }
        }
        systems.switchesOff(system.id(), now);
        audit.record(AuditEvent.success("systems.switch", system.reference(), "INTERNET_ACCESS off, EXTERNAL_EXCHANGE off: " + why));
    }

    /** The supervisor decided on the suspension: its open review duty is done. */
    private void closeSuspensionReview(long id, String decision) {
        duties.ofSubjectAndRule(SubjectKind.SYSTEM, id, "A11.4-suspension-review").stream().filter(d -> !d.state().closed())
                .forEach(d -> duties.fulfil(d.reference(), decision));
    }
}
