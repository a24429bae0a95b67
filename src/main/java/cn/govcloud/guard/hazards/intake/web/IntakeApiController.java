package cn.govcloud.guard.hazards.intake.web;

import cn.govcloud.guard.hazards.intake.Intake;
import cn.govcloud.guard.hazards.intake.Intake.NewAlert;
import cn.govcloud.guard.hazards.intake.internal.Filter;
import cn.govcloud.guard.hazards.intake.internal.ImportRecord;
import cn.govcloud.guard.hazards.intake.internal.IntakeItem.Kind;
import cn.govcloud.guard.hazards.intake.internal.IntakeQueries;
import cn.govcloud.guard.hazards.intake.internal.IntakeService.Page;
import cn.govcloud.guard.hazards.intake.internal.ScanImports;
import cn.govcloud.guard.hazards.intake.internal.Triage;
import cn.govcloud.guard.hazards.intake.web.IntakeDto.AlertBody;
import cn.govcloud.guard.hazards.intake.web.IntakeDto.AlertDetail;
import cn.govcloud.guard.hazards.intake.web.IntakeDto.AlertId;
import cn.govcloud.guard.hazards.intake.web.IntakeDto.AlertView;
import cn.govcloud.guard.hazards.intake.web.IntakeDto.AssignBody;
import cn.govcloud.guard.hazards.intake.web.IntakeDto.DismissBody;
import cn.govcloud.guard.hazards.intake.web.IntakeDto.EveImported;
import cn.govcloud.guard.hazards.intake.web.IntakeDto.FindingView;
import cn.govcloud.guard.hazards.intake.web.IntakeDto.HazardRaised;
import cn.govcloud.guard.hazards.intake.web.IntakeDto.ImportAccepted;
import cn.govcloud.guard.hazards.intake.web.IntakeDto.ImportStatus;
import cn.govcloud.guard.hazards.intake.web.IntakeDto.PageView;
import cn.govcloud.guard.hazards.intake.web.IntakeDto.PostedAlert;
import cn.govcloud.guard.hazards.intake.web.IntakeDto.Queued;
import cn.govcloud.guard.hazards.intake.web.IntakeDto.ScanImported;
import cn.govcloud.guard.hazards.intake.web.IntakeDto.TriageView;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowSupervisorAndProvider;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.Unprocessable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Alerts and scan findings in (A10.1) as API.md has them: {@code POST /api/v1/findings/import},
 * {@code POST /api/v1/alerts/suricata}, {@code POST /api/v1/alerts}, the reads (scoped: a unit sees
 * what matched its own systems), triage and "raise a hazard" (A10.2). Requests and answers are the
 * records of {@link IntakeDto}.
 */
@RestController
class IntakeApiController {
    private final Intake intake;
    private final ScanImports scans;
    private final IntakeQueries queries;
    private final Triage triage;
    private final MessageSource messages;

    IntakeApiController(Intake intake, ScanImports scans, IntakeQueries queries, Triage triage, MessageSource messages) {
        this.intake = intake;
        this.scans = scans;
        this.queries = queries;
        this.triage = triage;
        this.messages = messages;
    }

