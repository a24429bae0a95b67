package cn.govcloud.guard.duties.web;

import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.duties.internal.ComplianceExport;
import cn.govcloud.guard.duties.internal.ComplianceMatrix;
import cn.govcloud.guard.duties.internal.DutyReads;
import cn.govcloud.guard.duties.internal.DutyReviews;
import cn.govcloud.guard.duties.internal.EvidenceFiling;
import cn.govcloud.guard.duties.internal.DutyCursor;
import cn.govcloud.guard.duties.internal.DutyFilter;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.HashMap;
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

/**
 * Duties and the compliance matrix over the API. Lists are scoped to what the caller may see (A4);
 * acting on a duty is for its responsible organisation, review and waiver for the supervisor.
 */
@RestController
@RequestMapping("/api/v1")
@AllowParties
class DutyApiController {
    static final int MAX_PAGE = 200;

    private final DutyReads duties;
    private final EvidenceFiling filing;
    private final DutyReviews reviews;
    private final Duties api;
    private final RuleCatalog catalog;
    private final ComplianceMatrix matrix;
    private final ComplianceExport export;
    private final org.springframework.context.MessageSource messages;

    DutyApiController(DutyReads duties, EvidenceFiling filing, DutyReviews reviews, Duties api, RuleCatalog catalog, ComplianceMatrix matrix, ComplianceExport export,
                      org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.duties = duties;
        this.filing = filing;
        this.reviews = reviews;
        this.api = api;
        this.catalog = catalog;
        this.matrix = matrix;
        this.export = export;
    }

    @GetMapping("/duties")
    DutyJson.DutyPage list(@RequestParam(required = false) DutyState state, @RequestParam(required = false) String rule,
                             @RequestParam(required = false) Long org, @RequestParam(required = false) SubjectKind subjectKind,
                             @RequestParam(required = false) LocalDate dueFrom, @RequestParam(required = false) LocalDate dueTo,
                             @RequestParam(required = false) String q, @RequestParam(required = false) String cursor,
                             @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidInput("limit must be between 1 and " + MAX_PAGE, Map.of("limit", "1.." + MAX_PAGE));
        }
        Actor actor = Actor.require();
        DutyFilter filter = new DutyFilter(state, rule, org, subjectKind, null, dueFrom, dueTo).matching(q, catalog.rules());
        List<Duty> page = duties.page(actor, filter, DutyCursor.parse(cursor), limit);
        return new DutyJson.DutyPage(views(page), page.size() == limit ? DutyCursor.of(page.get(page.size() - 1)) : null);
    }

    @GetMapping("/duties/agenda")
    DutyJson.Agenda agenda(@RequestParam(defaultValue = "10") int limit) {
        Duties.Agenda agenda = api.agendaOf(Actor.require(), Math.max(1, Math.min(limit, 50)));
        return new DutyJson.Agenda(agenda.openCount(), agenda.overdueCount(), views(agenda.next()), views(agenda.overdue()));
    }

    private List<DutyJson.DutyView> views(List<Duty> list) {
        return list.stream().map(d -> DutyJson.DutyView.of(d, catalog.rule(d.ruleId()).orElse(null))).toList();
    }

    @GetMapping("/duties/{id}")
    DutyJson.DutyDetail get(@PathVariable long id) {
        Actor actor = Actor.require();
        Duty duty = duties.visible(id, actor);
        Rule rule = duties.ruleOf(duty);
        return new DutyJson.DutyDetail(DutyJson.DutyView.of(duty, rule), rule.evidence(),
                duties.submissionsOf(duty).stream().map(DutyJson.SubmissionView::of).toList(), duties.waiverReason(duty).orElse(null));
    }

    /** JSON evidence: {@code {"fields": {"name": "value", …}}}; for rules without required documents. */
    @PostMapping(value = "/duties/{id}/submissions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    DutyJson.SubmissionView submitJson(@PathVariable long id, @RequestBody SubmissionBody body) {
        Map<String, String> fields = body.fields() == null ? Map.of() : body.fields();
        return DutyJson.SubmissionView.of(filing.submit(id, fields, List.of(), Actor.require()));
    }

    /** Multipart evidence: every form field is a field of the rule's form, every file part is named after its document slot. */
    @PostMapping(value = "/duties/{id}/submissions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    DutyJson.SubmissionView submitMultipart(@PathVariable long id, HttpServletRequest request) throws IOException {
        Map<String, String> fields = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> fields.put(name, values.length == 0 ? "" : values[0]));
        return DutyJson.SubmissionView.of(filing.submit(id, fields, Evidence.uploads(request, ""), Actor.require()));
    }

    record SubmissionBody(Map<String, String> fields) {
    }

    record ReviewBody(String decision, String comment) {
    }

    @PostMapping("/duties/{id}/review")
    @AllowSupervisor
    DutyJson.DutyDetail review(@PathVariable long id, @RequestBody ReviewBody body) {
        if (body.decision() == null || !(body.decision().equals("ACCEPT") || body.decision().equals("RETURN"))) {
            throw new InvalidInput("decision must be ACCEPT or RETURN", Map.of("decision", "ACCEPT | RETURN"));
        }
        reviews.review(id, body.decision().equals("ACCEPT"), body.comment(), Actor.require());
        return get(id);
    }

    record WaiveBody(String reason) {
    }

    @PostMapping("/duties/{id}/waive")
    @AllowSupervisor
    DutyJson.DutyDetail waive(@PathVariable long id, @RequestBody WaiveBody body) {
        reviews.waive(id, body.reason(), Actor.require());
        return get(id);
    }

    @GetMapping("/duties/{id}/documents/{documentId}")
    ResponseEntity<byte[]> document(@PathVariable long id, @PathVariable long documentId) {
        StoredDocument stored = duties.document(id, documentId, Actor.require());
        return cn.govcloud.guard.documents.Downloads.attachment(stored, duties.documentContent(documentId));
    }

    @GetMapping("/compliance")
    DutyJson.Compliance compliance(@RequestParam(required = false) String rule,
                                   @RequestParam(required = false) ComplianceMatrix.Status status,
                                   @RequestParam(required = false) Long org, @RequestParam(required = false) SubjectKind subjectKind,
                                   @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "500") int limit,
                                   Locale locale) {
        if (limit < 1 || limit > 5000 || offset < 0) {
            throw new InvalidInput("limit must be between 1 and 5000 and offset not negative", Map.of("limit", "1..5000"));
        }
        ComplianceMatrix.Page page = matrix.page(Actor.require(), new ComplianceMatrix.Filter(rule, status, org, subjectKind), offset, limit);
        // reasons mark a rule condition as `code` for the page (fragments/inline); the API gives plain text
        return new DutyJson.Compliance(catalog.version(), page.total(), page.summary(), page.rows().stream()
                .map(r -> DutyJson.RowView.of(r, messages.getMessage(r.reason(), r.reasonArgs().toArray(), r.reason(), locale).replace("`", ""))).toList());
    }

    @GetMapping("/compliance/export")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The file", content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")))
    void exportCompliance(@RequestParam(required = false) String rule, @RequestParam(required = false) ComplianceMatrix.Status status,
                          @RequestParam(required = false) Long org, @RequestParam(required = false) SubjectKind subjectKind,
                          Locale locale, HttpServletResponse response) throws IOException {
        List<ComplianceMatrix.Row> rows = matrix.rows(Actor.require(), new ComplianceMatrix.Filter(rule, status, org, subjectKind));
        Downloads.excel(response, "compliance-matrix.xlsx");
        export.write(rows, locale, response.getOutputStream());
    }
}
