package cn.govcloud.guard.hazards.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.hazards.Hazards.NewHazard;
import cn.govcloud.guard.hazards.internal.HazardBackdating.Backdating;
import cn.govcloud.guard.hazards.internal.HazardService.HazardView;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Role;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A hazard notice recorded after the fact (issue 17 point 3, A10.2, A11.3): the warner attaches the paper notice, the
 * supervisor confirms its date (the unit's clock then runs from it) or rejects it. See {@link HazardBackdating}.
 */
@Service
public class BackdatedNotices {
    private final HazardNotification notification;
    private final HazardBackdating backdating;
    private final HazardSteps steps;
    private final HazardRepository hazards;
    private final HazardHistory history;
    private final HazardDelivery delivery;
    private final AuditLog audit;
    private final Clock clock;

    BackdatedNotices(HazardNotification notification, HazardBackdating backdating, HazardSteps steps, HazardRepository hazards,
                     HazardHistory history, HazardDelivery delivery, AuditLog audit, Clock clock) {
        this.notification = notification;
        this.backdating = backdating;
        this.steps = steps;
        this.hazards = hazards;
        this.history = history;
        this.delivery = delivery;
        this.audit = audit;
        this.clock = clock;
    }

    /** The backdating of a hazard, if it was recorded after the fact; the caller has checked visibility. */
    @Transactional(readOnly = true)
    public Optional<Backdating> of(long id) {
        return backdating.of(id);
    }

    /** Records a hazard and, when its notice is dated before the record, attaches the paper notice in the same transaction. */
    @Transactional
    public HazardView raiseWithNotice(NewHazard h, String filename, InputStream content, Actor actor) {
        HazardView v = notification.raise(h, actor);
        if (filename != null && !filename.isBlank() && backdating.of(v.id()).isPresent()) {
            attach(v.id(), filename, content, actor);
        }
        return v;
    }

    /** As {@link #attach}, false and nothing changes when the hazard awaits no notice document. */
    @Transactional
    public boolean attachIfPending(long id, String filename, InputStream content, Actor actor) {
        if (backdating.of(id).filter(Backdating::pending).isEmpty()) {
            return false;
        }
        attach(id, filename, content, actor);
        return true;
    }

    /** As {@link #decide} confirming; false when nothing awaits the supervisor. */
    @Transactional
    public boolean confirmIfPending(long id, Actor actor) {
        if (backdating.of(id).filter(b -> b.pending() && b.documentId() != null).isEmpty()) {
            return false;
        }
        decide(id, true, null, actor);
        return true;
    }

    /** The warner attaches the paper notice of a backdated hazard (A10.2, issue 17 point 3). Audited. */
    @Transactional
    public Backdating attach(long id, String filename, InputStream content, Actor actor) {
        HazardView h = steps.forWarner(id, actor).view();
        StoredDocument stored = backdating.attach(h, filename, content);
        audit.record(AuditEvent.success("hazards.backdating.document", HazardClocks.reference(id), "notice document " + stored.id() + " "
                + stored.filename()));
        return backdating.of(id).orElseThrow();
    }

    /**
     * The supervisor confirms (the clock moves to the notice's own date) or rejects (it stays at the record) the
     * backdating of a hazard recorded after the fact (A11.3, issue 17 point 3). Audited, on the timeline.
     */
    @Transactional
    public Backdating decide(long id, boolean confirm, String reason, Actor actor) {
        if (!actor.has(Role.SUPERVISOR)) {
            throw new AccessDeniedException("the supervisor confirms a backdated notice (issue 17 point 3)");
        }
        HazardView h = steps.visible(id, actor).view();
        hazards.lock(id);
        Instant now = clock.instant();
        Backdating b = backdating.decide(h, actor, confirm, reason, now);
        if (confirm && h.open()) {
            hazards.markOverdue(id, now);
        }
        history.event(id, confirm ? "BACKDATING_CONFIRMED" : "BACKDATING_REJECTED", actor, now,
                b.statedNotifiedAt() + (b.reason() == null ? "" : "：" + b.reason()), null, null);
        audit.record(AuditEvent.success("hazards.backdating." + (confirm ? "confirm" : "reject"), HazardClocks.reference(id),
                "stated " + b.statedNotifiedAt() + (b.reason() == null ? "" : " " + b.reason())));
        HazardView after = steps.reload(id);
        delivery.tellUnit(after, "backdating:" + b.status(), "hazards.notice.backdating." + b.status(),
                List.of(after.systemName(), after.title(), after.effectiveDueDate().toString()), Notice.Severity.INFO, now);
        return b;
    }
}
