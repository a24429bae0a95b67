package cn.govcloud.guard.hazards.web;

import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.hazards.Hazards.NewHazard;
import cn.govcloud.guard.hazards.Hazards.Severity;
import cn.govcloud.guard.hazards.internal.HazardReports;
import cn.govcloud.guard.hazards.internal.BackdatedNotices;
import cn.govcloud.guard.hazards.internal.Extensions;
import cn.govcloud.guard.hazards.internal.HazardNotification;
import cn.govcloud.guard.hazards.internal.HazardQueries;
import cn.govcloud.guard.hazards.internal.HazardService;
import cn.govcloud.guard.hazards.internal.Rectification;
import cn.govcloud.guard.hazards.internal.Verification;
import cn.govcloud.guard.hazards.internal.HazardService.Feedback;
import cn.govcloud.guard.hazards.internal.HazardService.HazardView;
import cn.govcloud.guard.hazards.internal.HazardService.Request;
import cn.govcloud.guard.hazards.internal.HazardService.UnitFigures;
import cn.govcloud.guard.hazards.internal.HazardService.Upload;
import cn.govcloud.guard.hazards.internal.HazardState;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
 * Hazard notices over the API (A10.1, A10.2). {@code POST /api/v1/hazards} is API.md's stable
 * contract; the loop's steps, figures and the 通报 downloads are this module's own.
 */
@RestController
@RequestMapping("/api/v1/hazards")
@AllowParties
class HazardApiController {
    private final HazardQueries hazards;
    private final HazardNotification notification;
    private final BackdatedNotices backdated;
    private final Rectification rectification;
    private final Verification verification;
    private final Extensions extensions;
    private final HazardReports reports;
    private final Clock clock;

