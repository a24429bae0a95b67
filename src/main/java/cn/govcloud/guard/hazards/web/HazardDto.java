package cn.govcloud.guard.hazards.web;

import cn.govcloud.guard.hazards.Hazards.Severity;
import cn.govcloud.guard.hazards.internal.HazardBackdating.Backdating;
import cn.govcloud.guard.hazards.internal.HazardRetests.Retest;
import cn.govcloud.guard.hazards.internal.HazardService.Attachment;
import cn.govcloud.guard.hazards.internal.HazardService.Event;
import cn.govcloud.guard.hazards.internal.HazardService.Feedback;
import cn.govcloud.guard.hazards.internal.HazardService.HazardView;
import cn.govcloud.guard.hazards.internal.HazardService.Request;
import cn.govcloud.guard.hazards.internal.HazardService.UnitFigures;
import cn.govcloud.guard.hazards.internal.HazardState.Action;
import cn.govcloud.guard.notify.DeliveryStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * The hazard API's requests and answers (A10.1, A10.2), field for field as the stable API (docs/api.md) and the tests have them.
 *
 * <p>Only the notice itself ({@link NewHazardBody}) is checked by Bean Validation: a step on an existing hazard is checked by
 * the aggregate after the visibility check, so a hazard the caller may not see answers 404 whatever the body (A4).
 */
final class HazardDto {
    private HazardDto() {
    }

    // ---- requests --------------------------------------------------------------------------------

    /** API.md: {@code {"systemId","title","severity","notifiedAt"?}}; the severity in any case. */
    record NewHazardBody(@NotNull(message = "{hazards.error.systemId}") @Positive(message = "{hazards.error.systemId}") Long systemId,
                         @NotBlank(message = "{hazards.error.title}") @Size(max = 200, message = "{hazards.error.title}") String title,
                         @NotBlank(message = "{hazards.error.severity}")
                         @Pattern(regexp = "(?i)\\s*(CRITICAL|HIGH|MEDIUM|LOW)\\s*", message = "{hazards.error.severity}") String severity,
                         @Size(max = 4000, message = "{hazards.error.description}") String description,
                         OffsetDateTime notifiedAt,
                         String source,
                         @Size(max = 200, message = "{hazards.error.sourceRef}") String sourceRef) {
    }

    record Acknowledgement(String handlerName, String firstMeasures) {
    }

    record Note(String note) {
    }

    record Reason(String reason) {
    }

    /** {@code proposedDueDate} as YYYY-MM-DD, read after the visibility check. */
    record ExtensionBody(String proposedDueDate, String reason) {
    }

    /** The supervisor's decision on a request: {@code {"approve": true|false, "reason"}}. */
    record Decision(Boolean approve, String reason) {
    }

    record RetestBody(String testedBy, OffsetDateTime testedAt, String result, String note) {
    }

    record BackdatingDecision(Boolean confirm, String reason) {
    }

    // ---- answers ---------------------------------------------------------------------------------

    /**
     * One hazard. {@code dueDate}/{@code dueAt} move with an approved extension, {@code catalogDueDate}/{@code catalogDueAt}
     * stay the catalog's; {@code statedNotifiedAt} and {@code backdating} only for a notice recorded after the fact.
     */
    record HazardJson(long id, String status, LocalDate dueDate, Instant dueAt, boolean dueProvisional, String rule,
                      LocalDate catalogDueDate, Instant catalogDueAt, boolean extended, Instant acknowledgeBy, long systemId,
                      String systemName, long orgId, String orgName, long warnerOrgId, String warnerName, String raisedBy, String title,
                      String description, Severity severity, String source, String sourceRef, Instant notifiedAt, Instant acknowledgedAt,
                      String acknowledgedBy, String handlerName, String firstMeasures, boolean overdue, Instant overdueAt, Instant closedAt,
                      String closedBy, Boolean closedOnTime, Long ackDutyId, Long rectifyDutyId, Instant feedbackAt, boolean unitClockStopped,
                      Long verificationDutyId, Instant verificationDueAt, Long returnDutyId,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Instant statedNotifiedAt,
                      @JsonInclude(JsonInclude.Include.NON_NULL) BackdatingJson backdating) {

        static HazardJson of(HazardView v) {
            return of(v, null);
        }

        static HazardJson of(HazardView v, Backdating b) {
            return new HazardJson(v.id(), v.state().name(), v.effectiveDueDate(), v.effectiveDueAt(), v.dueProvisional(), "A10.2",
                    v.dueDate(), v.dueAt(), v.extended(), v.ackDueAt(), v.systemId(), v.systemName(), v.orgId(), v.orgName(),
                    v.warnerOrgId(), v.warnerName(), v.raisedBy(), v.title(), v.description(), v.severity(), v.source(), v.sourceRef(),
                    v.notifiedAt(), v.acknowledgedAt(), v.acknowledgedBy(), v.handlerName(), v.firstMeasures(), v.overdue(), v.overdueAt(),
                    v.closedAt(), v.closedBy(), v.closedAt() == null ? null : !v.closedLate(), v.ackDutyId(), v.rectifyDutyId(),
                    // A10.2 / A11.3 (issue 17): the unit's clock stopped at its feedback; the warner verifies on its own clock
                    v.feedbackAt(), v.awaitingVerification(), v.followupDutyId(), v.followupDueAt(), v.returnDutyId(),
                    b == null ? null : b.statedNotifiedAt(), b == null ? null : BackdatingJson.of(b));
        }
    }

