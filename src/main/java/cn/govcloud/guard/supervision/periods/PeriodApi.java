package cn.govcloud.guard.supervision.periods;

import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.supervision.scheduling.ListPages;
import cn.govcloud.guard.supervision.scheduling.ListParams;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * 实网攻防 and 重保 periods over the API (A4, 第四条（二）): the supervisor declares, cancels and records an exercise's
 * findings; every party reads the periods it may see (a unit or the provider: those it takes part in).
 */
@RestController
@RequestMapping("/api/v1/periods")
@AllowParties
class PeriodApi {
    private final Periods periods;
    private final MessageSource messages;

    PeriodApi(Periods periods, MessageSource messages) {
        this.periods = periods;
        this.messages = messages;
    }

    /**
     * Issue 23 point 11: optional {@code q} (name, red team, note), {@code unit} (a participant), {@code state}
     * (UPCOMING, RUNNING, ENDED, CANCELLED), {@code due} ({@code week}: ends within seven days, {@code past}: has ended),
     * {@code page}/{@code size}; a bad value is a 400 naming it. Without page and size every matching period, as before.
     */
    @GetMapping
    @ListParams
    List<PeriodSummary> list(@Parameter(hidden = true) @RequestParam Map<String, String> params) {
        Actor actor = Actor.require();
        return ListPages.answer(params, Periods.STATES, PeriodPages.OFFERS, f -> periods.search(actor, f)).stream()
                .map(p -> PeriodSummary.of(p, periods.stateOf(p))).toList();
    }

    /** {@code {"kind":"EXERCISE|PROTECTION","name","startsAt":"2026-12-14T09:00","endsAt",…,"participantIds":[…]}} (Beijing time) → 201. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @AllowSupervisor
    PeriodDetail declare(@RequestBody(required = false) @Valid NewPeriodBody body) {
        NewPeriodBody b = body == null ? new NewPeriodBody(null, null, null, null, null, null, null) : body;
        Periods.Period p = periods.declare(new Periods.NewPeriod(b.kind(), b.name(), b.startsAt(), b.endsAt(),
                b.participantIds() == null ? List.of() : b.participantIds(), b.redTeam(), b.note()));
        return detail(p.id(), Actor.require());
    }

    @GetMapping("/{id}")
    PeriodDetail get(@PathVariable long id) {
        return detail(id, Actor.require());
    }

    /** {@code {"reason"}}: ends a period that has not ended; 409 once ended or cancelled. */
    @PostMapping("/{id}/cancellation")
    @AllowSupervisor
    PeriodDetail cancel(@PathVariable long id, @RequestBody(required = false) @Valid CancelBody body) {
        periods.cancel(id, body == null ? null : body.reason());
        return detail(id, Actor.require());
    }

    /** {@code {"systemId","title","severity","description"?}} → 201: a finding of an exercise, raised as a hazard (source RED_TEAM). */
    @PostMapping("/{id}/findings")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowSupervisor
    FindingView finding(@PathVariable long id, @RequestBody(required = false) @Valid FindingBody body) {
        FindingBody b = body == null ? new FindingBody(null, null, null, null) : body;
        return FindingView.of(periods.recordFinding(id, new Periods.NewFinding(b.systemId(), b.title(), b.severity(), b.description())));
    }

    /** The end is not after the start: 422 naming the field ({@code errors.endsAt}). */
    @ExceptionHandler(Periods.DatesRefused.class)
    ProblemDetail datesRefused(Periods.DatesRefused e) {
        String text = messages.getMessage(e.getMessage(), null, e.getMessage(), LocaleContextHolder.getLocale());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.field() + ": " + text);
        problem.setTitle("Cannot be processed");
        problem.setProperty("errors", Map.of(e.field(), text));
        return problem;
    }

    private PeriodDetail detail(long id, Actor actor) {
        Periods.Period p = periods.visible(id, actor);
        return new PeriodDetail(PeriodSummary.of(p, periods.stateOf(p)), p.redTeam(), p.note(), p.declaredByName(), p.declaredAt(),
                p.cancelledAt(), p.cancelReason(),
                periods.participants(id).stream().map(x -> new ParticipantView(x.orgId(), x.orgName(), x.kind().name())).toList(),
                periods.findings(id, actor).stream().map(FindingView::of).toList(),
                periods.zeroReports(id, actor).stream().map(ZeroReportView::of).toList());
    }

    record PeriodSummary(long id, String kind, String name, Instant startsAt, Instant endsAt, String state) {
        static PeriodSummary of(Periods.Period p, Periods.State state) {
            return new PeriodSummary(p.id(), p.kind().name(), p.name(), p.startsAt(), p.endsAt(), state.name());
        }
    }

    record PeriodDetail(PeriodSummary period, String redTeam, String note, String declaredBy, Instant declaredAt, Instant cancelledAt,
                        String cancelReason, List<ParticipantView> participants, List<FindingView> findings, List<ZeroReportView> zeroReports) {
    }

    record ParticipantView(long orgId, String orgName, String kind) {
    }

    record FindingView(long id, long systemId, String systemName, long orgId, String title, String severity, long hazardId, Instant recordedAt) {
        static FindingView of(Periods.Finding f) {
            return new FindingView(f.id(), f.systemId(), f.systemName(), f.orgId(), f.title(), f.severity(), f.hazardId(), f.recordedAt());
        }
    }

    /** One unit's zero reports: per day the duty and its state (null: none raised, the day came before the declaration). */
    record ZeroReportView(long orgId, String orgName, long reported, long due, List<DayView> days) {
        static ZeroReportView of(Periods.ZeroReportRow r) {
            return new ZeroReportView(r.orgId(), r.orgName(), r.reported(), r.due(),
                    r.days().stream().map(d -> new DayView(d.day(), d.dutyId(), d.state())).toList());
        }
    }

    record DayView(LocalDate day, Long dutyId, String state) {
    }

    record NewPeriodBody(@Size(max = 20, message = "{periods.error.kind}") String kind,
                         @Size(max = 200, message = "{periods.error.name}") String name,
                         LocalDateTime startsAt, LocalDateTime endsAt, List<Long> participantIds,
                         @Size(max = 1000, message = "{periods.error.redTeam}") String redTeam,
                         @Size(max = 4000, message = "{periods.error.note}") String note) {
    }

    record CancelBody(@Size(max = 1000, message = "{periods.error.reason}") String reason) {
    }

    record FindingBody(Long systemId, @Size(max = 200, message = "{periods.error.findingTitle}") String title,
                       @Size(max = 10, message = "{periods.error.severity}") String severity,
                       @Size(max = 4000, message = "{periods.error.description}") String description) {
    }
}
