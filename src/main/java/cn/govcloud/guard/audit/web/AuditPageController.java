package cn.govcloud.guard.audit.web;

import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditRecord;
import cn.govcloud.guard.audit.internal.AuditRecords;
import cn.govcloud.guard.audit.internal.AuditVerification;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.Role;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The audit page {@code /audit} (A5.3, A7.4): filter, newest-first table with a "more" button that
 * fetches the next keyset page as rows (htmx), verification and export of the chosen range.
 * Times are entered and shown in Beijing time.
 */
@Controller
@Allow(Role.AUDIT_ADMIN)
class AuditPageController {
    private static final int PAGE = 50;
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final AuditRecords records;
    private final AuditVerification verification;
    private final AuditLog auditLog;
    private final ZoneId zone;
    private final cn.govcloud.guard.audit.internal.AuditExport export;
    private final java.time.Clock clock;

    private final AuditActionLabels labels;

    AuditPageController(AuditRecords records, AuditVerification verification, AuditLog auditLog,
                        cn.govcloud.guard.audit.internal.AuditExport export, java.time.Clock clock, AuditActionLabels labels) {
        this.labels = labels;
        this.export = export;
        this.clock = clock;
        this.records = records;
        this.verification = verification;
        this.auditLog = auditLog;
        this.zone = cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE;
    }

    /** The form's fields; times as the {@code datetime-local} inputs send them, in Beijing time. */
    record Criteria(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime from,
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime to,
                    String actor, String organisation, String action, String target, Long before) {
    }

    record Row(long id, String time, String actor, String organisation, String sourceAddress, String action, String actionLabel,
               String target, String result, String details, String sentence) {
    }

    /** The whole page, or (for htmx's "more") just the next rows. */
    @GetMapping("/audit")
    String page(@ModelAttribute("criteria") Criteria criteria, @RequestHeader(value = "HX-Request", required = false) String htmx,
                Model model) {
        Instant from = instant(criteria.from());
        Instant to = instant(criteria.to());
        AuditRecords.Page page = records.search(
                new AuditRecords.Filter(from, to, criteria.actor(), criteria.organisation(), criteria.action(), criteria.target()),
                criteria.before(), PAGE);
        java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        model.addAttribute("rows", page.items().stream().map(r -> row(r, locale)).toList());
        model.addAttribute("moreUrl", page.nextCursor() == null ? null : query(criteria, "/audit").queryParam("before", page.nextCursor()).encode().toUriString());
        var export = UriComponentsBuilder.fromPath("/audit/export");
        if (from != null) {
            export.queryParam("from", from.toString());
        }
        if (to != null) {
            export.queryParam("to", to.toString());
        }
        model.addAttribute("exportUrl", export.encode().toUriString());
        return htmx != null && criteria.before() != null ? "audit/log :: rows" : "audit/log";
    }

    /**
     * Issue 23 point 1: the page's own export (the API's takes only API tokens, so a signed-in auditor got 401 and
     * the browser dropped the download). The same signed file, audited the same way.
     */
    @GetMapping(value = "/audit/export", produces = "application/x-ndjson")
    void export(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        AuditApiController.download(export, clock, from, to, response);
    }

    @GetMapping("/audit/verify")
    String verify(Model model) {
        model.addAttribute("verification", AuditApiController.verifyAndRecord(verification, auditLog));
        return "audit/log :: verification";
    }

    private Row row(AuditRecord r, java.util.Locale locale) {
        return new Row(r.id(), SHOWN.format(r.occurredAt().atZone(zone)), r.actor(), r.organisation(), r.sourceAddress(), r.action(),
                labels.label(r.action(), locale), r.target(), r.result(), r.details(),
                labels.sentence(r.action(), r.target(), r.details(), locale));
    }

    private Instant instant(LocalDateTime local) {
        return local == null ? null : local.atZone(zone).toInstant();
    }

    private static UriComponentsBuilder query(Criteria c, String path) {
        var b = UriComponentsBuilder.fromPath(path);
        if (c.from() != null) {
            b.queryParam("from", c.from().toString());
        }
        if (c.to() != null) {
            b.queryParam("to", c.to().toString());
        }
        for (var p : List.of(new String[] {"actor", c.actor()}, new String[] {"organisation", c.organisation()},
                new String[] {"action", c.action()}, new String[] {"target", c.target()})) {
            if (p[1] != null && !p[1].isBlank()) {
                b.queryParam(p[0], p[1]);
            }
        }
        return b;
    }
}
