package cn.govcloud.guard.hazards.internal;

import static cn.govcloud.guard.hazards.internal.HazardRepository.ts;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.hazards.internal.HazardService.HazardView;
import cn.govcloud.guard.hazards.internal.HazardService.Request;
import cn.govcloud.guard.hazards.internal.HazardState.Action;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * More time or an accepted risk (A10.2): the unit asks with a reason, only the supervisor decides, always with a reason.
 * An approved extension moves the hazard's due time (the catalog's original stays on record); an approved risk
 * acceptance ends the loop and fulfils the duties.
 */
@Service
public class Extensions {
    private static final String EXTENSION = "EXTENSION";
    private static final String RISK_ACCEPTANCE = "RISK_ACCEPTANCE";

    private final HazardSteps steps;
    private final HazardRepository hazards;
    private final HazardHistory history;
    private final HazardClocks clocks;
    private final HazardDelivery delivery;
    private final AuditLog audit;
    private final Clock clock;

    Extensions(HazardSteps steps, HazardRepository hazards, HazardHistory history, HazardClocks clocks, HazardDelivery delivery,
               AuditLog audit, Clock clock) {
        this.steps = steps;
        this.hazards = hazards;
        this.history = history;
        this.clocks = clocks;
        this.delivery = delivery;
        this.audit = audit;
        this.clock = clock;
    }

    /** The unit asks for more time, with a reason and the date it proposes; the supervisor decides. */
    @Transactional
    public Request requestExtension(long id, LocalDate proposedDueDate, String reason, Actor actor) {
        HazardNotice notice = steps.forUnit(id, actor);
        steps.require(notice, Action.REQUEST_EXTENSION);
        notice.checkExtension(proposedDueDate, reason);
        return request(notice.view(), actor, EXTENSION, proposedDueDate, reason.strip());
    }

    /** The unit asks that the residual risk be accepted instead of fixed; the supervisor decides. */
    @Transactional
    public Request requestRiskAcceptance(long id, String reason, Actor actor) {
        HazardNotice notice = steps.forUnit(id, actor);
        steps.require(notice, Action.REQUEST_RISK_ACCEPTANCE);
        HazardNotice.checkReason(reason);
        return request(notice.view(), actor, RISK_ACCEPTANCE, null, reason.strip());
    }

    private Request request(HazardView h, Actor actor, String kind, LocalDate proposed, String reason) {
        hazards.lock(h.id());
        if (history.requestPending(h.id())) {
            throw new RuleViolation(HazardNotice.RULE, "hazards.refused.requestPending");
        }
        Instant now = clock.instant();
        long requestId = history.insertRequest(h.id(), kind, now, actor, reason, proposed);
        history.event(h.id(), kind.equals(EXTENSION) ? "EXTENSION_REQUESTED" : "RISK_ACCEPTANCE_REQUESTED", actor, now,
                reason + (proposed == null ? "" : " → " + proposed), null, requestId);
        audit.record(AuditEvent.success("hazards.request", HazardClocks.reference(h.id()), kind + " " + reason + (proposed == null ? "" : " " + proposed)));
        delivery.tellSupervisors(h, "request:" + requestId, "hazards.notice.request", List.of(h.systemName(), h.title(), reason),
                Notice.Severity.WARNING, now);
        return history.request(h.id(), requestId).orElseThrow();
    }

    /** The supervisor approves or rejects a request, always with a reason (A10.2). */
    @Transactional
    public HazardView decide(long id, long requestId, boolean approve, String reason, Actor actor) {
        steps.visible(id, actor);
        if (!(actor.orgKind() == OrgKind.SUPERVISOR && actor.has(Role.SUPERVISOR))) {
            throw new AccessDeniedException("only the supervisor approves extensions and risk acceptance (A10.2)");
        }
        Request request = history.request(id, requestId).orElseThrow(() -> new NotFound("request " + requestId));
        HazardNotice.checkReason(reason);
        String why = reason.strip();
        hazards.lock(id);
        HazardNotice notice = steps.notice(steps.reload(id));
        HazardView h = notice.view();
        if (!request.pending()) {
            throw new RuleViolation(HazardNotice.RULE, "hazards.refused.requestDecided");
        }
        boolean riskAcceptance = request.kind().equals(RISK_ACCEPTANCE);
        if (h.state().closed()) {
            throw steps.of(h.state(), approve && riskAcceptance ? Action.APPROVE_RISK_ACCEPTANCE : Action.REQUEST_EXTENSION);
        }
        Instant now = clock.instant();
        hazards.markOverdue(id, now);
        Instant newDueAt = null;
        if (approve && !riskAcceptance) {
            newDueAt = request.proposedDueDate().plusDays(1).atStartOfDay(WorkingCalendar.ZONE).toInstant();
            hazards.extend(id, request.proposedDueDate(), newDueAt);
            clocks.extended(h, request.proposedDueDate(), why);
        } else if (approve) {
            steps.move(notice, Action.APPROVE_RISK_ACCEPTANCE, ", closed_at = :now, closed_by = :by", Map.of("now", ts(now), "by", actor.username()));
            String note = "风险接受（市大数据中心批准）：" + why;
            clocks.closed(h, note);
            if (h.awaitingVerification()) {
                clocks.fulfilFollowUp(h, note);
            }
            if (h.returnDutyId() != null) {
                clocks.fulfilClock(h, note);
            }
        }
        String eventKind = riskAcceptance ? (approve ? "RISK_ACCEPTED" : "RISK_ACCEPTANCE_REJECTED")
                : (approve ? "EXTENSION_APPROVED" : "EXTENSION_REJECTED");
        history.decideRequest(requestId, approve, now, actor, why, h.effectiveDueAt(), newDueAt);
        history.event(id, eventKind, actor, now, why + (newDueAt == null ? "" : " → " + request.proposedDueDate()), null, requestId);
        audit.record(AuditEvent.success("hazards.decide", HazardClocks.reference(id), request.kind() + " " + (approve ? "approved" : "rejected")
                + " " + why + (newDueAt == null ? "" : " due " + h.effectiveDueDate() + " → " + request.proposedDueDate())));
        delivery.tellUnit(h, "decision:" + requestId, approve ? "hazards.notice.approved" : "hazards.notice.rejected",
                List.of(h.systemName(), h.title(), why), approve ? Notice.Severity.INFO : Notice.Severity.WARNING, now);
        return steps.reload(id);
    }
}
