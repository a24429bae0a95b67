package cn.govcloud.guard.incidents.web;

import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.incidents.Incidents.Criteria;
import cn.govcloud.guard.incidents.Incidents.NewIncident;
import cn.govcloud.guard.incidents.internal.GradeChange;
import cn.govcloud.guard.incidents.internal.Grading.Threshold;
import cn.govcloud.guard.incidents.internal.Incident;
import cn.govcloud.guard.incidents.internal.IncidentReport;
import cn.govcloud.guard.incidents.internal.IncidentReport.Recipient;
import cn.govcloud.guard.incidents.internal.TimelineEntry;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The request and response bodies of {@code /api/v1/incidents} (A10.4, A10.5), as API.md fixes them. Malformed values
 * are refused by the JSON reader naming the field; the rules (grade, classification, times) by the use cases.
 */
record IncidentJson(long id, long orgId, Long systemId, String systemName, boolean platform, String rule, String title, String category,
                    String subType, String grade, String suggestedGrade, String status, Instant discoveredAt, Instant confirmedAt,
                    Instant clockStartedAt, Instant reportDueAt, boolean reportDueProvisional, boolean initialReported, boolean finalReported,
                    Instant containedAt, Instant resolvedAt, Instant recordedAt, String recordedBy) {

    /** The bundle's text for a field over its length, as the use cases say it. */
    static final String TOO_LONG = "{incidents.error.tooLong}";

    static IncidentJson of(Incident i) {
        // reportDueProvisional: 30 minutes (A10.4, A10.5), no holiday schedule involved
        return new IncidentJson(i.id(), i.orgId(), i.systemId(), i.systemName(), i.platform(), i.article(), i.title(), i.category(),
                i.subType(), i.grade(), i.suggestedGrade(), i.status(), i.discoveredAt(), i.confirmedAt(), i.clockStartedAt(),
                i.reportDueAt(), false, i.initialReported(), i.finalReported(), i.containedAt(), i.resolvedAt(), i.recordedAt(),
                i.recordedBy());
    }
}

/** One incident with its description, criteria, timeline, grade changes, reports and the duties it raised. */
record IncidentDetailJson(@JsonUnwrapped IncidentJson incident, String description, String impact, Criteria criteria,
                          List<TimelineEntry> timeline, List<GradeChange> gradeChanges, List<ReportJson> reports, List<DutyJson> duties) {
}

record ReportJson(long id, String kind, int number, String grade, String summary, String measures, boolean contained, String rootCause,
                  String timeline, String lessons, String reporter, boolean late, Instant submittedAt, String submittedBy,
                  List<Recipient> recipients, String pdf) {

    static ReportJson of(IncidentReport r) {
        return new ReportJson(r.id(), r.kind(), r.number(), r.grade(), r.summary(), r.measures(), r.contained(), r.rootCause(),
                r.timeline(), r.lessons(), r.reporter(), r.late(), r.submittedAt(), r.submittedBy(), r.recipients(),
                "/api/v1/incidents/" + r.incidentId() + "/reports/" + r.id() + "/pdf");
    }
}

record DutyJson(long id, String rule, String reference, Instant dueAt, boolean dueProvisional, DutyState state) {

    static DutyJson of(Duty d) {
        return new DutyJson(d.id(), d.ruleId(), d.reference(), d.dueAt(), d.dueProvisional(), d.state());
    }
}

/** The national classification and the grading thresholds (from the catalog). */
record ClassificationJson(Map<String, List<String>> categories, List<String> grades, List<Threshold> thresholds, List<String> dataLevels,
                          Map<String, String> dataGrades) {
}

/** An incident as an outside tool or the form reports it; {@code systemId} absent for the platform (A10.4). */
record NewIncidentBody(Long systemId, @Size(max = 200, message = "{incidents.error.title}") String title, String category, String subType, String grade, Instant discoveredAt,
                       Instant confirmedAt, @Size(max = 20_000, message = IncidentJson.TOO_LONG) String description, @Size(max = 20_000, message = IncidentJson.TOO_LONG) String impact,
                       BigDecimal portalOutageHours, BigDecimal criticalOutageHours, Long peopleAffected, Long recordsLeaked,
                       String dataAffected, BigDecimal directLossWan) {

    NewIncident incident() {
        return new NewIncident(systemId, title, category, subType, grade, discoveredAt, confirmedAt, description, impact,
                new Criteria(portalOutageHours, criticalOutageHours, peopleAffected, recordsLeaked, dataAffected, directLossWan));
    }
}

/** A report; which fields are required depends on {@code kind} (INITIAL, PROGRESS, FINAL), checked by the use case. */
record NewReportBody(String kind, @Size(max = 20_000, message = IncidentJson.TOO_LONG) String summary, @Size(max = 20_000, message = IncidentJson.TOO_LONG) String measures, Boolean contained,
                     @Size(max = 20_000, message = IncidentJson.TOO_LONG) String rootCause, @Size(max = 20_000, message = IncidentJson.TOO_LONG) String timeline, @Size(max = 20_000, message = IncidentJson.TOO_LONG) String lessons,
                     @Size(max = 20_000, message = IncidentJson.TOO_LONG) String reporter) {
}

record GradeChangeBody(String grade, @Size(max = 20_000, message = IncidentJson.TOO_LONG) String reason) {
}

/** A resolution's or a cooperation's note. */
record NoteBody(@Size(max = 20_000, message = IncidentJson.TOO_LONG) String note) {
}
