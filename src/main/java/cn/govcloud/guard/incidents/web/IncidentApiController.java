package cn.govcloud.guard.incidents.web;

import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.shared.AllowProviderAndUnits;
import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.incidents.Incidents.Criteria;
import cn.govcloud.guard.incidents.Incidents.NewIncident;
import cn.govcloud.guard.incidents.Incidents.Reported;
import cn.govcloud.guard.incidents.internal.Classification;
import cn.govcloud.guard.incidents.internal.Grading;
import cn.govcloud.guard.incidents.internal.IncidentService;
import cn.govcloud.guard.incidents.internal.IncidentService.Incident;
import cn.govcloud.guard.incidents.internal.IncidentService.NewReport;
import cn.govcloud.guard.incidents.internal.IncidentService.Report;
import cn.govcloud.guard.incidents.internal.ReportPdf;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Incidents over the API (A10.4, A10.5). {@code POST /api/v1/incidents} is API.md's stable contract:
 * {@code reportDueAt} is the catalog duty's due time for I–III (30 minutes after confirmation), null for IV.
 */
@RestController
@RequestMapping("/api/v1/incidents")
@AllowParties
class IncidentApiController {
    private final IncidentService incidents;
    private final ReportPdf pdf;

    private final cn.govcloud.guard.rules.RuleCatalog catalog;

    IncidentApiController(IncidentService incidents, ReportPdf pdf, cn.govcloud.guard.rules.RuleCatalog catalog) {
        this.catalog = catalog;
        this.incidents = incidents;
        this.pdf = pdf;
    }

    @GetMapping
    List<Map<String, Object>> list() {
        return incidents.list(Actor.require()).stream().map(IncidentApiController::json).toList();
    }

    /** The national classification and the grading thresholds, for outside tools and the form. */
    @GetMapping("/classification")
    Map<String, Object> classification() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("categories", Classification.CATEGORIES);
        m.put("grades", Grading.GRADES);
        m.put("thresholds", Grading.thresholds(catalog));
        m.put("dataLevels", Grading.DATA_LEVELS);
        m.put("dataGrades", catalog.parameter(Grading.DATA_PARAMETER).grades());
        return m;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProviderAndUnits
    Map<String, Object> create(@RequestBody Map<String, Object> body) {
        Map<String, String> errors = new LinkedHashMap<>();
        NewIncident in = new NewIncident(longValue(body, "systemId", errors), string(body, "title"), string(body, "category"),
                string(body, "subType"), string(body, "grade"), instant(body, "discoveredAt", errors), instant(body, "confirmedAt", errors),
                string(body, "description"), string(body, "impact"),
                new Criteria(decimal(body, "portalOutageHours", errors), decimal(body, "criticalOutageHours", errors),
                        longValue(body, "peopleAffected", errors), longValue(body, "recordsLeaked", errors), string(body, "dataAffected"),
                        decimal(body, "directLossWan", errors)));
        if (!errors.isEmpty()) {
            throw new InvalidInput("incidents.error.invalid", errors);
        }
        Reported reported = incidents.report(in);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", reported.id());
        m.put("reportDueAt", reported.reportDueAt());
        m.put("grade", reported.grade());
        m.put("suggestedGrade", reported.suggestedGrade());
        m.putAll(json(incidents.visible(reported.id(), Actor.require())));
        return m;
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable long id) {
        Incident incident = incidents.visible(id, Actor.require());
        Map<String, Object> m = json(incident);
        m.put("description", incident.description());
        m.put("impact", incident.impact());
        m.put("criteria", incident.criteria());
        m.put("timeline", incidents.timeline(id));
        m.put("gradeChanges", incidents.gradeChanges(id));
        m.put("reports", incidents.reports(id).stream().map(IncidentApiController::json).toList());
        m.put("duties", incidents.dutiesOf(incident).stream().map(IncidentApiController::json).toList());
        return m;
    }

    /** {@code kind}: INITIAL, PROGRESS or FINAL. */
    @PostMapping("/{id}/reports")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProviderAndUnits
    Map<String, Object> report(@PathVariable long id, @RequestBody Map<String, Object> body) {
        Object contained = body.get("contained");
        Report report = incidents.submitReport(id, new NewReport(string(body, "kind"), string(body, "summary"), string(body, "measures"),
                contained == null ? null : Boolean.valueOf(String.valueOf(contained)), string(body, "rootCause"), string(body, "timeline"),
                string(body, "lessons"), string(body, "reporter")));
        return json(report);
    }

    @GetMapping("/{id}/reports/{reportId}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable long id, @PathVariable long reportId) {
        return pdfOf(incidents, pdf, id, reportId);
    }

