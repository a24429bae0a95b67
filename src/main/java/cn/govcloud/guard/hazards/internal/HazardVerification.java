package cn.govcloud.guard.hazards.internal;

import static cn.govcloud.guard.hazards.internal.HazardRepository.blank;
import static cn.govcloud.guard.hazards.internal.HazardRepository.ts;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.hazards.internal.HazardService.HazardView;
import cn.govcloud.guard.hazards.internal.HazardState.Action;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.shared.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The warning department's part of the loop (A10.2, A11.3): it re-tests (复测) when the catalog asks, then closes the
 * hazard or returns the feedback with a reason — which restarts the unit's clock without ever shortening it.
 */
@Service
public class HazardVerification {
    private final HazardSteps steps;
    private final HazardRepository hazards;
    private final HazardHistory history;
    private final HazardClocks clocks;
    private final HazardRetests retests;
    private final HazardDelivery delivery;
    private final AuditLog audit;
    private final Clock clock;

    HazardVerification(HazardSteps steps, HazardRepository hazards, HazardHistory history, HazardClocks clocks, HazardRetests retests,
                 HazardDelivery delivery, AuditLog audit, Clock clock) {
        this.steps = steps;
        this.hazards = hazards;
        this.history = history;
        this.clocks = clocks;
        this.retests = retests;
        this.delivery = delivery;
        this.audit = audit;
        this.clock = clock;
    }

    /** The warner verifies and closes; the catalog's duties are fulfilled (A10.2). */
    @Transactional
    public HazardView close(long id, String note, Actor actor) {
        HazardNotice notice = steps.forWarner(id, actor);
        steps.require(notice, Action.CLOSE);
        HazardView h = notice.view();
        // issue 17 point 4: when the catalog asks a re-test (复测), closing waits for a passed one of the current feedback
        retests.checkBeforeClose(h, notice.warnerKindName());
        Instant now = clock.instant();
        hazards.markOverdue(id, now);
        steps.move(notice, Action.CLOSE, ", closed_at = :now, closed_by = :by", Map.of("now", ts(now), "by", actor.username()));
        String text = blank(note) ? null : note.strip();
        history.decideFeedback(id, "CLOSED", now, actor, text);
        clocks.closed(h, "隐患已闭环：" + h.title() + (text == null ? "" : "（" + text + "）"));
        clocks.fulfilFollowUp(h, "核查确认整改到位" + (text == null ? "" : "：" + text));
        history.event(id, "CLOSED", actor, now, text, null, null);
        HazardView closed = steps.reload(id);
        audit.record(AuditEvent.success("hazards.close", HazardClocks.reference(id), h.title() + (closed.closedLate() ? " late" : " on time")));
        delivery.tellUnit(closed, "closed", "hazards.notice.closed", List.of(h.systemName(), h.title()), Notice.Severity.INFO, now);
        return closed;
    }

    /**
     * The warner records a re-test (复测) of the unit's feedback — who tested, when, the result (A10.2, issue 17 point 4).
     * Allowed whenever the feedback awaits verification; asked before closing when the catalog says so.
     */
    @Transactional
    public HazardRetests.Retest retest(long id, String testedBy, Instant testedAt, String result, String note, Actor actor) {
        HazardNotice notice = steps.forWarner(id, actor);
        steps.require(notice, Action.CLOSE);
        HazardRetests.Retest r = retests.record(notice.view(), actor, testedBy, testedAt, result, note);
        history.event(id, "RETESTED", actor, clock.instant(), r.testedBy() + " " + r.testedAt() + " " + r.result()
                + (r.note() == null ? "" : "：" + r.note()), r.feedbackId(), null);
        audit.record(AuditEvent.success("hazards.retest", HazardClocks.reference(id), "retest " + r.id() + " by " + r.testedBy() + " at "
                + r.testedAt() + " " + r.result()));
        return r;
    }

    /** The warner returns the feedback with a reason; the due date does not move (A10.2). */
    @Transactional
    public HazardView returnFeedback(long id, String reason, Actor actor) {
        HazardNotice notice = steps.forWarner(id, actor);
        steps.require(notice, Action.RETURN);
        HazardNotice.checkReason(reason);
        HazardView h = notice.view();
        String why = reason.strip();
        Instant now = clock.instant();
        steps.move(notice, Action.RETURN);
        history.decideFeedback(id, "RETURNED", now, actor, why);
        clocks.fulfilFollowUp(h, "核查未通过，已退回：" + why);
        clocks.returned(h, now);
        history.event(id, "RETURNED", actor, now, why, null, null);
        audit.record(AuditEvent.success("hazards.return", HazardClocks.reference(id), why));
        delivery.tellUnit(h, "returned:" + now.toEpochMilli(), "hazards.notice.returned", List.of(h.systemName(), h.title(), why),
                Notice.Severity.WARNING, now);
        return steps.reload(id);
    }
}
