package cn.govcloud.guard.incidents.internal;

import static cn.govcloud.guard.incidents.internal.Values.instant;
import static cn.govcloud.guard.incidents.internal.Values.strip;
import static cn.govcloud.guard.incidents.internal.Values.ts;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.RuleViolation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issue 22 point 3: the 1-hour report of an incident of grade 较大 (III) or above on a 关基 system to the system's protection
 * department (保护工作部门) and to public security (公安机关), after 《国家网络安全事件报告管理办法》 (in force 2025-11-01). The
 * Measures are silent on it (A10.5 asks for the 30-minute report to the 网络安全主管部门); the catalog's
 * {@code A10.5-cii-incident-report} raises the duty, and the unit records here each report it made — to whom, when, how,
 * by whom. When both are recorded the duty is fulfilled (late when the later one was made after the due time).
 */
@Service
public class CiiReports {
    /** Clock skew allowed for a report time typed by a person. */
    private static final Duration SKEW = Duration.ofMinutes(1);

    public enum Recipient { PROTECTION_DEPARTMENT, PUBLIC_SECURITY }

    /** One report made to one recipient. */
    public record CiiReport(long id, Recipient recipient, String recipientName, Instant reportedAt, String means, String reporter,
                            Instant recordedAt, String recordedBy) {
    }

    /** What the unit records; {@code reportedAt} null means now. */
    public record NewCiiReport(String recipient, String recipientName, Instant reportedAt, String means, String reporter) {
    }

    private final JdbcClient jdbc;
    private final IncidentQueries queries;
    private final IncidentRepository incidents;
    private final IncidentClocks clocks;
    private final Duties duties;
    private final AuditLog audit;
    private final Clock clock;

    CiiReports(JdbcClient jdbc, IncidentQueries queries, IncidentRepository incidents, IncidentClocks clocks, Duties duties, AuditLog audit,
               Clock clock) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.incidents = incidents;
        this.clocks = clocks;
        this.duties = duties;
        this.audit = audit;
        this.clock = clock;
    }

    /** The reports recorded on an incident (the caller has checked it may see it). */
    @Transactional(readOnly = true)
    public List<CiiReport> of(long incidentId) {
        return jdbc.sql("select * from incidents_cii_report where incident_id = :id order by id").param("id", incidentId)
                .query((rs, i) -> new CiiReport(rs.getLong("id"), Recipient.valueOf(rs.getString("recipient")), rs.getString("recipient_name"),
                        instant(rs, "reported_at"), rs.getString("means"), rs.getString("reporter"), instant(rs, "recorded_at"),
                        rs.getString("recorded_by"))).list();
    }

    /** The open or closed 1-hour duties this incident raised; empty when none is owed (not 关基, or grade IV). */
    @Transactional(readOnly = true)
    public List<Duty> duties(Incident incident) {
        return clocks.dutiesOf(incident).stream().filter(d -> d.ruleId().equals(IncidentClocks.CII_REPORT_RULE)).toList();
    }

    /**
     * Records one report; the responsible unit only, on an incident that owes the 1-hour report, once per recipient
     * (409 naming A10.5 otherwise). Bad input is a 400 naming each field; nothing is stored.
     */
    @Transactional
    public CiiReport record(long incidentId, NewCiiReport r, Actor actor) {
        Incident incident = queries.responsible(incidentId, actor);
        Instant now = clock.instant();
        Map<String, String> errors = new LinkedHashMap<>();
        String name = r.recipient() == null ? "" : r.recipient().strip().toUpperCase(Locale.ROOT);
        Recipient recipient = Arrays.stream(Recipient.values()).filter(x -> x.name().equals(name)).findFirst().orElse(null);
        if (recipient == null) {
            errors.put("recipient", "incidents.cii.error.recipient");
        }
        String recipientName = strip(r.recipientName());
        if (recipientName == null || recipientName.length() > 200) {
            errors.put("recipientName", "incidents.cii.error.recipientName");
        }
        Instant reportedAt = r.reportedAt() == null ? now : r.reportedAt();
        if (reportedAt.isAfter(now.plus(SKEW)) || reportedAt.isBefore(incident.discoveredAt())) {
            errors.put("reportedAt", "incidents.cii.error.reportedAt");
        }
        String means = strip(r.means());
        if (means == null || means.length() > 200) {
            errors.put("means", "incidents.cii.error.means");
        }
        String reporter = strip(r.reporter());
        if (reporter == null || reporter.length() > 100) {
            errors.put("reporter", "incidents.cii.error.reporter");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("incidents.error.invalid", errors);
        }
        List<Duty> owed = duties(incident);
        if (owed.isEmpty()) {
            throw new RuleViolation("A10.5", "incidents.cii.refused.notOwed");
        }
        if (of(incidentId).stream().anyMatch(x -> x.recipient() == recipient)) {
            throw new RuleViolation("A10.5", "incidents.cii.refused.recorded");
        }
        jdbc.sql("""
                insert into incidents_cii_report (incident_id, recipient, recipient_name, reported_at, means, reporter, recorded_at, recorded_by)
                values (:incident, :recipient, :name, :at, :means, :reporter, :now, :by)""")
                .param("incident", incidentId).param("recipient", recipient.name()).param("name", recipientName).param("at", ts(reportedAt))
                .param("means", means).param("reporter", reporter).param("now", ts(now)).param("by", actor.username()).update();
        String label = (recipient == Recipient.PROTECTION_DEPARTMENT ? "保护工作部门 " : "公安机关 ") + recipientName;
        incidents.event(incidentId, reportedAt, "CII_REPORTED", label + "（" + means + "，" + reporter + "）", actor.username());
        List<CiiReport> all = of(incidentId);
        Set<Recipient> done = all.stream().map(CiiReport::recipient).collect(Collectors.toCollection(() -> EnumSet.noneOf(Recipient.class)));
        if (done.containsAll(EnumSet.allOf(Recipient.class))) {
            String note = all.stream().map(x -> x.recipient() + " " + x.recipientName() + " " + x.reportedAt()).collect(Collectors.joining("; "));
            for (Duty duty : owed) {
                if (!duty.state().closed()) {
                    duties.fulfil(duty.reference(), "1-hour report to both: " + note);
                }
            }
        }
        audit.record(AuditEvent.success("incident.cii-report", "incident:" + incidentId, label + " at " + reportedAt + " by " + reporter));
        return all.stream().filter(x -> x.recipient() == recipient).findFirst().orElseThrow();
    }
}
