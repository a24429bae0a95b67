package cn.govcloud.guard.hazards.intake.web;

import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowSupervisorAndProvider;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.hazards.intake.Intake.AlertSummary;
import cn.govcloud.guard.hazards.intake.Intake.ImportSummary;
import cn.govcloud.guard.hazards.intake.Intake.NewAlert;
import cn.govcloud.guard.hazards.intake.internal.IntakeService;
import cn.govcloud.guard.hazards.intake.internal.IntakeService.Alert;
import cn.govcloud.guard.hazards.intake.internal.IntakeService.Filter;
import cn.govcloud.guard.hazards.intake.internal.IntakeService.Finding;
import cn.govcloud.guard.hazards.intake.internal.IntakeService.ImportRecord;
import cn.govcloud.guard.hazards.intake.internal.IntakeService.Kind;
import cn.govcloud.guard.hazards.intake.internal.IntakeService.Page;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.Unprocessable;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
 * what matched its own systems), triage and "raise a hazard" (A10.2).
 */
@RestController
class IntakeApiController {
    static final Role[] READERS = {Role.SUPERVISOR, Role.REGULATOR, Role.PROVIDER_OPERATOR, Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF};

    private final IntakeService intake;
    private final org.springframework.context.MessageSource messages;

    IntakeApiController(IntakeService intake, org.springframework.context.MessageSource messages) {
        this.intake = intake;
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
    @ApiResponse(responseCode = "201", description = "Imported: importId, format, results, new, updated, unmatched")
    @ApiResponse(responseCode = "202", description = "Accepted for the background: importId, status RUNNING, progress")
    @ApiResponse(responseCode = "422", description = "Refused, nothing stored; the reason in the caller's language")
    ResponseEntity<Map<String, Object>> importScan(@RequestPart(name = "file", required = false) MultipartFile file,
                                                   @RequestParam(defaultValue = "false") boolean async,
                                                   @RequestHeader(name = "Prefer", required = false) String prefer) throws IOException {
        if (file == null || file.isEmpty()) {
            throw new InvalidInput("hazards.intake.error.noFile", Map.of("file", "hazards.intake.error.noFile"));
        }
        if (file.getSize() > intake.maxScanBytes()) {
            throw new Unprocessable(messages.getMessage("hazards.intake.error.tooLarge", new Object[] {intake.maxScanBytes() / (1024 * 1024)},
                    LocaleContextHolder.getLocale()));
        }
        if (async || (prefer != null && prefer.toLowerCase(java.util.Locale.ROOT).contains("respond-async"))) {
            long id = submit(intake, file);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("importId", id);
            m.put("status", "RUNNING");
            m.put("progress", "/api/v1/findings/imports/" + id);
            return ResponseEntity.accepted().location(java.net.URI.create("/api/v1/findings/imports/" + id)).body(m);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(importNow(file));
    }

    /** The upload copied to a file of its own (the request's is gone when the request ends), then imported in the background. */
    static long submit(IntakeService intake, MultipartFile file) throws IOException {
        java.nio.file.Path copy = java.nio.file.Files.createTempFile("govguard-scan-", ".upload");
        try {
            file.transferTo(copy);
            return intake.submitScan(file.getOriginalFilename(), copy);
        } catch (IOException | RuntimeException e) {
            java.nio.file.Files.deleteIfExists(copy);
            throw e;
        }
    }

    /** Issue 24 point 7: where a background import stands — results read, stored, %, ETA — and how it ended. */
    @GetMapping("/api/v1/findings/imports/{id}")
    @AllowOversightAndProvider
    Map<String, Object> importStatus(@PathVariable long id) {
        ImportRecord r = intake.importRecord(Actor.require(), id).orElseThrow(() -> new NotFound("import " + id));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("importId", r.id());
        m.put("status", r.status());
        m.put("format", r.format());
        m.put("filename", r.filename());
        m.put("bytesRead", r.bytes());
        m.put("totalBytes", r.totalBytes());
        m.put("results", r.results());
        m.put("stored", r.stored());
        m.put("percent", r.percent());
        m.put("etaSeconds", r.etaSeconds());
        m.put("new", r.newCount());
        m.put("updated", r.updated());
        m.put("unmatched", r.unmatched());
        m.put("error", r.error());
        m.put("importedAt", r.importedAt());
        m.put("finishedAt", r.finishedAt());
        m.put("importedBy", r.importedBy());
        return m;
    }

    private Map<String, Object> importNow(MultipartFile file) throws IOException {
        ImportSummary s;
        try (InputStream in = file.getInputStream()) {
            s = intake.importScan(file.getOriginalFilename(), in);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("importId", s.importId());
        m.put("format", s.format());
        m.put("results", s.results());
        m.put("new", s.newFindings());
        m.put("updated", s.updated());
        m.put("unmatched", s.unmatched());
        return m;
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
    Map<String, Object> suricata(HttpServletRequest request) throws IOException {
        AlertSummary s;
        try (InputStream in = eveBody(request)) {
            s = intake.importSuricata(in);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("importId", s.importId());
        m.put("events", s.events());
        m.put("alerts", s.alerts());
        m.put("new", s.newAlerts());
        m.put("grouped", s.grouped());
        m.put("unmatched", s.unmatched());
        m.put("skipped", s.skipped());
        m.put("replayed", s.replayed());
        return m;
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

    record AlertBody(Long systemId, String address, String title, String severity, Instant time, String detail) {
    }

    /** Generic monitoring alerts: the system by id or address, title, severity (CRITICAL…INFO), time, detail → 201. */
    @PostMapping("/api/v1/alerts")
    @ResponseStatus(HttpStatus.CREATED)
    @Allow(value = Role.PROVIDER_OPERATOR, scopes = "alerts:write")
    Map<String, Object> alert(@RequestBody AlertBody body) {
        long id = intake.recordAlert(new NewAlert(body.systemId(), body.address(), body.title(), body.severity(), body.time(), body.detail()));
        return intake.alert(Actor.require(), id).map(IntakeApiController::json).orElseGet(() -> Map.of("id", id));
    }

    @GetMapping("/api/v1/findings")
    @AllowParties
    Map<String, Object> findings(@RequestParam(required = false) String severity, @RequestParam(required = false) Long systemId,
                                 @RequestParam(required = false) String state, @RequestParam(required = false) Long before,
                                 @RequestParam(defaultValue = "50") int limit) {
        Page<Finding> page = intake.findings(Actor.require(), new Filter(severity, systemId, state, before, limit));
        return page(page.items().stream().map(IntakeApiController::json).toList(), page.next());
    }

    @GetMapping("/api/v1/findings/{id}")
    @AllowParties
    Map<String, Object> finding(@PathVariable long id) {
        return json(intake.finding(Actor.require(), id).orElseThrow(() -> new NotFound("finding " + id)));
    }

    @GetMapping("/api/v1/alerts")
    @AllowParties
    Map<String, Object> alerts(@RequestParam(required = false) String severity, @RequestParam(required = false) Long systemId,
                               @RequestParam(required = false) String state, @RequestParam(required = false) Long before,
                               @RequestParam(defaultValue = "50") int limit) {
        Page<Alert> page = intake.alerts(Actor.require(), new Filter(severity, systemId, state, before, limit));
        return page(page.items().stream().map(IntakeApiController::json).toList(), page.next());
    }

    @GetMapping("/api/v1/alerts/{id}")
    @AllowParties
    Map<String, Object> alertById(@PathVariable long id) {
        Map<String, Object> m = json(intake.alert(Actor.require(), id).orElseThrow(() -> new NotFound("alert " + id)));
        m.put("burst", intake.burst(Actor.require(), id)); // issue 24 point 5: the alerts told as one with this one
        return m;
    }

    @GetMapping("/api/v1/intake/imports")
    @AllowOversightAndProvider
    Map<String, Object> imports(@RequestParam(required = false) Long before, @RequestParam(defaultValue = "50") int limit) {
        Page<ImportRecord> page = intake.imports(Actor.require(), before, limit);
        return page(page.items(), page.next());
    }

    @GetMapping("/api/v1/intake/triage")
    @AllowSupervisorAndProvider
    Map<String, Object> triage() {
        IntakeService.Queue queue = intake.triage(Actor.require(), 200);
        // issue 17 point 5: each item's time to be assigned or dismissed (catalog rule A10.1-triage); null when queued before the clock
        IntakeService.TriageDue due = intake.triageDue(queue);
        return Map.of("findings", queue.findings().stream().map(f -> withDue(json(f), due.findings().get(f.id()))).toList(),
                "alerts", queue.alerts().stream().map(a -> withDue(json(a), due.alerts().get(a.id()))).toList());
    }

    private static Map<String, Object> withDue(Map<String, Object> item, java.time.Instant due) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(item);
        m.put("triageDueAt", due);
        return m;
    }

    record AssignBody(Long systemId) {
    }

    record DismissBody(String reason) {
    }

    @PostMapping("/api/v1/findings/{id}/assign")
    @AllowSupervisorAndProvider
    Map<String, Object> assignFinding(@PathVariable long id, @RequestBody(required = false) AssignBody body) {
        return assign("findings", id, body);
    }

    @PostMapping("/api/v1/alerts/{id}/assign")
    @AllowSupervisorAndProvider
    Map<String, Object> assignAlert(@PathVariable long id, @RequestBody(required = false) AssignBody body) {
        return assign("alerts", id, body);
    }

    @PostMapping("/api/v1/findings/{id}/dismiss")
    @AllowSupervisorAndProvider
    Map<String, Object> dismissFinding(@PathVariable long id, @RequestBody(required = false) DismissBody body) {
        return dismiss("findings", id, body);
    }

    @PostMapping("/api/v1/alerts/{id}/dismiss")
    @AllowSupervisorAndProvider
    Map<String, Object> dismissAlert(@PathVariable long id, @RequestBody(required = false) DismissBody body) {
        return dismiss("alerts", id, body);
    }

    /** A10.2: 发出隐患通知 from a matched finding → 201 the hazard (id, status, dueDate, dueAt). */
    @PostMapping("/api/v1/findings/{id}/hazard")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowSupervisorAndProvider
    Map<String, Object> hazardFromFinding(@PathVariable long id) {
        return hazard("findings", id);
    }

    /** A10.2: 发出隐患通知 from a matched alert. */
    @PostMapping("/api/v1/alerts/{id}/hazard")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowSupervisorAndProvider
    Map<String, Object> hazardFromAlert(@PathVariable long id) {
        return hazard("alerts", id);
    }

    private Map<String, Object> assign(String kind, long id, AssignBody body) {
        intake.assign(kind(kind), id, body == null ? null : body.systemId());
        return read(kind, id);
    }

    private Map<String, Object> dismiss(String kind, long id, DismissBody body) {
        intake.dismiss(kind(kind), id, body == null ? null : body.reason());
        return read(kind, id);
    }

    private Map<String, Object> hazard(String kind, long id) {
        Hazards.Raised raised = intake.raiseHazard(kind(kind), id);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", raised.id());
        m.put("status", raised.status());
        m.put("dueDate", raised.dueDate());
        m.put("dueAt", raised.dueAt());
        m.put("dueProvisional", raised.dueProvisional());
        m.put("sourceRef", (kind.equals("findings") ? "finding:" : "alert:") + id);
        return m;
    }

    private Map<String, Object> read(String kind, long id) {
        Actor actor = Actor.require();
        return kind.equals("findings") ? json(intake.finding(actor, id).orElseThrow()) : json(intake.alert(actor, id).orElseThrow());
    }

    /** A page of a list: {@code next} is the cursor for {@code before=}, null on the last page. */
    static Map<String, Object> page(java.util.List<?> items, Long next) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", items);
        m.put("next", next);
        return m;
    }

    static Kind kind(String path) {
        return path.equals("findings") ? Kind.FINDING : Kind.ALERT;
    }

    static Map<String, Object> json(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("scanner", f.scanner());
        m.put("pluginId", f.pluginId());
        m.put("host", f.host());
        m.put("hostname", f.hostname());
        m.put("port", f.port());
        m.put("name", f.name());
        m.put("severity", f.severity());
        m.put("score", f.score());
        m.put("cves", f.cves());
        m.put("detail", f.detail());
        m.put("systemId", f.systemId());
        m.put("systemName", f.systemName());
        m.put("state", f.state());
        m.put("firstSeen", f.firstSeen());
        m.put("lastSeen", f.lastSeen());
        m.put("seenCount", f.seenCount());
        m.put("triagedBy", f.triagedBy());
        m.put("triagedAt", f.triagedAt());
        m.put("dismissReason", f.dismissReason());
        m.put("hazardId", f.hazardId());
        return m;
    }

    static Map<String, Object> json(Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("source", a.source());
        m.put("title", a.title());
        m.put("category", a.category());
        m.put("severity", a.severity());
        m.put("signatureId", a.signatureId());
        m.put("srcIp", a.srcIp());
        m.put("srcPort", a.srcPort());
        m.put("destIp", a.destIp());
        m.put("destPort", a.destPort());
        m.put("proto", a.proto());
        m.put("flowId", a.flowId());
        m.put("communityId", a.communityId());
        m.put("address", a.address());
        m.put("detail", a.detail());
        m.put("firstAt", a.firstAt());
        m.put("lastAt", a.lastAt());
        m.put("count", a.count());
        m.put("systemId", a.systemId());
        m.put("systemName", a.systemName());
        m.put("state", a.state());
        m.put("receivedAt", a.receivedAt());
        m.put("receivedBy", a.receivedBy());
        m.put("triagedBy", a.triagedBy());
        m.put("dismissReason", a.dismissReason());
        m.put("hazardId", a.hazardId());
        return m;
    }
}
