package cn.govcloud.guard.hazards.internal;

import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.hazards.HazardFound;
import cn.govcloud.guard.hazards.HazardNotified;
import cn.govcloud.guard.hazards.HazardRectified;
import cn.govcloud.guard.hazards.HazardReturned;
import cn.govcloud.guard.hazards.internal.HazardService.HazardView;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.systems.Systems;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The catalog's clocks of a hazard (A10.2, A11.3): the module publishes what happened ({@link HazardNotified},
 * {@link HazardFound}, {@link HazardRectified}, {@link HazardReturned}); the duty engine raises the duties in the same
 * transaction, and this reads back the ones the hazard's own columns follow.
 */
@Component
class HazardClocks {
    static final String ACK_RULE = "A10.2-hazard-acknowledgement";
    /** The same acknowledgement on the shorter clock of a 实网攻防 or 重保 period the unit takes part in (A4, 第四条（二）). */
    static final String PERIOD_ACK_RULE = "A4-period-hazard-acknowledgement";
    static final String RECTIFY_RULE = "A10.2-rectify";
    /** The same duty for a critical hazard, so a district can shorten it (issue 17 point 4). */
    static final String RECTIFY_CRITICAL_RULE = "A10.2-rectify-critical";

    private final ApplicationEventPublisher events;
    private final Duties duties;
    private final HazardRepository hazards;
    private final HazardHistory history;
    private final Systems systems;

    HazardClocks(ApplicationEventPublisher events, Duties duties, HazardRepository hazards, HazardHistory history, Systems systems) {
        this.events = events;
        this.duties = duties;
        this.hazards = hazards;
        this.history = history;
        this.systems = systems;
    }

    /** The rules whose duty is the unit's rectification clock from the notice (A10.2). */
    static boolean rectifyRule(String ruleId) {
        return RECTIFY_RULE.equals(ruleId) || RECTIFY_CRITICAL_RULE.equals(ruleId);
    }

    /** The rules whose duty is the unit's acknowledgement of the notice: the usual clock or a heightened period's. */
    static boolean ackRule(String ruleId) {
        return ACK_RULE.equals(ruleId) || PERIOD_ACK_RULE.equals(ruleId);
    }

    static String reference(long id) {
        return "hazard:" + id;
    }

    /** A10.2: the catalog decides the clocks; the rectification's due date is the notice's due date. Returns that duty. */
    Duty notified(long id, Subject system, Instant notifiedAt, Map<String, Object> facts) {
        events.publishEvent(new HazardNotified(id, system, notifiedAt, facts));
        List<Duty> raised = duties.raisedBy(reference(id));
        Duty rectify = raised.stream().filter(d -> rectifyRule(d.ruleId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the catalog has no rule " + RECTIFY_RULE + " for hazard.notified"));
        hazards.startClocks(id, rectify, raised.stream().filter(d -> ackRule(d.ruleId())).findFirst());
        return rectify;
    }

    /** A11.3-hazard-notice (及时通知通报): the hazard is found as it is recorded, and the notice going out fulfils it. */
    void found(long id, Subject system, Instant now, HazardService.Severity severity) {
        HazardFound found = new HazardFound(id, system, now, severity);
        events.publishEvent(found);
        duties.fulfil(found.reference(), "隐患通知已送达系统所属单位（YH-" + id + "）");
    }

    /** The acknowledgement is the evidence of the unit's A10.2-hazard-acknowledgement duty (handler + first measures). */
    void acknowledged(HazardView h, String handlerName, String firstMeasures) {
        if (h.ackDutyId() != null) {
            duties.find(h.ackDutyId()).filter(d -> d.state().awaitsSubmission()).ifPresent(d -> duties.submit(d.id(),
                    Map.of("handler", handlerName, "firstMeasures", firstMeasures)));
        }
    }

    /**
     * The feedback fulfils the unit's duty of the running clock (A10.2-rectify, or the one a return raised) and starts
     * the warner's verification on its own clock (A11.3-rectification-follow-up).
     */
    void rectified(HazardNotice notice, long feedbackId, boolean late, Instant now) {
        HazardView h = notice.view();
        duties.fulfil(clockReference(h), "书面整改反馈已提交（整改报告 " + feedbackId + (late ? "，逾期" : "，按时") + "）");
        HazardRectified rectified = new HazardRectified(h.id(), feedbackId, subject(h), now, notice.warnerKindName(), h.severity(), h.warnerOrgId());
        events.publishEvent(rectified);
        hazards.followUp(h.id(), duties.raisedBy(rectified.reference()).stream().findFirst().orElse(null));
    }

    /**
     * A10.2-rectify-after-return: the catalog's time counts again from the return; the hazard's due date becomes the later
     * of that duty's and the one it had (a return never shortens the unit's time).
     */
    void returned(HazardView h, Instant now) {
        HazardReturned returned = new HazardReturned(h.id(), history.latestFeedback(h.id()), subject(h), now, h.severity());
        events.publishEvent(returned);
        Optional<Duty> again = duties.raisedBy(returned.reference()).stream().findFirst();
        if (again.isEmpty()) {
            return; // an overlay dropped the rule: the due date stands, the clock runs on against it
        }
        Duty d = again.get();
        boolean later = d.dueAt().isAfter(h.effectiveDueAt());
        hazards.returnClock(h.id(), d, later);
        if (!later) {
            // the return's duty follows the hazard's (later) date, so the engine does not chase the unit earlier
            duties.extend(d.reference(), d.ruleId(), h.effectiveDueDate(), "整改期限不早于原期限");
        }
    }

    /** An approved extension: the duty of the running clock follows, so the engine does not chase the unit for the old date. */
    void extended(HazardView h, java.time.LocalDate newDueDate, String reason) {
        Long clockDutyId = h.returnDutyId() != null ? h.returnDutyId() : h.rectifyDutyId();
        Duty clockDuty = clockDutyId == null ? null : duties.find(clockDutyId).orElse(null);
        duties.extend(clockDuty == null ? reference(h.id()) : clockDuty.reference(), clockDuty == null ? RECTIFY_RULE : clockDuty.ruleId(),
                newDueDate, reason);
    }

    /** The loop ended: the notice's duties are done. */
    void closed(HazardView h, String note) {
        duties.fulfil(reference(h.id()), note);
    }

    /** The reference of the duty the unit's clock runs on: the notice's, or the latest return's. */
    String clockReference(HazardView h) {
        return h.returnDutyId() == null ? reference(h.id())
                : duties.find(h.returnDutyId()).map(Duty::reference).orElse(reference(h.id()));
    }

    void fulfilClock(HazardView h, String note) {
        duties.fulfil(clockReference(h), note);
    }

    void fulfilFollowUp(HazardView h, String note) {
        if (h.followupDutyId() != null) {
            duties.find(h.followupDutyId()).ifPresent(d -> duties.fulfil(d.reference(), note));
        }
    }

    Subject subject(HazardView h) {
        int level = systems.find(h.systemId()).map(Systems.SystemRef::mlpsLevel).orElse(0);
        return new Subject(SubjectKind.SYSTEM, h.systemId(), h.systemName(), h.orgId(), Map.of("mlpsLevel", level));
    }
}
