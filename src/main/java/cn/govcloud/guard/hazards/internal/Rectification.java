package cn.govcloud.guard.hazards.internal;

import static cn.govcloud.guard.hazards.internal.HazardRepository.blank;
import static cn.govcloud.guard.hazards.internal.HazardRepository.ts;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.hazards.internal.HazardService.HazardView;
import cn.govcloud.guard.hazards.internal.HazardService.Upload;
import cn.govcloud.guard.hazards.internal.HazardState.Action;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.shared.Actor;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The owning unit's part of the loop (A10.1, A10.2): a named person acknowledges with the first measures, the work starts,
 * and the written feedback (整改报告) with evidence goes to the warning department — where the unit's clock stops.
 */
@Service
public class Rectification {
    private final HazardSteps steps;
    private final HazardRepository hazards;
    private final HazardHistory history;
    private final HazardClocks clocks;
    private final HazardDelivery delivery;
    private final Documents documents;
    private final AuditLog audit;
    private final Clock clock;

    Rectification(HazardSteps steps, HazardRepository hazards, HazardHistory history, HazardClocks clocks, HazardDelivery delivery,
                  Documents documents, AuditLog audit, Clock clock) {
        this.steps = steps;
        this.hazards = hazards;
        this.history = history;
        this.clocks = clocks;
        this.delivery = delivery;
        this.documents = documents;
        this.audit = audit;
        this.clock = clock;
    }

    /** A named person of the unit acknowledges and states the first measures (A10.1, A10.2 "立即启动响应"). */
    @Transactional
    public HazardView acknowledge(long id, String handlerName, String firstMeasures, Actor actor) {
        HazardNotice notice = steps.forUnit(id, actor);
        steps.require(notice, Action.ACKNOWLEDGE);
        HazardNotice.checkAcknowledgement(handlerName, firstMeasures);
        HazardView h = notice.view();
        String handler = handlerName.strip();
        String measures = firstMeasures.strip();
        Instant now = clock.instant();
        steps.move(notice, Action.ACKNOWLEDGE, ", acknowledged_at = :now, acknowledged_by = :by, handler_name = :handler, first_measures = :measures",
                Map.of("now", ts(now), "by", actor.username(), "handler", handler, "measures", measures));
        clocks.acknowledged(h, handler, measures);
        history.event(id, "ACKNOWLEDGED", actor, now, handler + "：" + measures, null, null);
        audit.record(AuditEvent.success("hazards.acknowledge", HazardClocks.reference(id), "handler " + handler
                + (now.isAfter(h.ackDueAt() == null ? now : h.ackDueAt()) ? " late" : "")));
        delivery.tellWarner(notice, "acknowledged", "hazards.notice.acknowledged", List.of(h.systemName(), h.title(), handler),
                Notice.Severity.INFO, now);
        return steps.reload(id);
    }

    /** Optional step: the unit marks the work started. */
    @Transactional
    public HazardView start(long id, Actor actor) {
        HazardNotice notice = steps.forUnit(id, actor);
        Instant now = clock.instant();
        steps.move(notice, Action.START);
        history.event(id, "STARTED", actor, now, null, null, null);
        audit.record(AuditEvent.success("hazards.start", HazardClocks.reference(id), notice.view().title()));
        return steps.reload(id);
    }

    /**
     * 整改报告 (A10.2): what was done, when, the residual risk and at least one evidence document, in writing to the warning
     * department, copied to the supervisor. Late feedback is accepted and marked late.
     */
    @Transactional
    public HazardView feedback(long id, String measures, String residualRisk, LocalDate completedOn, List<Upload> uploads, Actor actor) {
        HazardNotice notice = steps.forUnit(id, actor);
        steps.require(notice, Action.FEEDBACK);
        HazardView h = notice.view();
        Instant now = clock.instant();
        List<Upload> files = uploads == null ? List.of() : uploads.stream().filter(u -> u != null && !blank(u.filename())).toList();
        notice.checkFeedback(measures, residualRisk, completedOn, files, now);
        // the unit's clock stops here (A10.2): overdue is decided now, before the state leaves the running ones
        hazards.markOverdue(id, now);
        steps.move(notice, Action.FEEDBACK, ", feedback_at = :now", Map.of("now", ts(now)));
        boolean late = notice.lateAt(now);
        long feedbackId = history.insertFeedback(id, actor, now, measures.strip(), blank(residualRisk) ? null : residualRisk.strip(),
                completedOn, late);
        for (Upload upload : files) {
            // refused files throw InvalidInput here and the whole feedback rolls back
            StoredDocument stored = documents.store(h.orgId(), upload.filename(), upload.content());
            history.attach(feedbackId, stored.id(), stored.filename());
        }
        history.event(id, "FEEDBACK", actor, now, measures.strip(), feedbackId, null);
        clocks.rectified(notice, feedbackId, late, now);
        audit.record(AuditEvent.success("hazards.feedback", HazardClocks.reference(id), "feedback " + feedbackId + (late ? " late" : "")
                + " documents=" + files.size()));
        List<String> args = List.of(h.systemName(), h.title(), h.orgName());
        delivery.tellWarner(notice, "feedback:" + feedbackId, "hazards.notice.feedback", args, Notice.Severity.INFO, now);
        delivery.tellSupervisors(h, "feedback:" + feedbackId, "hazards.notice.feedbackCopy", args, Notice.Severity.INFO, now);
        return steps.reload(id);
    }
}