    /**
     * API.md: multipart, the report in field {@code file}; the format comes from the content → 201 counts. Issue 24
     * point 7: with {@code Prefer: respond-async} (RFC 7240) or {@code ?async=true} the report is imported in the
     * background → 202 with the import id at once and {@code Location: /api/v1/findings/imports/{id}}, where its
     * progress and outcome are read; still all or nothing.
     */
    @PostMapping("/api/v1/findings/import")
    @Allow(value = {Role.PROVIDER_OPERATOR, Role.SUPERVISOR}, scopes = "findings:write")
    @Operation(summary = "Import a scan report (A10.1): OpenVAS / Greenbone XML, Nessus .nessus; recognised from the content",
            description = "Multipart, the report in the part `file`. Imported whole or not at all. Synchronous → 201 with the counts; with "
                    + "`Prefer: respond-async` or `?async=true` → 202 with the import id, progress at `/api/v1/findings/imports/{id}`.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
            schema = @Schema(type = "object", requiredProperties = "file"),
            schemaProperties = @io.swagger.v3.oas.annotations.media.SchemaProperty(name = "file",
                    schema = @Schema(type = "string", format = "binary", description = "the scan report"))))
    @ApiResponse(responseCode = "201", description = "Imported: importId, format, results, new, updated, unmatched",
            content = @Content(schema = @Schema(implementation = ScanImported.class)))
    @ApiResponse(responseCode = "202", description = "Accepted for the background: importId, status RUNNING, progress",
            content = @Content(schema = @Schema(implementation = ImportAccepted.class)))
    @ApiResponse(responseCode = "422", description = "Refused, nothing stored; the reason in the caller's language")
    ResponseEntity<?> importScan(@RequestPart(name = "file", required = false) MultipartFile file,
                                                   @RequestParam(defaultValue = "false") boolean async,
                                                   @RequestHeader(name = "Prefer", required = false) String prefer) throws IOException {
        if (file == null || file.isEmpty()) {
            throw new InvalidInput("hazards.intake.error.noFile", Map.of("file", "hazards.intake.error.noFile"));
        }
        if (file.getSize() > scans.maxScanBytes()) {
            throw new Unprocessable(messages.getMessage("hazards.intake.error.tooLarge", new Object[] {scans.maxScanBytes() / (1024 * 1024)},
                    LocaleContextHolder.getLocale()));
        }
        if (async || (prefer != null && prefer.toLowerCase(Locale.ROOT).contains("respond-async"))) {
            long id = submit(scans, file);
            String progress = "/api/v1/findings/imports/" + id;
            return ResponseEntity.accepted().location(URI.create(progress)).body(new ImportAccepted(id, "RUNNING", progress));
        }
        try (InputStream in = file.getInputStream()) {
            return ResponseEntity.status(HttpStatus.CREATED).body(ScanImported.of(intake.importScan(file.getOriginalFilename(), in)));
        }
    }

    /** The upload copied to a file of its own (the request's is gone when the request ends), then imported in the background. */
    static long submit(ScanImports scans, MultipartFile file) throws IOException {
        Path copy = Files.createTempFile("govguard-scan-", ".upload");
        try {
            file.transferTo(copy);
            return scans.submitScan(Actor.require(), file.getOriginalFilename(), copy);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
    }

    /** Issue 24 point 7: where a background import stands — results read, stored, %, ETA — and how it ended. */
    @GetMapping("/api/v1/findings/imports/{id}")
    @AllowOversightAndProvider
    ImportStatus importStatus(@PathVariable long id) {
        return ImportStatus.of(queries.importRecord(Actor.require(), id).orElseThrow(() -> new NotFound("import " + id)));
    }

    /**
     * API.md: Suricata EVE JSON lines (event_type alert taken, the rest skipped) → counts. The lines are read
     * whatever the content type the sensor or shipper sends — {@code application/x-ndjson}, JSON, plain text,
     * {@code curl --data-binary}'s form type ({@link RawEveBody} keeps that body from being parsed as a form)
     * — or from the part {@code file} of a multipart upload. A body without any EVE event is refused (400).
     */
    @PostMapping("/api/v1/alerts/suricata")
    @Allow(value = Role.PROVIDER_OPERATOR, scopes = "alerts:write")
    @Operation(summary = "Suricata EVE JSON lines (A10.1): alerts grouped by flow and signature, replays not counted twice",
            description = "The body is EVE JSON lines (NDJSON) as Suricata writes eve.json; read whatever the content type a sensor or "
                    + "shipper sends (application/x-ndjson, JSON, text, curl's form type) or from the part `file` of a multipart upload.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string", description = "one EVE event per line"),
                    examples = @ExampleObject(name = "eve", value = "{\"timestamp\":\"2026-03-02T14:05:00.123456+0800\",\"flow_id\":1825093348753811,"
                            + "\"event_type\":\"alert\",\"src_ip\":\"203.0.113.45\",\"dest_ip\":\"10.31.1.10\",\"dest_port\":443,"
                            + "\"proto\":\"TCP\",\"alert\":{\"signature_id\":2024217,\"signature\":\"ET EXPLOIT Apache Struts\",\"severity\":1}}")),
            @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schemaProperties = @io.swagger.v3.oas.annotations.media.SchemaProperty(
                    name = "file", schema = @Schema(type = "string", format = "binary")))})
    @ApiResponse(responseCode = "200", description = "events, alerts, new, grouped, unmatched, skipped, replayed")
    EveImported suricata(HttpServletRequest request) throws IOException {
        try (InputStream in = eveBody(request)) {
            return EveImported.of(intake.importSuricata(in));
        }
    }

    private static InputStream eveBody(HttpServletRequest request) throws IOException {
        var multipart = org.springframework.web.util.WebUtils.getNativeRequest(request,
                org.springframework.web.multipart.MultipartHttpServletRequest.class);
        if (multipart != null) {
            MultipartFile file = multipart.getFile("file");
            if (file == null) {
                file = multipart.getFileMap().values().stream().findFirst().orElse(null);
            }
            if (file == null || file.isEmpty()) {
                throw new InvalidInput("hazards.intake.error.noFile", Map.of("file", "hazards.intake.error.noFile"));
            }
            return file.getInputStream();
        }
        return request.getInputStream();
    }

    /** Generic monitoring alerts: the system by id or address, title, severity (CRITICAL…INFO), time, detail → 201. */
    @PostMapping("/api/v1/alerts")
    @ResponseStatus(HttpStatus.CREATED)
    @Allow(value = Role.PROVIDER_OPERATOR, scopes = "alerts:write")
    PostedAlert alert(@RequestBody @Valid AlertBody body) {
        long id = intake.recordAlert(new NewAlert(body.systemId(), body.address(), body.title(), body.severity(), body.time(), body.detail()));
        return queries.alert(Actor.require(), id).<PostedAlert>map(AlertView::of).orElseGet(() -> new AlertId(id));
    }

    @GetMapping("/api/v1/findings")
    @AllowParties
    PageView<FindingView> findings(@RequestParam(required = false) String severity, @RequestParam(required = false) Long systemId,
                                   @RequestParam(required = false) String state, @RequestParam(required = false) Long before,
                                   @RequestParam(defaultValue = "50") int limit,
                                   @RequestParam(required = false) String q, @RequestParam(required = false) Long orgId,
                                   @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        // issue 23 point 11: the list page's keyword, unit and time range, optional; an unreadable filter is a 400 naming it
        Filter f = IntakeListQuery.parse(apiParams(severity, systemId, state, before, limit, q, orgId, from, to), 50, IntakeListQuery.API_MAX).filter();
        return page(queries.findings(Actor.require(), f), FindingView::of);
    }

    private static Map<String, String> apiParams(String severity, Long systemId, String state, Long before, int limit, String q, Long orgId,
                                                 String from, String to) {
        Map<String, String> params = new java.util.HashMap<>();
        params.put("severity", severity);
        params.put("systemId", systemId == null ? null : systemId.toString());
        params.put("state", state);
        params.put("before", before == null ? null : before.toString());
        // the API kept its old leniency on the page size: out of range is brought within 1..200
        params.put("size", String.valueOf(Math.max(1, Math.min(limit, 200))));
        params.put("q", q);
        params.put("orgId", orgId == null ? null : orgId.toString());
        params.put("from", from);
        params.put("to", to);
        return params;
    }

    @GetMapping("/api/v1/findings/{id}")
    @AllowParties
    FindingView finding(@PathVariable long id) {
        return FindingView.of(queries.finding(Actor.require(), id).orElseThrow(() -> new NotFound("finding " + id)));
    }

    @GetMapping("/api/v1/alerts")
    @AllowParties
    PageView<AlertView> alerts(@RequestParam(required = false) String severity, @RequestParam(required = false) Long systemId,
                               @RequestParam(required = false) String state, @RequestParam(required = false) Long before,
                               @RequestParam(defaultValue = "50") int limit,
                               @RequestParam(required = false) String q, @RequestParam(required = false) Long orgId,
                               @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        // issue 23 point 11: the list page's keyword, unit and time range, optional; an unreadable filter is a 400 naming it
        Filter f = IntakeListQuery.parse(apiParams(severity, systemId, state, before, limit, q, orgId, from, to), 50, IntakeListQuery.API_MAX).filter();
        return page(queries.alerts(Actor.require(), f), AlertView::of);
    }

    @GetMapping("/api/v1/alerts/{id}")
    @AllowParties
    AlertDetail alertById(@PathVariable long id) {
        Actor actor = Actor.require();
        AlertView alert = AlertView.of(queries.alert(actor, id).orElseThrow(() -> new NotFound("alert " + id)));
        return new AlertDetail(alert, queries.burst(actor, id)); // issue 24 point 5: the alerts told as one with this one
    }

    @GetMapping("/api/v1/intake/imports")
    @AllowOversightAndProvider
    PageView<ImportRecord> imports(@RequestParam(required = false) Long before, @RequestParam(defaultValue = "50") int limit) {
        return page(queries.imports(Actor.require(), before, limit), Function.identity());
    }

    @GetMapping("/api/v1/intake/triage")
    @AllowSupervisorAndProvider
    TriageView triage() {
        IntakeQueries.Queue queue = queries.triage(Actor.require(), 200);
        // issue 17 point 5: each item's time to be assigned or dismissed (catalog rule A10.1-triage); null when queued before the clock
        IntakeQueries.TriageDue due = queries.triageDue(queue);
        return new TriageView(queue.findings().stream().map(f -> new Queued<>(FindingView.of(f), due.findings().get(f.id()))).toList(),
                queue.alerts().stream().map(a -> new Queued<>(AlertView.of(a), due.alerts().get(a.id()))).toList());
    }

    @PostMapping("/api/v1/findings/{id}/assign")
    @AllowSupervisorAndProvider
    FindingView assignFinding(@PathVariable long id, @RequestBody(required = false) @Valid AssignBody body) {
        triage.assign(Actor.require(), Kind.FINDING, id, body == null ? null : body.systemId());
        return readFinding(id);
    }

    @PostMapping("/api/v1/alerts/{id}/assign")
    @AllowSupervisorAndProvider
    AlertView assignAlert(@PathVariable long id, @RequestBody(required = false) @Valid AssignBody body) {
        triage.assign(Actor.require(), Kind.ALERT, id, body == null ? null : body.systemId());
        return readAlert(id);
    }

    @PostMapping("/api/v1/findings/{id}/dismiss")
    @AllowSupervisorAndProvider
    FindingView dismissFinding(@PathVariable long id, @RequestBody(required = false) @Valid DismissBody body) {
        triage.dismiss(Actor.require(), Kind.FINDING, id, body == null ? null : body.reason());
        return readFinding(id);
    }

    @PostMapping("/api/v1/alerts/{id}/dismiss")
    @AllowSupervisorAndProvider
    AlertView dismissAlert(@PathVariable long id, @RequestBody(required = false) @Valid DismissBody body) {
        triage.dismiss(Actor.require(), Kind.ALERT, id, body == null ? null : body.reason());
        return readAlert(id);
    }

    /** A10.2: 发出隐患通知 from a matched finding → 201 the hazard (id, status, dueDate, dueAt). */
    @PostMapping("/api/v1/findings/{id}/hazard")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowSupervisorAndProvider
    HazardRaised hazardFromFinding(@PathVariable long id) {
        return hazard(Kind.FINDING, id);
    }

    /** A10.2: 发出隐患通知 from a matched alert. */
    @PostMapping("/api/v1/alerts/{id}/hazard")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowSupervisorAndProvider
    HazardRaised hazardFromAlert(@PathVariable long id) {
        return hazard(Kind.ALERT, id);
    }

    private HazardRaised hazard(Kind kind, long id) {
        return HazardRaised.of(triage.raiseHazard(Actor.require(), kind, id), (kind == Kind.FINDING ? "finding:" : "alert:") + id);
    }

    private FindingView readFinding(long id) {
        return FindingView.of(queries.finding(Actor.require(), id).orElseThrow());
    }

    private AlertView readAlert(long id) {
        return AlertView.of(queries.alert(Actor.require(), id).orElseThrow());
    }

    private static <T, V> PageView<V> page(Page<T> page, Function<T, V> view) {
        return new PageView<>(page.items().stream().map(view).toList(), page.next());
    }
}
