package cn.govcloud.guard.incidents.web;

import cn.govcloud.guard.incidents.internal.CiiReports;
import cn.govcloud.guard.incidents.internal.CiiReports.CiiReport;
import cn.govcloud.guard.incidents.internal.CiiReports.NewCiiReport;
import cn.govcloud.guard.incidents.internal.Incident;
import cn.govcloud.guard.incidents.internal.IncidentService;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowUnitPeople;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 22 point 3: the 1-hour reports of a 较大-or-above incident on a 关基 system to its protection department and to public
 * security (《国家网络安全事件报告管理办法》, 2025; catalog rule {@code A10.5-cii-incident-report}). The unit records each; the
 * parties who may see the incident read them.
 */
@RestController
class CiiReportApiController {
    private final IncidentService incidents;
    private final CiiReports reports;

    CiiReportApiController(IncidentService incidents, CiiReports reports) {
        this.incidents = incidents;
        this.reports = reports;
    }

    /** {@code recipient}: PROTECTION_DEPARTMENT or PUBLIC_SECURITY; {@code reportedAt} ISO-8601 with offset, now when left out. */
    record CiiReportBody(String recipient, String recipientName, Instant reportedAt, String means, String reporter) {
    }

    record CiiReportJson(long id, String recipient, String recipientName, Instant reportedAt, String means, String reporter,
                         Instant recordedAt, String recordedBy) {
        static CiiReportJson of(CiiReport r) {
            return new CiiReportJson(r.id(), r.recipient().name(), r.recipientName(), r.reportedAt(), r.means(), r.reporter(), r.recordedAt(),
                    r.recordedBy());
        }
    }

    /** The reports so far and the 1-hour duty (none when not owed: not 关基, or grade IV). */
    record CiiReportsJson(long incidentId, boolean owed, List<DutyJson> duties, List<CiiReportJson> reports) {
    }

    @GetMapping("/api/v1/incidents/{id}/cii-reports")
    @AllowParties
    CiiReportsJson list(@PathVariable long id) {
        Incident incident = incidents.visible(id, Actor.require());
        var duties = reports.duties(incident);
        return new CiiReportsJson(id, !duties.isEmpty(), duties.stream().map(DutyJson::of).toList(),
                reports.of(id).stream().map(CiiReportJson::of).toList());
    }

    @PostMapping("/api/v1/incidents/{id}/cii-reports")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    CiiReportJson record(@PathVariable long id, @RequestBody(required = false) CiiReportBody body) {
        CiiReportBody b = body == null ? new CiiReportBody(null, null, null, null, null) : body;
        return CiiReportJson.of(reports.record(id, new NewCiiReport(b.recipient(), b.recipientName(), b.reportedAt(), b.means(), b.reporter()),
                Actor.require()));
    }
}
