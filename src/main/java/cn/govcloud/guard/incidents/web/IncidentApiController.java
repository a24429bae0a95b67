package cn.govcloud.guard.incidents.web;

import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowProvider;
import cn.govcloud.guard.shared.AllowProviderAndUnits;
import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.incidents.Incidents.Reported;
import cn.govcloud.guard.incidents.internal.Classification;
import cn.govcloud.guard.incidents.internal.Grading;
import cn.govcloud.guard.incidents.internal.IncidentService;
import cn.govcloud.guard.incidents.internal.Incident;
import cn.govcloud.guard.incidents.internal.IncidentService.NewReport;
import cn.govcloud.guard.incidents.internal.IncidentReport;
import cn.govcloud.guard.incidents.internal.ReportPdf;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.RequestParam;
import java.util.Map;
import jakarta.validation.Valid;
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

    /**
     * Newest first; issue 23 point 11: optionally searched and filtered like the list page (at most {@code limit} rows). The
     * request's parameters are read as the page reads them (shared.ListParameters), {@code page} too (0 when absent): one it
     * cannot read is a 400 naming it.
     */
    @GetMapping
    List<IncidentJson> list(@RequestParam Map<String, String> params) {
        IncidentListQuery query = ListLinks.api(params, p -> IncidentListQuery.parse(p, IncidentListQuery.API_MAX, IncidentListQuery.API_MAX));
        return incidents.page(Actor.require(), query.filter(), query.page(), query.size()).rows().stream().map(IncidentJson::of).toList();
    }

    /** The national classification and the grading thresholds, for outside tools and the form. */
    @GetMapping("/classification")
    ClassificationJson classification() {
        return new ClassificationJson(Classification.CATEGORIES, Grading.GRADES, Grading.thresholds(catalog), Grading.DATA_LEVELS,
                catalog.parameter(Grading.DATA_PARAMETER).grades());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProviderAndUnits
    IncidentJson create(@RequestBody @Valid NewIncidentBody body) {
        Reported reported = incidents.report(body.incident());
        return IncidentJson.of(incidents.visible(reported.id(), Actor.require()));
    }

    @GetMapping("/{id}")
    IncidentDetailJson get(@PathVariable long id) {
        Incident incident = incidents.visible(id, Actor.require());
        return new IncidentDetailJson(IncidentJson.of(incident), incident.description(), incident.impact(), incident.criteria(),
                incidents.timeline(id), incidents.gradeChanges(id), incidents.reports(id).stream().map(ReportJson::of).toList(),
                incidents.dutiesOf(incident).stream().map(DutyJson::of).toList());
    }

    /** {@code kind}: INITIAL, PROGRESS or FINAL. */
    @PostMapping("/{id}/reports")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProviderAndUnits
    ReportJson report(@PathVariable long id, @RequestBody @Valid NewReportBody body) {
        return ReportJson.of(incidents.submitReport(id, new NewReport(body.kind(), body.summary(), body.measures(), body.contained(),
                body.rootCause(), body.timeline(), body.lessons(), body.reporter())));
    }

    @GetMapping("/{id}/reports/{reportId}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable long id, @PathVariable long reportId) {
        return pdfOf(incidents, pdf, id, reportId);
    }

    static ResponseEntity<byte[]> pdfOf(IncidentService incidents, ReportPdf pdf, long id, long reportId) {
        Incident incident = incidents.visible(id, Actor.require());
        IncidentReport report = incidents.report(reportId).filter(r -> r.incidentId() == id).orElseThrow(() -> new NotFound("report " + reportId));
        byte[] content = pdf.render(incident, report, incidents.timeline(id));
        String name = "事件报告-" + id + "-" + report.number() + ".pdf";
        return Downloads.attachment(new StoredDocument(0, incident.orgId(), name, "application/pdf", content.length, null, Instant.EPOCH),
                content);
    }

    @PostMapping("/{id}/reports/{reportId}/acknowledgement")
    @Allow(Role.REGULATOR)
    ReportJson acknowledge(@PathVariable long id, @PathVariable long reportId) {
        incidents.acknowledge(id, reportId);
        return ReportJson.of(incidents.report(reportId).orElseThrow());
    }

    @PostMapping("/{id}/grade")
    @AllowProviderAndUnits
    IncidentJson grade(@PathVariable long id, @RequestBody @Valid GradeChangeBody body) {
        incidents.changeGrade(id, body.grade(), body.reason());
        return IncidentJson.of(incidents.visible(id, Actor.require()));
    }

    @PostMapping("/{id}/resolution")
    @AllowProviderAndUnits
    IncidentJson resolve(@PathVariable long id, @RequestBody(required = false) @Valid NoteBody body) {
        incidents.resolve(id, body == null ? null : body.note());
        return IncidentJson.of(incidents.visible(id, Actor.require()));
    }

    /** A10.5: the provider records its support on a unit's incident (its cooperation task). */
    @PostMapping("/{id}/cooperation")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @AllowProvider
    void cooperate(@PathVariable long id, @RequestBody @Valid NoteBody body) {
        incidents.cooperate(id, body.note());
    }
}