    static ResponseEntity<byte[]> pdfOf(IncidentService incidents, ReportPdf pdf, long id, long reportId) {
        Incident incident = incidents.visible(id, Actor.require());
        Report report = incidents.report(reportId).filter(r -> r.incidentId() == id).orElseThrow(() -> new NotFound("report " + reportId));
        byte[] content = pdf.render(incident, report, incidents.timeline(id));
        String name = "事件报告-" + id + "-" + report.number() + ".pdf";
        return Downloads.attachment(new StoredDocument(0, incident.orgId(), name, "application/pdf", content.length, null, Instant.EPOCH),
                content);
    }

    @PostMapping("/{id}/reports/{reportId}/acknowledgement")
    @Allow(Role.REGULATOR)
    Map<String, Object> acknowledge(@PathVariable long id, @PathVariable long reportId) {
        incidents.acknowledge(id, reportId);
        return json(incidents.report(reportId).orElseThrow());
    }

    @PostMapping("/{id}/grade")
    @AllowProviderAndUnits
    Map<String, Object> grade(@PathVariable long id, @RequestBody Map<String, Object> body) {
        incidents.changeGrade(id, string(body, "grade"), string(body, "reason"));
        return json(incidents.visible(id, Actor.require()));
    }

    @PostMapping("/{id}/resolution")
    @AllowProviderAndUnits
    Map<String, Object> resolve(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
        incidents.resolve(id, body == null ? null : string(body, "note"));
        return json(incidents.visible(id, Actor.require()));
    }

    /** A10.5: the provider records its support on a unit's incident (its cooperation task). */
    @PostMapping("/{id}/cooperation")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @AllowProvider
    void cooperate(@PathVariable long id, @RequestBody Map<String, Object> body) {
        incidents.cooperate(id, string(body, "note"));
    }

    static Map<String, Object> json(Incident i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("orgId", i.orgId());
        m.put("systemId", i.systemId());
        m.put("systemName", i.systemName());
        m.put("platform", i.platform());
        m.put("rule", i.article());
        m.put("title", i.title());
        m.put("category", i.category());
        m.put("subType", i.subType());
        m.put("grade", i.grade());
        m.put("suggestedGrade", i.suggestedGrade());
        m.put("status", i.status());
        m.put("discoveredAt", i.discoveredAt());
        m.put("confirmedAt", i.confirmedAt());
        m.put("clockStartedAt", i.clockStartedAt());
        m.put("reportDueAt", i.reportDueAt());
        m.put("reportDueProvisional", false); // 30 minutes (A10.4, A10.5): no holiday schedule involved
        m.put("initialReported", i.initialReported());
        m.put("finalReported", i.finalReported());
        m.put("containedAt", i.containedAt());
        m.put("resolvedAt", i.resolvedAt());
        m.put("recordedAt", i.recordedAt());
        m.put("recordedBy", i.recordedBy());
        return m;
    }

    static Map<String, Object> json(Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("kind", r.kind());
        m.put("number", r.number());
        m.put("grade", r.grade());
        m.put("summary", r.summary());
        m.put("measures", r.measures());
        m.put("contained", r.contained());
        m.put("rootCause", r.rootCause());
        m.put("timeline", r.timeline());
        m.put("lessons", r.lessons());
        m.put("reporter", r.reporter());
        m.put("late", r.late());
        m.put("submittedAt", r.submittedAt());
        m.put("submittedBy", r.submittedBy());
        m.put("recipients", r.recipients());
        m.put("pdf", "/api/v1/incidents/" + r.incidentId() + "/reports/" + r.id() + "/pdf");
        return m;
    }

    static Map<String, Object> json(Duty d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("rule", d.ruleId());
        m.put("reference", d.reference());
        m.put("dueAt", d.dueAt());
        m.put("dueProvisional", d.dueProvisional());
        m.put("state", d.state());
        return m;
    }

    // ---- lenient parsing: anything malformed is a 400 naming the field ---------------------------

    static String string(Map<String, Object> body, String field) {
        Object v = body.get(field);
        return v == null ? null : String.valueOf(v);
    }

    static Instant instant(Map<String, Object> body, String field, Map<String, String> errors) {
        String v = string(body, field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v.strip()).toInstant();
        } catch (DateTimeParseException e) {
            errors.put(field, "incidents.error.instant");
            return null;
        }
    }

    static Long longValue(Map<String, Object> body, String field, Map<String, String> errors) {
        String v = string(body, field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(v.strip());
        } catch (NumberFormatException e) {
            errors.put(field, "incidents.error.number");
            return null;
        }
    }

    static BigDecimal decimal(Map<String, Object> body, String field, Map<String, String> errors) {
        String v = string(body, field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(v.strip());
        } catch (NumberFormatException e) {
            errors.put(field, "incidents.error.number");
            return null;
        }
    }
}
