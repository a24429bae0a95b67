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
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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
    Assessments list(@PathVariable long id) {
        Actor actor = Actor.require();
        return new Assessments(id, ledger.status(id, actor).stream().map(StatusJson::of).toList(),
                ledger.filings(id, actor).stream().map(FilingJson::of).toList());
    }

    /** Fields kind, assessedOn, conclusion, mlpsLevel, issuer, reportNumber, validUntil, highRisks, remarks; the report in part document. */
    @PostMapping("/api/v1/systems/{id}/assessments")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    FilingJson file(@PathVariable long id, @RequestParam Map<String, String> form, HttpServletRequest request) throws IOException {
        MultipartFile document = document(request);
        return FilingJson.of(ledger.file(id, form(form), document == null ? null : document.getOriginalFilename(),
                document == null ? null : document.getBytes()));
    }

    /** Systems on the platform whose assessments fall due within {@code days} (default 30), overdue and never filed included. */
    @GetMapping("/api/v1/systems/assessments/due")
    @AllowOversight
    DueList due(@RequestParam(required = false) Integer days) {
        int within = days == null ? 30 : Math.max(0, Math.min(days, 3660));
        return new DueList(within, ledger.dueBy(ledger.today().plusDays(within)).stream().map(DueJson::of).toList());
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

    // ---- JSON ----------------------------------------------------------------------------------

    record Assessments(long systemId, List<StatusJson> status, List<FilingJson> items) {
    }

    record DueList(int within, List<DueJson> items) {
    }

    record FilingJson(long id, long systemId, String kind, String kindLabel, LocalDate assessedOn, String conclusion, Integer mlpsLevel,
                      String issuer, String reportNumber, LocalDate validUntil, Long documentId, Integer highRisks, String remarks,
                      String source, Long dutyId, Instant recordedAt, String recordedBy) {
        static FilingJson of(Filing f) {
            return new FilingJson(f.id(), f.systemId(), f.kind().name(), f.kind().label(), f.assessedOn(), f.conclusion(), f.mlpsLevel(),
                    f.issuer(), f.reportNumber(), f.validUntil(), f.documentId(), f.highRisks(), f.remarks(), f.source(), f.dutyId(),
                    f.recordedAt(), f.recordedBy());
        }
    }

    /** {@code cadence}: an ISO-8601 period, e.g. P1Y; {@code state} as the ledger computes it on reading. */
    record StatusJson(String kind, String kindLabel, String cadence, LocalDate latest, LocalDate nextDue, String state) {
        static StatusJson of(Status s) {
            return new StatusJson(s.kind().name(), s.kind().label(), s.cadence() == null ? null : s.cadence().toString(), s.latest(),
                    s.nextDue(), s.state());
        }
    }

    record DueJson(long systemId, long orgId, String systemName, int mlpsLevel, String kind, String kindLabel, LocalDate latest,
                   LocalDate nextDue) {
        static DueJson of(Due d) {
            return new DueJson(d.systemId(), d.orgId(), d.systemName(), d.mlpsLevel(), d.kind(), d.kindLabel(), d.latest(), d.nextDue());
        }
    }
}
