package cn.govcloud.guard.hazards.web;

import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.hazards.Hazards.NewHazard;
import cn.govcloud.guard.hazards.internal.BackdatedNotices;
import cn.govcloud.guard.hazards.internal.Extensions;
import cn.govcloud.guard.hazards.internal.HazardNotification;
import cn.govcloud.guard.hazards.internal.HazardQueries;
import cn.govcloud.guard.hazards.internal.HazardReports;
import cn.govcloud.guard.hazards.internal.HazardService.HazardView;
import cn.govcloud.guard.hazards.internal.Rectification;
import cn.govcloud.guard.hazards.internal.HazardVerification;
import cn.govcloud.guard.hazards.web.HazardDto.Acknowledgement;
import cn.govcloud.guard.hazards.web.HazardDto.Decision;
import cn.govcloud.guard.hazards.web.HazardDto.DeliveryJson;
import cn.govcloud.guard.hazards.web.HazardDto.ExtensionBody;
import cn.govcloud.guard.hazards.web.HazardDto.FeedbackJson;
import cn.govcloud.guard.hazards.web.HazardDto.FiguresJson;
import cn.govcloud.guard.hazards.web.HazardDto.HazardDetail;
import cn.govcloud.guard.hazards.web.HazardDto.HazardJson;
import cn.govcloud.guard.hazards.web.HazardDto.HazardList;
import cn.govcloud.guard.hazards.web.HazardDto.NewHazardBody;
import cn.govcloud.guard.hazards.web.HazardDto.Note;
import cn.govcloud.guard.hazards.web.HazardDto.Reason;
import cn.govcloud.guard.hazards.web.HazardDto.RequestJson;
import cn.govcloud.guard.hazards.web.HazardDto.RetestJson;
import cn.govcloud.guard.hazards.web.HazardDto.TimelineJson;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.shared.InvalidInput;
import jakarta.validation.Valid;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Hazard notices over the API (A10.1, A10.2). {@code POST /api/v1/hazards} is API.md's stable contract; the loop's steps,
 * figures and the 通报 downloads are this module's own. Requests and answers are the records of {@link HazardDto}.
 */
@RestController
@RequestMapping("/api/v1/hazards")
@AllowParties
class HazardApiController {
    private static final Acknowledgement NO_ACKNOWLEDGEMENT = new Acknowledgement(null, null);

    private final HazardQueries hazards;
    private final HazardNotification notification;
    private final BackdatedNotices backdated;
    private final Rectification rectification;
    private final HazardVerification verification;
    private final Extensions extensions;
    private final HazardReports reports;
    private final Clock clock;

    HazardApiController(HazardQueries hazards, HazardNotification notification, BackdatedNotices backdated, Rectification rectification,
                        HazardVerification verification, Extensions extensions, HazardReports reports, Clock clock) {
        this.hazards = hazards;
        this.notification = notification;
        this.backdated = backdated;
        this.rectification = rectification;
        this.verification = verification;
        this.extensions = extensions;
        this.reports = reports;
        this.clock = clock;
    }

    /** API.md: {@code {"systemId","title","severity","notifiedAt"?}} → 201 {@code {"id","status","dueDate","dueAt", …}}. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @AllowParties
    HazardJson raise(@RequestBody(required = false) @Valid NewHazardBody body) {
        NewHazardBody b = body == null ? new NewHazardBody(null, null, null, null, null, null, null) : body;
        // Bean Validation has named every bad field; without a body the notice's own checks name them
        var severity = HazardInput.severity(b.severity(), new java.util.HashMap<>());
        HazardView v = notification.raise(new NewHazard(b.systemId() == null ? 0 : b.systemId(), b.title(), severity, b.description(),
                b.notifiedAt() == null ? null : b.notifiedAt().toInstant(), b.source(), b.sourceRef()), Actor.require());
        return HazardJson.of(v, backdated.of(v.id()).orElse(null));
    }

    @GetMapping
    HazardList list(@RequestParam(required = false) String state, @RequestParam(required = false) String severity,
                    @RequestParam(required = false) Long orgId, @RequestParam(required = false) Boolean overdue,
                    @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
                    @RequestParam(required = false) String q, @RequestParam(required = false) String status,
                    @RequestParam(required = false) String age, @RequestParam(required = false) String year,
                    @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        // issue 23 point 11: the list page's keyword, filters and time range, optional; an unreadable one is a 400 naming it
        Map<String, String> params = new java.util.HashMap<>();
        params.put("q", q);
        params.put("state", state);
        params.put("severity", severity);
        params.put("orgId", orgId == null ? null : orgId.toString());
        params.put("overdue", overdue == null ? null : overdue.toString());
        params.put("status", status);
        params.put("age", age);
        params.put("year", year);
        params.put("from", from);
        params.put("to", to);
        params.put("page", String.valueOf(page));
        params.put("size", String.valueOf(size));
        HazardListQuery query = HazardListQuery.parse(params, 50, HazardListQuery.API_MAX);
        Page<HazardView> p = hazards.page(Actor.require(), query.filter(), query.page(), query.size());
        return new HazardList(p.rows().stream().map(HazardJson::of).toList(), p.total(), p.page(), p.size());
    }

    @GetMapping("/{id}")
    HazardDetail get(@PathVariable long id) {
        Actor actor = Actor.require();
        HazardView v = hazards.visible(id, actor);
        return new HazardDetail(HazardJson.of(v, backdated.of(id).orElse(null)),
                hazards.timeline(id).stream().map(TimelineJson::of).toList(),
                hazards.feedbacks(id).stream().map(FeedbackJson::of).toList(),
                hazards.requests(id).stream().map(RequestJson::of).toList(),
                hazards.deliveries(id).stream().map(DeliveryJson::of).toList(),
                hazards.actionsOf(v, actor),
                // issue 17 point 4: whether closing waits for a re-test, and the re-tests recorded
                v.open() && hazards.retestRequired(v),
                hazards.retests(id).stream().map(RetestJson::of).toList());
    }

    @PostMapping("/{id}/acknowledge")
    @AllowUnitPeople
    HazardJson acknowledge(@PathVariable long id, @RequestBody(required = false) Acknowledgement body) {
        Acknowledgement b = body == null ? NO_ACKNOWLEDGEMENT : body;
        return HazardJson.of(rectification.acknowledge(id, b.handlerName(), b.firstMeasures(), Actor.require()));
    }

    @PostMapping("/{id}/start")
    @AllowUnitPeople
    HazardJson start(@PathVariable long id) {
        return HazardJson.of(rectification.start(id, Actor.require()));
    }

    /** Multipart: {@code measures}, {@code residualRisk}?, {@code completedOn}, one or more files in {@code documents}. */
    @PostMapping("/{id}/feedback")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    HazardJson feedback(@PathVariable long id, @RequestParam(required = false) String measures,
                        @RequestParam(required = false) String residualRisk, @RequestParam(required = false) String completedOn,
                        @RequestParam(name = "documents", required = false) List<MultipartFile> documents) throws IOException {
        return HazardJson.of(rectification.feedback(id, measures, residualRisk, HazardInput.date("completedOn", completedOn),
                HazardInput.uploads(documents), Actor.require()));
    }

