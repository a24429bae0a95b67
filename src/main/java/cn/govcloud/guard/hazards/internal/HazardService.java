package cn.govcloud.guard.hazards.internal;

import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.shared.Actor;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hazard notices and their closed loop (A10.1, A10.2) as the rest of the platform sees them: the {@link Hazards} API, and
 * the read model the pages and the API show. The loop itself is the use cases' — {@link HazardNotification},
 * {@link BackdatedNotices}, {@link Rectification}, {@link HazardVerification}, {@link Extensions}, {@link HazardQueries} — over
 * the aggregate {@link HazardNotice}, which guards every step, and its repositories {@link HazardRepository} and
 * {@link HazardHistory}.
 *
 * <p>Who sees what (A4): a unit sees its own hazards; the supervisor and the regulators see all; the provider sees the
 * hazards it raised itself, because it is their warning department and must verify the feedback (A10.2 "书面反馈至预警部门").
 */
@Service
public class HazardService implements Hazards {
    private final HazardNotification notification;
    private final BackdatedNotices backdated;
    private final Rectification rectification;
    private final HazardVerification verification;
    private final HazardQueries queries;
    private final HazardRepository repository;
    private final java.time.Clock clock;

    HazardService(HazardNotification notification, BackdatedNotices backdated, Rectification rectification, HazardVerification verification,
                  HazardQueries queries, HazardRepository repository, java.time.Clock clock) {
        this.repository = repository;
        this.clock = clock;
        this.notification = notification;
        this.backdated = backdated;
        this.rectification = rectification;
        this.verification = verification;
        this.queries = queries;
    }

    // ---- the records --------------------------------------------------------------------------

    /**
     * A hazard as the pages and the API show it. {@code dueAt} is the catalog's; {@code effectiveDueAt} moves with an approved
     * extension. {@code dueProvisional}: the effective due date was counted through a year whose holiday notice is not loaded.
     */
    public record HazardView(long id, long systemId, String systemName, long orgId, String orgName, long warnerOrgId, String warnerName,
                             String raisedBy, String raisedByName, String title, String description, Severity severity, String source,
                             String sourceRef, HazardState state, Instant notifiedAt, LocalDate dueDate, Instant dueAt,
                             LocalDate effectiveDueDate, Instant effectiveDueAt, boolean dueProvisional, Instant ackDueAt, Long ackDutyId, Long rectifyDutyId,
                             Instant acknowledgedAt, String acknowledgedBy, String handlerName, String firstMeasures, Instant overdueAt,
                             Instant closedAt, String closedBy, Instant feedbackAt, Long followupDutyId, Instant followupDueAt,
                             Long returnDutyId) {
        /**
         * The unit's clock has stopped (A10.2): its written feedback is with the warner, whose verification
         * runs on its own clock ({@code followupDueAt}); nothing the warner takes counts against the unit.
         */
        public boolean awaitingVerification() {
            return state == HazardState.FEEDBACK_SUBMITTED;
        }

        /** Overdue now or once: it stands on the unit's record even after it is closed. */
        public boolean overdue() {
            return overdueAt != null;
        }

        public boolean open() {
            return closedAt == null;
        }

        public boolean closedLate() {
            return closedAt != null && overdueAt != null;
        }

        public boolean extended() {
            return !effectiveDueAt.equals(dueAt);
        }
    }

    public record Event(long id, String kind, Instant at, String byUser, String byName, String text, Long feedbackId, Long requestId) {
    }

    public record Attachment(long documentId, String filename) {
    }

    public record Feedback(long id, Instant submittedAt, String submittedBy, String submittedName, String measures, String residualRisk,
                           LocalDate completedOn, boolean late, String verdict, Instant decidedAt, String decidedBy, String reason,
                           List<Attachment> documents) {
    }

    public record Request(long id, String kind, Instant requestedAt, String requestedBy, String reason, LocalDate proposedDueDate,
                          String decision, Instant decidedAt, String decidedBy, String decisionReason, Instant oldDueAt, Instant newDueAt) {
        public boolean pending() {
            return decision == null;
        }
    }

    /** A file the unit attaches to its feedback. */
    public record Upload(String filename, InputStream content) {
    }

