package cn.govcloud.guard.access.internal;

import cn.govcloud.guard.access.LongTermChannelRequested;
import cn.govcloud.guard.access.RemoteAccessApproved;
import cn.govcloud.guard.access.internal.Channel.Approver;
import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The checks of a request: the unit's other security officer (A9.2: approver ≠ requester) or the supervisor (the
 * platform's exception, A5.3, or a unit whose requester is its only officer), then for a long-term channel the
 * network-security regulator (A9.3).
 */
@Service
public class ChannelDecisions {
    private final ChannelStore store;
    private final ChannelApprovers approvers;
    private final AccessSubjects subjects;
    private final Duties duties;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    ChannelDecisions(ChannelStore store, ChannelApprovers approvers, AccessSubjects subjects, Duties duties, ApplicationEventPublisher events,
                     AuditLog audit, Clock clock) {
        this.store = store;
        this.approvers = approvers;
        this.subjects = subjects;
        this.duties = duties;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public void approve(long id, String note) {
        decide(id, true, note);
    }

    @Transactional
    public void refuse(long id, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInput("access.channel.error.invalid", Map.of("reason", "access.channel.error.reason"));
        }
        decide(id, false, reason);
    }

    private void decide(long id, boolean approve, String note) {
        Actor actor = Actor.require();
        Channel c = store.locked(id, actor);
        Approver approver = approvers.of(c);
        String next = c.decide(actor, approver, approve);
        Instant now = clock.instant();
        store.decided(id, next, actor.username(), now, Columns.blankToNull(note));
        duties.fulfil(c.reference(), (approve ? "approved by " : "refused by ") + actor.username());
        if (approve && !c.platform()) {
            if (c.longTerm()) {
                events.publishEvent(new LongTermChannelRequested(id, subjects.system(c.systemId()), now));
            } else {
                events.publishEvent(new RemoteAccessApproved(id, subjects.system(c.systemId()), now));
            }
        }
        audit.record(AuditEvent.success(approve ? "access.channel.approve" : "access.channel.refuse", c.reference(),
                c.rule() + " " + next + (approver == Approver.SUPERVISOR_FOR_SOLE_OFFICER
                        ? " (the supervisor's check: the requester is the unit's only security officer)" : "")
                        + (note == null ? "" : " " + note.strip())));
    }

    /** A9.3: the network-security regulator's decision on a long-term channel; before it the provider opens nothing. */
    @Transactional
    public void regulatorDecide(long id, boolean approve, String reason) {
        Actor actor = Actor.require();
        if (!actor.has(Role.REGULATOR)) {
            throw new AccessDeniedException("the network-security regulator decides on long-term channels (A9.3)");
        }
        Channel c = store.locked(id, actor);
        String next = c.regulatorDecides(approve);
        if (!approve && (reason == null || reason.isBlank())) {
            throw new InvalidInput("access.channel.error.invalid", Map.of("reason", "access.channel.error.reason"));
        }
        Instant now = clock.instant();
        store.regulatorDecided(id, next, actor.username(), now, Columns.blankToNull(reason));
        duties.fulfil(c.reference() + ":regulator", (approve ? "approved by " : "refused by ") + actor.username());
        if (approve) {
            events.publishEvent(new RemoteAccessApproved(id, subjects.system(c.systemId()), now));
        }
        audit.record(AuditEvent.success(approve ? "access.channel.regulator-approve" : "access.channel.regulator-refuse", c.reference(),
                "A9.3 long-term channel" + (reason == null ? "" : " " + reason.strip())));
    }
}
