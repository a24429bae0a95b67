package cn.govcloud.guard.systems.ledger.web;

import cn.govcloud.guard.shared.AllowOversight;
import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.systems.ledger.AssessmentLedger.Due;
import cn.govcloud.guard.systems.ledger.internal.Filing;
import cn.govcloud.guard.systems.ledger.internal.LedgerService;
import cn.govcloud.guard.systems.ledger.internal.LedgerService.NewFiling;
import cn.govcloud.guard.systems.ledger.internal.LedgerService.Status;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * The assessment ledger over the API (A7.2): a system's filings and where each kind stands; a unit files one for its
 * own system (multipart, the report in part {@code document}); the supervisor's city-wide list of what falls due.
 */
@RestController
class LedgerApiController {
    private final LedgerService ledger;

    LedgerApiController(LedgerService ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/api/v1/systems/{id}/assessments")
    @AllowOversightAndUnits
    Map<String, Object> list(@PathVariable long id) {
        Actor actor = Actor.require();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("systemId", id);
        m.put("status", ledger.status(id, actor).stream().map(LedgerApiController::json).toList());
        m.put("items", ledger.filings(id, actor).stream().map(LedgerApiController::json).toList());
        return m;
    }

    /** Fields kind, assessedOn, conclusion, mlpsLevel, issuer, reportNumber, validUntil, highRisks, remarks; the report in part document. */
    @PostMapping("/api/v1/systems/{id}/assessments")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    Map<String, Object> file(@PathVariable long id, @RequestParam Map<String, String> form, HttpServletRequest request) throws IOException {
        MultipartFile document = document(request);
        return json(ledger.file(id, form(form), document == null ? null : document.getOriginalFilename(),
                document == null ? null : document.getBytes()));
    }

    /** Systems on the platform whose assessments fall due within {@code days} (default 30), overdue and never filed included. */
    @GetMapping("/api/v1/systems/assessments/due")
    @AllowOversight
    Map<String, Object> due(@RequestParam(required = false) Integer days) {
        int within = days == null ? 30 : Math.max(0, Math.min(days, 3660));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("within", within);
        m.put("items", ledger.dueBy(ledger.today().plusDays(within)).stream().map(LedgerApiController::json).toList());
        return m;
    }

    static NewFiling form(Map<String, String> f) {
        return new NewFiling(f.get("kind"), f.get("assessedOn"), f.get("conclusion"), f.get("mlpsLevel"), f.get("issuer"), f.get("reportNumber"),
                f.get("validUntil"), f.get("highRisks"), f.get("remarks"));
    }

    static MultipartFile document(HttpServletRequest request) {
        MultipartHttpServletRequest multipart = org.springframework.web.util.WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        MultipartFile file = multipart == null ? null : multipart.getFile("document");
        return file == null || file.isEmpty() ? null : file;
    }

    static Map<String, Object> json(Filing f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("systemId", f.systemId());
        m.put("kind", f.kind().name());
        m.put("kindLabel", f.kind().label());
        m.put("assessedOn", f.assessedOn());
        m.put("conclusion", f.conclusion());
        m.put("mlpsLevel", f.mlpsLevel());
        m.put("issuer", f.issuer());
        m.put("reportNumber", f.reportNumber());
        m.put("validUntil", f.validUntil());
        m.put("documentId", f.documentId());
        m.put("highRisks", f.highRisks());
        m.put("remarks", f.remarks());
        m.put("source", f.source());
        m.put("dutyId", f.dutyId());
        m.put("recordedAt", f.recordedAt());
        m.put("recordedBy", f.recordedBy());
        return m;
    }

    static Map<String, Object> json(Status s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", s.kind().name());
        m.put("kindLabel", s.kind().label());
        m.put("cadence", s.cadence() == null ? null : s.cadence().toString());
        m.put("latest", s.latest());
        m.put("nextDue", s.nextDue());
        m.put("state", s.state());
        return m;
    }

    static Map<String, Object> json(Due d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("systemId", d.systemId());
        m.put("orgId", d.orgId());
        m.put("systemName", d.systemName());
        m.put("mlpsLevel", d.mlpsLevel());
        m.put("kind", d.kind());
        m.put("kindLabel", d.kindLabel());
        m.put("latest", d.latest());
        m.put("nextDue", d.nextDue());
        return m;
    }
}