    /**
     * The list's filters; null means any. {@code open}: true = not yet closed, false = closed or risk-accepted;
     * {@code age}: days since notified (the dashboard's buckets); {@code year}: notified in that year (Asia/Shanghai);
     * {@code q}: a keyword in the number (YH-12), title, system, unit or source reference; {@code from}/{@code to}: notified on
     * those days or between them (issue 23 point 11).
     */
    public record Filter(HazardState state, Severity severity, Long orgId, Boolean overdue, Boolean open,
                         cn.govcloud.guard.hazards.HazardFigures.Age age, Integer year, String q, LocalDate from, LocalDate to) {
        public Filter(HazardState state, Severity severity, Long orgId, Boolean overdue) {
            this(state, severity, orgId, overdue, null, null, null, null, null, null);
        }

        public static Filter none() {
            return new Filter(null, null, null, null);
        }
    }

    /** Per unit: open, overdue (open and past due), closed on time and late; rate = closed on time ÷ due. */
    public record UnitFigures(long orgId, String orgName, long open, long overdue, long closedOnTime, long closedLate, long due) {
        /** Closed on time ÷ every hazard that has fallen due (closed, or open past its due time); null when none has. */
        public Double rate() {
            return due == 0 ? null : (double) closedOnTime / due;
        }

        public String ratePercent() {
            Double r = rate();
            return r == null ? "—" : String.format(java.util.Locale.ROOT, "%.1f%%", r * 100);
        }
    }

    // ---- the Hazards API: the signed-in actor, the same checks as the pages and the API -------------------

    @Override
    @Transactional
    public Raised raise(NewHazard h) {
        return raised(notification.raise(h, Actor.require()));
    }

    @Override
    @Transactional
    public Raised acknowledgeHazard(long id, String handlerName, String firstMeasures) {
        return raised(rectification.acknowledge(id, handlerName, firstMeasures, Actor.require()));
    }

    @Override
    @Transactional
    public Raised submitFeedback(long id, String measures, String residualRisk, LocalDate completedOn, String filename, InputStream document) {
        return raised(rectification.feedback(id, measures, residualRisk, completedOn, List.of(new Upload(filename, document)), Actor.require()));
    }

    @Override
    @Transactional
    public Raised closeHazard(long id, String note) {
        return raised(verification.close(id, note, Actor.require()));
    }

    @Override
    @Transactional
    public Raised returnHazard(long id, String reason) {
        return raised(verification.returnFeedback(id, reason, Actor.require()));
    }

    @Override
    @Transactional
    public boolean attachNoticeDocument(long id, String filename, InputStream content) {
        return backdated.attachIfPending(id, filename, content, Actor.require());
    }

    @Override
    @Transactional
    public boolean confirmNoticeDate(long id) {
        return backdated.confirmIfPending(id, Actor.require());
    }

    /** The open hazards the actor may see, by due time (the home page). */
    @Override
    @Transactional(readOnly = true)
    public List<OpenHazard> openOf(Actor actor, int limit) {
        return queries.page(actor, Filter.none(), 0, Math.max(1, limit)).rows().stream().filter(HazardView::open)
                .map(h -> new OpenHazard(h.id(), h.title(), h.systemName(), h.severity(), h.state().name(), h.effectiveDueDate(),
                        h.dueProvisional(), h.overdue()))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Optional<HazardSummary> find(Actor actor, long id) {
        return repository.visible(id, actor, clock.instant()).map(HazardService::summary);
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Optional<HazardSummary> summary(long id) {
        return repository.load(id, clock.instant()).map(HazardService::summary);
    }

    private static HazardSummary summary(HazardView v) {
        return new HazardSummary(v.id(), v.systemId(), v.systemName(), v.orgId(), v.orgName(), v.warnerOrgId(), v.title(), v.severity(),
                v.state().name(), v.notifiedAt(), v.effectiveDueDate(), v.acknowledgedAt(), v.closedAt());
    }

    private static Raised raised(HazardView v) {
        return new Raised(v.id(), v.state().name(), v.effectiveDueDate(), v.effectiveDueAt(), v.dueProvisional());
    }
}
