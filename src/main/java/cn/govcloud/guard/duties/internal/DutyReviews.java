package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The supervisor's decisions on duties: accepting or returning submitted evidence (a return needs a comment), and
 * waiving a duty that does not apply with the reason on record. Split from DutyService (issue 18 point 1).
 */
@Service
public class DutyReviews {
    private final DutyReads reads;
    private final DutyStore store;
    private final Submissions submissions;
    private final DutyNotices notices;
    private final AuditLog audit;
    private final Clock clock;

    DutyReviews(DutyReads reads, DutyStore store, Submissions submissions, DutyNotices notices, AuditLog audit, Clock clock) {
        this.reads = reads;
        this.store = store;
        this.submissions = submissions;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public void review(long dutyId, boolean accept, String comment, Actor actor) {
        Duty duty = reads.visible(dutyId, actor);
        if (!actor.has(Role.SUPERVISOR)) {
            throw new AccessDeniedException("only the supervisor reviews");
        }
        duty = store.findForUpdate(dutyId).orElseThrow();
        if (duty.state() != DutyState.SUBMITTED) {
            throw new RuleViolation(duty.article(), "duties.refused.notSubmitted");
        }
        if (!accept && (comment == null || comment.isBlank())) {
            throw new InvalidInput("duties.review.commentRequired", Map.of("comment", "duties.review.commentRequired"));
        }
        Instant now = clock.instant();
        long submissionId = submissions.ofDuty(dutyId).get(0).id();
        submissions.decide(submissionId, accept ? "ACCEPTED" : "RETURNED", now, actor.username(), comment == null ? null : comment.strip());
        // a returned duty keeps its original due time: if that has passed, the next sweep makes it overdue
        store.transition(dutyId, DutyState.SUBMITTED, accept ? DutyState.ACCEPTED : DutyState.RETURNED, accept ? now : null);
        if (!accept) {
            store.rearmEscalation(dutyId); // if it is overdue again, that is a new episode, escalated again
        }
        notices.reviewed(duty, reads.ruleOf(duty), submissionId, accept);
        audit.record(AuditEvent.success(accept ? "duty.accept" : "duty.return", "duty:" + dutyId,
                duty.ruleId() + (comment == null ? "" : " " + comment)));
    }

    /** The supervisor waives a duty that does not apply in this case, with the reason on record. */
    @Transactional
    public void waive(long dutyId, String reason, Actor actor) {
        Duty duty = reads.visible(dutyId, actor);
        if (!actor.has(Role.SUPERVISOR)) {
            throw new AccessDeniedException("only the supervisor waives");
        }
        if (reason == null || reason.strip().length() < 4) {
            throw new InvalidInput("duties.waive.reasonRequired", Map.of("reason", "duties.waive.reasonRequired"));
        }
        duty = store.findForUpdate(dutyId).orElseThrow();
        if (duty.state().closed()) {
            throw new RuleViolation(duty.article(), "duties.refused.closed");
        }
        store.waive(dutyId, reason.strip(), actor.username(), clock.instant());
        audit.record(AuditEvent.success("duty.waive", "duty:" + dutyId, duty.ruleId() + " reason: " + reason.strip()));
    }
}
