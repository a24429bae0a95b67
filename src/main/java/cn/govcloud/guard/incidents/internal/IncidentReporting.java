package cn.govcloud.guard.incidents.internal;

import static cn.govcloud.guard.incidents.internal.Values.blank;
import static cn.govcloud.guard.incidents.internal.Values.strip;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.incidents.internal.Incident.ReportKind;
import cn.govcloud.guard.incidents.internal.IncidentService.NewReport;
import cn.govcloud.guard.notify.Inbox;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reports the responsible party files on an incident (A10.4/A10.5: the initial report within the clock, progress
 * reports while it is open, the final analysis after resolution); every regulator of the directory receives each one
 * ("as configured": 网信办, 公安局 …) and acknowledges it.
 */
@Service
class IncidentReporting {
    private final IncidentQueries queries;
    private final IncidentRepository incidents;
    private final IncidentReports reports;
    private final IncidentClocks clocks;
    private final Duties duties;
    private final OrganisationDirectory organisations;
    private final Inbox inbox;
    private final AuditLog audit;
    private final Clock clock;

    IncidentReporting(IncidentQueries queries, IncidentRepository incidents, IncidentReports reports, IncidentClocks clocks, Duties duties,
                      OrganisationDirectory organisations, Inbox inbox, AuditLog audit, Clock clock) {
        this.queries = queries;
        this.incidents = incidents;
        this.reports = reports;
        this.clocks = clocks;
        this.duties = duties;
        this.organisations = organisations;
        this.inbox = inbox;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    IncidentReport submit(long id, NewReport r, Actor actor) {
        Incident incident = queries.responsible(id, actor);
        ReportKind kind = validate(r);
        incident.requireReportable(kind);
        Instant now = clock.instant();
        boolean late = incident.late(kind, now);
        boolean contained = Boolean.TRUE.equals(r.contained()) || kind == ReportKind.FINAL;
        long reportId = reports.insert(new IncidentReports.NewRow(id, kind.name(), incident.grade(), r.summary().strip(),
                strip(r.measures()), contained, strip(r.rootCause()), strip(r.timeline()), strip(r.lessons()), r.reporter().strip(), late,
                now, actor.username()));
        int number = reports.find(reportId).orElseThrow().number();
        for (OrganisationView regulator : organisations.ofKind(OrgKind.REGULATOR)) {
            reports.addRecipient(reportId, regulator.id(), regulator.name());
            inbox.deliver(new Notice("incident-report:" + reportId + ":" + regulator.id(), regulator.id(), Set.of(Role.REGULATOR),
                    "incidents.notice.report." + kind, List.of(incident.title(), incident.grade(), String.valueOf(number)),
                    "/incidents/" + id, Notice.Severity.CRITICAL, now));
        }
        String note = reportLabel(kind.name(), number) + (late ? "（逾期）" : "");
        switch (kind) {
            case INITIAL -> {
                incidents.event(id, now, "REPORTED", note, actor.username());
                if (incident.reportReference() != null) {
                    duties.fulfil(incident.reportReference(), "incident report #" + number);
                }
                clocks.progressOwed(incident, reportId, now);
            }
            case PROGRESS -> {
                incidents.event(id, now, "PROGRESS", note, actor.username());
                if (incident.progressReference() != null) {
                    duties.fulfil(incident.progressReference(), "progress report #" + number);
                }
                clocks.progressOwed(incident, reportId, now);
                if (contained && incident.containedAt() == null) {
                    incidents.contained(id, now);
                    incidents.event(id, now, "CONTAINED", null, actor.username());
                }
            }
            case FINAL -> {
                incidents.event(id, now, "FINAL", note, actor.username());
                duties.fulfil("incident:" + id + ":closed", "final analysis report #" + number);
            }
        }
        audit.record(AuditEvent.success("incident.report." + kind.name().toLowerCase(Locale.ROOT), "incident:" + id,
                "report " + reportId + " " + note + " grade " + incident.grade()));
        return reports.find(reportId).orElseThrow();
    }

    /** Which fields a report needs depends on its kind: measures for the initial and final, the analysis for the final. */
    private static ReportKind validate(NewReport r) {
        String name = r.kind() == null ? "" : r.kind().strip().toUpperCase(Locale.ROOT);
        ReportKind kind = java.util.Arrays.stream(ReportKind.values()).filter(k -> k.name().equals(name)).findFirst()
                .orElseThrow(() -> new InvalidInput("incidents.error.invalid", Map.of("kind", "incidents.error.reportKind")));
        Map<String, String> errors = new LinkedHashMap<>();
        require(r.summary(), "summary", errors);
        require(r.reporter(), "reporter", errors);
        if (kind != ReportKind.PROGRESS) {
            require(r.measures(), "measures", errors);
        }
        if (kind == ReportKind.FINAL) {
            require(r.rootCause(), "rootCause", errors);
            require(r.timeline(), "timeline", errors);
            require(r.lessons(), "lessons", errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("incidents.error.invalid", errors);
        }
        return kind;
    }

    static void require(String value, String field, Map<String, String> errors) {
        if (blank(value)) {
            errors.put(field, "incidents.error.required");
        } else if (value.length() > 20_000) {
            errors.put(field, "incidents.error.tooLong");
        }
    }

    /** A regulator acknowledges receipt of a report for its organisation. */
    @Transactional
    void acknowledge(long id, long reportId, Actor actor) {
        if (!actor.has(Role.REGULATOR)) {
            throw new AccessDeniedException("regulators acknowledge reports");
        }
        queries.visible(id, actor);
        IncidentReport report = reports.find(reportId).filter(r -> r.incidentId() == id).orElseThrow(() -> new NotFound("report " + reportId));
        Instant now = clock.instant();
        if (!reports.acknowledge(reportId, actor.orgId(), now, actor.username())) {
            boolean recipient = report.recipients().stream().anyMatch(x -> x.orgId() == actor.orgId());
            throw new RuleViolation("A10.4", recipient ? "incidents.refused.acknowledged" : "incidents.refused.notRecipient");
        }
        incidents.event(id, now, "ACKNOWLEDGED", reportLabel(report.kind(), report.number()) + " " + actor.orgName(), actor.username());
        audit.record(AuditEvent.success("incident.acknowledge", "incident:" + id, "report " + reportId + " by " + actor.orgName()));
    }

    /**
     * The report as the timeline and its PDF name it, 「初报第1号」: stored with the event in the platform's language
     * (issue 23 point 4), not as the enum and a number ("INITIAL #1").
     */
    static String reportLabel(String kind, int number) {
        String name = switch (kind) {
            case "INITIAL" -> "初报";
            case "PROGRESS" -> "进展报告";
            case "FINAL" -> "分析报告";
            default -> kind;
        };
        return name + "第" + number + "号";
    }
}
