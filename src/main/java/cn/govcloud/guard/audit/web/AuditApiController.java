package cn.govcloud.guard.audit.web;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditResult;
import cn.govcloud.guard.audit.internal.AuditExport;
import cn.govcloud.guard.audit.internal.AuditRecords;
import cn.govcloud.guard.audit.internal.AuditVerification;
import cn.govcloud.guard.audit.internal.ChainCheck;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit administrator's API (A5.3, A7.4): search, verify, export. Reading is not audited; verifying and exporting are. */
@RestController
@RequestMapping("/api/v1/audit")
@Allow(value = Role.AUDIT_ADMIN, scopes = "audit:read")
class AuditApiController {
    private final AuditRecords records;
    private final AuditVerification verification;
    private final AuditExport export;
    private final AuditLog auditLog;
    private final Clock clock;

    AuditApiController(AuditRecords records, AuditVerification verification, AuditExport export, AuditLog auditLog, Clock clock) {
        this.records = records;
        this.verification = verification;
        this.export = export;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** {@code {"valid", "records", "firstInvalid"}} as API.md fixes it. */
    @GetMapping("/verify")
    Verified verify() {
        ChainCheck.Result result = verifyAndRecord(verification, auditLog);
        return new Verified(result.valid(), result.records(), result.firstInvalid());
    }

    /** API.md's verification answer: {@code firstInvalid} is the id of the first record that breaks the chain, or null. */
    record Verified(boolean valid, long records, Long firstInvalid) {
    }

    static ChainCheck.Result verifyAndRecord(AuditVerification verification, AuditLog auditLog) {
        ChainCheck.Result result = verification.verify();
        auditLog.record(AuditEvent.of("audit.verify", "audit_record", result.valid() ? AuditResult.SUCCESS : AuditResult.FAILURE,
                "records=" + result.records() + (result.valid() ? "" : " firstInvalid=" + result.firstInvalid() + " " + result.reason())));
        return result;
    }

    @GetMapping("/records")
    AuditRecords.Page search(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                               @RequestParam(required = false) String actor, @RequestParam(required = false) String organisation,
                               @RequestParam(required = false) String action, @RequestParam(required = false) String target,
                               @RequestParam(required = false) Long before, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > AuditRecords.MAX_PAGE) {
            throw new InvalidInput("limit must be between 1 and " + AuditRecords.MAX_PAGE, Map.of("limit", "1.." + AuditRecords.MAX_PAGE));
        }
        // newest first; pass nextCursor as before for the next page (null on the last)
        AuditRecords.Page page = records.search(new AuditRecords.Filter(from, to, actor, organisation, action, target), before, limit);
        return page;
    }

    /** Streamed, never built in memory: a year of records can be millions of lines. */
    @GetMapping(value = "/export", produces = "application/x-ndjson")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The file", content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/x-ndjson", schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")))
    void export(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                HttpServletResponse response) throws IOException {
        download(export, clock, from, to, response);
    }

    /** The export as a download: the API's and the audit page's (a signed-in auditor's browser has no API token). */
    static void download(AuditExport export, Clock clock, Instant from, Instant to, HttpServletResponse response) throws IOException {
        Instant start = from != null ? from : Instant.EPOCH;
        Instant end = to != null ? to : clock.instant().plusSeconds(1);
        if (!start.isBefore(end)) {
            throw new InvalidInput("from must be before to", Map.of("from", "before to"));
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC)
                .format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        response.setContentType("application/x-ndjson;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-export-" + stamp + ".ndjson\"");
        export.write(start, end, response.getOutputStream());
        response.flushBuffer();
    }
}