    /** One hazard with its timeline, feedback, requests, deliveries, what the caller may do next and its re-tests. */
    record HazardDetail(@JsonUnwrapped HazardJson hazard, List<TimelineJson> timeline, List<FeedbackJson> feedback,
                        List<RequestJson> requests, List<DeliveryJson> deliveries, Set<Action> actions, boolean retestRequired,
                        List<RetestJson> retests) {
    }

    record HazardList(List<HazardJson> items, long total, int page, int size) {
    }

    record TimelineJson(String kind, Instant at, String by, String byName, String text) {
        static TimelineJson of(Event e) {
            return new TimelineJson(e.kind(), e.at(), e.byUser(), e.byName(), e.text());
        }
    }

    record FeedbackJson(long id, Instant submittedAt, String submittedBy, String measures, String residualRisk, LocalDate completedOn,
                        boolean late, String verdict, Instant decidedAt, String decidedBy, String reason, List<Attachment> documents) {
        static FeedbackJson of(Feedback f) {
            return new FeedbackJson(f.id(), f.submittedAt(), f.submittedBy(), f.measures(), f.residualRisk(), f.completedOn(), f.late(),
                    f.verdict(), f.decidedAt(), f.decidedBy(), f.reason(), f.documents());
        }
    }

    record RequestJson(long id, String kind, Instant requestedAt, String requestedBy, String reason, LocalDate proposedDueDate,
                       String decision, Instant decidedAt, String decidedBy, String decisionReason, Instant oldDueAt, Instant newDueAt) {
        static RequestJson of(Request r) {
            return new RequestJson(r.id(), r.kind(), r.requestedAt(), r.requestedBy(), r.reason(), r.proposedDueDate(), r.decision(),
                    r.decidedAt(), r.decidedBy(), r.decisionReason(), r.oldDueAt(), r.newDueAt());
        }
    }

    /** A10.1: how a notice about the hazard went out by e-mail or a robot. */
    record DeliveryJson(String channel, String channelName, String target, String state, int attempts, String lastError, Instant sentAt) {
        static DeliveryJson of(DeliveryStatus d) {
            return new DeliveryJson(d.channel().name(), d.channelName(), d.target(), d.state().name(), d.attempts(), d.lastError(), d.sentAt());
        }
    }

    /** Per unit: open, overdue, closed on time and late, and the rectification rate (null when nothing has fallen due). */
    record FiguresJson(long orgId, String orgName, long open, long overdue, long closedOnTime, long closedLate, long due,
                       Double rectificationRate) {
        static FiguresJson of(UnitFigures f) {
            return new FiguresJson(f.orgId(), f.orgName(), f.open(), f.overdue(), f.closedOnTime(), f.closedLate(), f.due(), f.rate());
        }
    }

    record RetestJson(long id, Long feedbackId, String testedBy, Instant testedAt, String result, String note, String recordedBy,
                      Instant recordedAt) {
        static RetestJson of(Retest r) {
            return new RetestJson(r.id(), r.feedbackId(), r.testedBy(), r.testedAt(), r.result(), r.note(), r.recordedBy(), r.recordedAt());
        }
    }

    record Retests(boolean required, List<RetestJson> items) {
    }

    /** {@code {"backdated": false}} for a hazard recorded as notified, the whole backdating otherwise. */
    sealed interface BackdatingAnswer permits NotBackdated, BackdatingJson {
    }

    record NotBackdated(boolean backdated) implements BackdatingAnswer {
    }

    record BackdatingJson(boolean backdated, Instant statedNotifiedAt, String status, Long documentId, String filename, String decidedBy,
                          Instant decidedAt, String reason) implements BackdatingAnswer {
        static BackdatingJson of(Backdating b) {
            return new BackdatingJson(true, b.statedNotifiedAt(), b.status(), b.documentId(), b.filename(), b.decidedBy(), b.decidedAt(),
                    b.reason());
        }
    }
}