    HazardApiController(HazardQueries hazards, HazardNotification notification, BackdatedNotices backdated, Rectification rectification,
                        Verification verification, Extensions extensions, HazardReports reports, Clock clock) {
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
    Map<String, Object> raise(@RequestBody(required = false) Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        Map<String, String> errors = new LinkedHashMap<>();
        long systemId = systemId(b.get("systemId"), errors);
        Severity severity = severity(string(b.get("severity")), errors);
        Instant notifiedAt = instant("notifiedAt", string(b.get("notifiedAt")), errors);
        for (String field : List.of("title", "description", "source", "sourceRef")) {
            if (b.get(field) != null && !(b.get(field) instanceof String)) {
                errors.put(field, "hazards.error." + field);
            }
        }
        if (string(b.get("title")) == null || string(b.get("title")).isBlank()) {
            errors.put("title", "hazards.error.title");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("hazards.error.invalid", errors);
        }
        HazardView v = notification.raise(new NewHazard(systemId, string(b.get("title")), severity, string(b.get("description")),
                notifiedAt, string(b.get("source")), string(b.get("sourceRef"))), Actor.require());
        return withBackdating(json(v), v.id());
    }

    @GetMapping
    Map<String, Object> list(@RequestParam(required = false) String state, @RequestParam(required = false) String severity,
                             @RequestParam(required = false) Long orgId, @RequestParam(required = false) Boolean overdue,
                             @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        HazardService.Page p = hazards.page(Actor.require(), filter(state, severity, orgId, overdue), page, size);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", p.items().stream().map(HazardApiController::json).toList());
        m.put("total", p.total());
        m.put("page", p.page());
        m.put("size", p.size());
        return m;
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable long id) {
        HazardView v = hazards.visible(id, Actor.require());
        Map<String, Object> m = json(v);
        m.put("timeline", hazards.timeline(id).stream().map(e -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("kind", e.kind());
            t.put("at", e.at());
            t.put("by", e.byUser());
            t.put("byName", e.byName());
            t.put("text", e.text());
            return t;
        }).toList());
        m.put("feedback", hazards.feedbacks(id).stream().map(HazardApiController::json).toList());
        m.put("requests", hazards.requests(id).stream().map(HazardApiController::json).toList());
        m.put("deliveries", hazards.deliveries(id).stream().map(d -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("channel", d.channel().name());
            t.put("channelName", d.channelName());
            t.put("target", d.target());
            t.put("state", d.state().name());
            t.put("attempts", d.attempts());
            t.put("lastError", d.lastError());
            t.put("sentAt", d.sentAt());
            return t;
        }).toList());
        m.put("actions", hazards.actionsOf(v, Actor.require()));
        withBackdating(m, id);
        // issue 17 point 4: whether closing waits for a re-test, and the re-tests recorded
        m.put("retestRequired", v.open() && hazards.retestRequired(v));
        m.put("retests", hazards.retests(id).stream().map(HazardRetestApiController::json).toList());
        return m;
    }

    @PostMapping("/{id}/acknowledge")
    @AllowUnitPeople
    Map<String, Object> acknowledge(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        return json(rectification.acknowledge(id, string(b.get("handlerName")), string(b.get("firstMeasures")), Actor.require()));
    }

    @PostMapping("/{id}/start")
    @AllowUnitPeople
    Map<String, Object> start(@PathVariable long id) {
        return json(rectification.start(id, Actor.require()));
    }

    /** Multipart: {@code measures}, {@code residualRisk}?, {@code completedOn}, one or more files in {@code documents}. */
    @PostMapping("/{id}/feedback")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    Map<String, Object> feedback(@PathVariable long id, @RequestParam(required = false) String measures,
                                 @RequestParam(required = false) String residualRisk, @RequestParam(required = false) String completedOn,
                                 @RequestParam(name = "documents", required = false) List<MultipartFile> documents) throws IOException {
        return json(rectification.feedback(id, measures, residualRisk, date("completedOn", completedOn), uploads(documents), Actor.require()));
    }

    @PostMapping("/{id}/close")
    @AllowOversightAndProvider
    Map<String, Object> close(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
        return json(verification.close(id, body == null ? null : string(body.get("note")), Actor.require()));
    }

    @PostMapping("/{id}/return")
    @AllowOversightAndProvider
    Map<String, Object> returnFeedback(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
        return json(verification.returnFeedback(id, body == null ? null : string(body.get("reason")), Actor.require()));
    }

    @PostMapping("/{id}/extension")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    Map<String, Object> extension(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        LocalDate proposed;
        try {
            proposed = date("proposedDueDate", string(b.get("proposedDueDate")));
        } catch (InvalidInput e) {
            hazards.visible(id, Actor.require()); // another unit's hazard stays a 404, not a 400
            throw e;
        }
        return json(extensions.requestExtension(id, proposed, string(b.get("reason")), Actor.require()));
    }

    @PostMapping("/{id}/risk-acceptance")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    Map<String, Object> riskAcceptance(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
        return json(extensions.requestRiskAcceptance(id, body == null ? null : string(body.get("reason")), Actor.require()));
    }

    /** The supervisor only (A10.2): {@code {"approve": true|false, "reason"}}. */
    @PostMapping("/{id}/requests/{requestId}/decision")
    @AllowSupervisor
    Map<String, Object> decide(@PathVariable long id, @PathVariable long requestId, @RequestBody(required = false) Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        Object approve = b.get("approve");
        if (!(approve instanceof Boolean)) {
            hazards.visible(id, Actor.require());
            throw new InvalidInput("hazards.error.invalid", Map.of("approve", "hazards.error.approve"));
        }
        return json(extensions.decide(id, requestId, (Boolean) approve, string(b.get("reason")), Actor.require()));
    }

    @GetMapping("/{id}/documents/{documentId}")
    ResponseEntity<byte[]> document(@PathVariable long id, @PathVariable long documentId) {
        var stored = hazards.document(id, documentId, Actor.require());
        return Downloads.attachment(stored, hazards.documentContent(documentId));
    }

    /** Open / overdue / closed on time per unit and the rectification rate, within the caller's scope. */
    @GetMapping("/figures")
    List<Map<String, Object>> figures() {
        return hazards.figures(Actor.require()).stream().map(HazardApiController::json).toList();
    }

    /** The supervisor's 通报 of overdue hazards by unit. */
    @GetMapping("/notice.xlsx")
    @AllowSupervisor
    ResponseEntity<byte[]> noticeExcel(Locale locale) {
        return HazardPages.noticeDownload(hazards, reports, clock, locale, false);
    }

    @GetMapping("/notice.pdf")
    @AllowSupervisor
    ResponseEntity<byte[]> noticePdf(Locale locale) {
        return HazardPages.noticeDownload(hazards, reports, clock, locale, true);
    }

    // ---- parsing and JSON ----------------------------------------------------------------------

    static HazardService.Filter filter(String state, String severity, Long orgId, Boolean overdue) {
        Map<String, String> errors = new LinkedHashMap<>();
        HazardState s = null;
        if (state != null && !state.isBlank()) {
            try {
                s = HazardState.valueOf(state.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("state", "hazards.error.state");
            }
        }
        Severity sev = severity == null || severity.isBlank() ? null : severity(severity, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput("hazards.error.invalid", errors);
        }
        return new HazardService.Filter(s, sev, orgId, overdue);
    }

    static long systemId(Object value, Map<String, String> errors) {
        if (value instanceof Number n && n.longValue() > 0 && n.doubleValue() == n.longValue()) {
            return n.longValue();
        }
        if (value instanceof String s && s.strip().matches("[1-9][0-9]{0,17}")) {
            return Long.parseLong(s.strip());
        }
        errors.put("systemId", "hazards.error.systemId");
        return 0;
    }

    /** CRITICAL, HIGH, MEDIUM or LOW, in any case. */
    static Severity severity(String value, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            errors.put("severity", "hazards.error.severity");
            return null;
        }
        try {
            return Severity.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.put("severity", "hazards.error.severity");
            return null;
        }
    }

    static Instant instant(String field, String value, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            errors.put(field, "hazards.error.instant");
            return null;
        }
    }

    /**
     * Issue 17 point 3: a notice dated before its record keeps that date as {@code statedNotifiedAt}; {@code backdating} says
     * whether the supervisor confirmed it (until then {@code notifiedAt} and the due date are the record's).
     */
    private Map<String, Object> withBackdating(Map<String, Object> m, long id) {
        backdated.of(id).ifPresent(b -> {
            m.put("statedNotifiedAt", b.statedNotifiedAt());
            m.put("backdating", HazardBackdatingApiController.json(b));
        });
        return m;
    }

    /** A {@code datetime-local} value (Beijing wall-clock time without an offset); 400 naming the field when malformed. */
    static Instant localInstant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.LocalDateTime.parse(value.strip()).atZone(cn.govcloud.guard.calendar.WorkingCalendar.ZONE).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput("hazards.error.invalid", Map.of(field, "hazards.error.instant"));
        }
    }

    static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput("hazards.error.invalid", Map.of(field, "hazards.error.date"));
        }
    }

    static String string(Object value) {
        return value == null ? null : value instanceof String s ? s : String.valueOf(value);
    }

    static List<Upload> uploads(List<MultipartFile> files) throws IOException {
        List<Upload> uploads = new ArrayList<>();
        if (files != null) {
            for (MultipartFile f : files) {
                if (f != null && !f.isEmpty()) {
                    uploads.add(new Upload(f.getOriginalFilename(), f.getInputStream()));
                }
            }
        }
        return uploads;
    }

    static Map<String, Object> json(HazardView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("status", v.state().name());
        m.put("dueDate", v.effectiveDueDate());
        m.put("dueAt", v.effectiveDueAt());
        m.put("dueProvisional", v.dueProvisional());
        m.put("rule", "A10.2");
        m.put("catalogDueDate", v.dueDate());
        m.put("catalogDueAt", v.dueAt());
        m.put("extended", v.extended());
        m.put("acknowledgeBy", v.ackDueAt());
        m.put("systemId", v.systemId());
        m.put("systemName", v.systemName());
        m.put("orgId", v.orgId());
        m.put("orgName", v.orgName());
        m.put("warnerOrgId", v.warnerOrgId());
        m.put("warnerName", v.warnerName());
        m.put("raisedBy", v.raisedBy());
        m.put("title", v.title());
        m.put("description", v.description());
        m.put("severity", v.severity());
        m.put("source", v.source());
        m.put("sourceRef", v.sourceRef());
        m.put("notifiedAt", v.notifiedAt());
        m.put("acknowledgedAt", v.acknowledgedAt());
        m.put("acknowledgedBy", v.acknowledgedBy());
        m.put("handlerName", v.handlerName());
        m.put("firstMeasures", v.firstMeasures());
        m.put("overdue", v.overdue());
        m.put("overdueAt", v.overdueAt());
        m.put("closedAt", v.closedAt());
        m.put("closedBy", v.closedBy());
        m.put("closedOnTime", v.closedAt() == null ? null : !v.closedLate());
        m.put("ackDutyId", v.ackDutyId());
        m.put("rectifyDutyId", v.rectifyDutyId());
        // A10.2 / A11.3 (issue 17): the unit's clock stopped at its feedback; the warner verifies on its own clock
        m.put("feedbackAt", v.feedbackAt());
        m.put("unitClockStopped", v.awaitingVerification());
        m.put("verificationDutyId", v.followupDutyId());
        m.put("verificationDueAt", v.followupDueAt());
        m.put("returnDutyId", v.returnDutyId());
        return m;
    }

    static Map<String, Object> json(Feedback f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("submittedAt", f.submittedAt());
        m.put("submittedBy", f.submittedBy());
        m.put("measures", f.measures());
        m.put("residualRisk", f.residualRisk());
        m.put("completedOn", f.completedOn());
        m.put("late", f.late());
        m.put("verdict", f.verdict());
        m.put("decidedAt", f.decidedAt());
        m.put("decidedBy", f.decidedBy());
        m.put("reason", f.reason());
        m.put("documents", f.documents().stream().map(d -> Map.of("documentId", d.documentId(), "filename", d.filename())).toList());
        return m;
    }

    static Map<String, Object> json(Request r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("kind", r.kind());
        m.put("requestedAt", r.requestedAt());
        m.put("requestedBy", r.requestedBy());
        m.put("reason", r.reason());
        m.put("proposedDueDate", r.proposedDueDate());
        m.put("decision", r.decision());
        m.put("decidedAt", r.decidedAt());
        m.put("decidedBy", r.decidedBy());
        m.put("decisionReason", r.decisionReason());
        m.put("oldDueAt", r.oldDueAt());
        m.put("newDueAt", r.newDueAt());
        return m;
    }

    static Map<String, Object> json(UnitFigures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("orgId", f.orgId());
        m.put("orgName", f.orgName());
        m.put("open", f.open());
        m.put("overdue", f.overdue());
        m.put("closedOnTime", f.closedOnTime());
        m.put("closedLate", f.closedLate());
        m.put("due", f.due());
        m.put("rectificationRate", f.rate());
        return m;
    }
}