    @PostMapping("/{id}/close")
    @AllowOversightAndProvider
    HazardJson close(@PathVariable long id, @RequestBody(required = false) Note body) {
        return HazardJson.of(verification.close(id, body == null ? null : body.note(), Actor.require()));
    }

    @PostMapping("/{id}/return")
    @AllowOversightAndProvider
    HazardJson returnFeedback(@PathVariable long id, @RequestBody(required = false) Reason body) {
        return HazardJson.of(verification.returnFeedback(id, body == null ? null : body.reason(), Actor.require()));
    }

    @PostMapping("/{id}/extension")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    RequestJson extension(@PathVariable long id, @RequestBody(required = false) ExtensionBody body) {
        Actor actor = Actor.require();
        LocalDate proposed;
        try {
            proposed = HazardInput.date("proposedDueDate", body == null ? null : body.proposedDueDate());
        } catch (InvalidInput e) {
            hazards.visible(id, actor); // another unit's hazard stays a 404, not a 400
            throw e;
        }
        return RequestJson.of(extensions.requestExtension(id, proposed, body == null ? null : body.reason(), actor));
    }

    @PostMapping("/{id}/risk-acceptance")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    RequestJson riskAcceptance(@PathVariable long id, @RequestBody(required = false) Reason body) {
        return RequestJson.of(extensions.requestRiskAcceptance(id, body == null ? null : body.reason(), Actor.require()));
    }

    /** The supervisor only (A10.2): {@code {"approve": true|false, "reason"}}. */
    @PostMapping("/{id}/requests/{requestId}/decision")
    @AllowSupervisor
    HazardJson decide(@PathVariable long id, @PathVariable long requestId, @RequestBody(required = false) Decision body) {
        Actor actor = Actor.require();
        if (body == null || body.approve() == null) {
            hazards.visible(id, actor);
            throw new InvalidInput("hazards.error.invalid", Map.of("approve", "hazards.error.approve"));
        }
        return HazardJson.of(extensions.decide(id, requestId, body.approve(), body.reason(), actor));
    }

    @GetMapping("/{id}/documents/{documentId}")
    ResponseEntity<byte[]> document(@PathVariable long id, @PathVariable long documentId) {
        var stored = hazards.document(id, documentId, Actor.require());
        return Downloads.attachment(stored, hazards.documentContent(documentId));
    }

    /** Open / overdue / closed on time per unit and the rectification rate, within the caller's scope. */
    @GetMapping("/figures")
    List<FiguresJson> figures() {
        return hazards.figures(Actor.require()).stream().map(FiguresJson::of).toList();
    }

    /** The supervisor's 通报 of overdue hazards by unit. */
    @GetMapping("/notice.xlsx")
    @AllowSupervisor
    ResponseEntity<byte[]> noticeExcel(Locale locale) {
        return HazardFigurePages.noticeDownload(hazards, reports, clock, locale, false);
    }

    @GetMapping("/notice.pdf")
    @AllowSupervisor
    ResponseEntity<byte[]> noticePdf(Locale locale) {
        return HazardFigurePages.noticeDownload(hazards, reports, clock, locale, true);
    }
}
