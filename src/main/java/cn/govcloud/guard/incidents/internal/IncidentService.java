package cn.govcloud.guard.incidents.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.incidents.Incidents;
import cn.govcloud.guard.notify.Inbox;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.shared.Unprocessable;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.Systems.SystemRef;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Incidents (A10.4 platform, A10.5 systems): recording with the national classification and grade,
 * the report clock, reports to the regulators and their acknowledgement, grade changes and
 * resolution. The clocks are the duty engine's: {@code incident.confirmed} raises the catalog's
 * initial-report duty (30 minutes for I–III, nothing for IV), {@code incident.reported} the next
 * progress report, {@code incident.closed} the final analysis report; the duty sweep marks them
 * overdue and escalates them once, per the catalog's {@code escalate}.
 */
@Service
public class IncidentService implements Incidents {
    /** Clock skew allowed for an outside tool's confirmation time. */
    private static final Duration SKEW = Duration.ofMinutes(1);

    public record Incident(long id, long orgId, Long systemId, String systemName, String title, String category, String subType,
                           String grade, String suggestedGrade, String description, String impact, Criteria criteria,
                           Instant discoveredAt, Instant confirmedAt, String status, Instant clockStartedAt, Instant reportDueAt,
                           String reportReference, String progressReference, Instant containedAt, Instant resolvedAt,
                           Instant recordedAt, String recordedBy, boolean initialReported, boolean finalReported) {
        public boolean platform() {
            return systemId == null;
        }

        /** The rule article the responsible party answers to. */
        public String article() {
            return systemId == null ? "A10.4" : "A10.5";
        }

        /** The 30-minute clock is running: I–III and the initial report not yet made. */
        public boolean clockRunning() {
            return reportDueAt != null && !initialReported;
        }
    }

    public record Event(long id, Instant at, String kind, String details, String actor) {
    }

    public record GradeChange(String from, String to, String reason, Instant at, String by) {
    }

    public record Recipient(long orgId, String name, Instant acknowledgedAt, String acknowledgedBy) {
    }

    public record Report(long id, long incidentId, String kind, int number, String grade, String summary, String measures,
                         boolean contained, String rootCause, String timeline, String lessons, String reporter, boolean late,
                         Instant submittedAt, String submittedBy, List<Recipient> recipients) {
    }

    /** A report as the responsible party files it; which fields are needed depends on the kind. */
    public record NewReport(String kind, String summary, String measures, Boolean contained, String rootCause, String timeline,
                            String lessons, String reporter) {
    }

    private final JdbcClient jdbc;
    private final Duties duties;
    private final Systems systems;
    private final OrganisationDirectory organisations;
    private final Inbox inbox;
    private final AuditLog audit;
    private final DrillService drills;
    private final Clock clock;

    private final cn.govcloud.guard.rules.RuleCatalog catalog;

    IncidentService(JdbcClient jdbc, Duties duties, Systems systems, OrganisationDirectory organisations, Inbox inbox, AuditLog audit,
                    DrillService drills, Clock clock, cn.govcloud.guard.rules.RuleCatalog catalog) {
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.duties = duties;
        this.systems = systems;
        this.organisations = organisations;
        this.inbox = inbox;
        this.audit = audit;
        this.drills = drills;
        this.clock = clock;
    }

    // ---- recording -----------------------------------------------------------------------------

    @Override
    @Transactional
    public Reported report(NewIncident in) {
        Actor actor = Actor.require();
        if (actor.orgKind() != OrgKind.PROVIDER && actor.orgKind() != OrgKind.UNIT) {
            throw new AccessDeniedException("incidents are reported by the provider or a unit");
        }
        Instant now = clock.instant();
        Map<String, String> errors = new LinkedHashMap<>();
        String grade = in.grade() == null ? null : in.grade().strip();
        if (grade == null || !Grading.GRADES.contains(grade)) {
            errors.put("grade", "incidents.error.grade");
        }
        String category = Classification.category(in.category()).orElse(null);
        if (category == null) {
            errors.put("category", "incidents.error.category");
        }
        String subType = blank(in.subType()) && category != null ? Classification.otherOf(category) : in.subType();
        if (category != null && !Classification.subTypeOf(category, subType)) {
            errors.put("subType", "incidents.error.subType");
        }
        if (in.confirmedAt() == null) {
            errors.put("confirmedAt", "incidents.error.confirmedAtMissing");
        } else if (in.confirmedAt().isAfter(now.plus(SKEW))) {
            errors.put("confirmedAt", "incidents.error.confirmedAtFuture");
        }
        Instant discovered = in.discoveredAt() == null ? in.confirmedAt() : in.discoveredAt();
        if (discovered != null && in.confirmedAt() != null && discovered.isAfter(in.confirmedAt())) {
            errors.put("discoveredAt", "incidents.error.discoveredAfterConfirmed");
        }
        if (in.title() != null && in.title().strip().length() > 200) {
            errors.put("title", "incidents.error.title");
        }
        Criteria criteria = in.criteria() == null ? Criteria.none() : in.criteria();
        checkCriteria(criteria, errors);
        if (actor.orgKind() == OrgKind.UNIT && in.systemId() == null) {
            errors.put("systemId", "incidents.error.systemRequired");
        }
        if (actor.orgKind() == OrgKind.PROVIDER && in.systemId() != null) {
            // A10.5: a system's incident is its unit's to report; the provider supports it
            errors.put("systemId", "incidents.error.providerReportsPlatform");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("incidents.error.invalid", errors);
        }
        SystemRef system = null;
        if (in.systemId() != null) {
            system = systems.find(in.systemId()).filter(s -> s.orgId() == actor.orgId())
                    .orElseThrow(() -> new Unprocessable("incidents.error.foreignSystem"));
        }
        String suggested = Grading.suggest(criteria, catalog);
        String title = blank(in.title()) ? category + " " + in.confirmedAt().atOffset(ZoneOffset.ofHours(8)).toLocalDateTime() : in.title().strip();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into incidents_incident (org_id, system_id, title, category, sub_type, grade, suggested_grade, description, impact,
                  portal_outage_hours, critical_outage_hours, people_affected, records_leaked, data_affected, direct_loss_wan,
                  discovered_at, confirmed_at, status, recorded_at, recorded_by)
                values (:org, :system, :title, :category, :subType, :grade, :suggested, :description, :impact, :portal, :critical, :people,
                  :records, :data, :loss, :discovered, :confirmed, 'OPEN', :now, :by)""")
                .param("org", actor.orgId()).param("system", system == null ? null : system.id()).param("title", title)
                .param("category", category).param("subType", subType).param("grade", grade).param("suggested", suggested)
                .param("description", nz(in.description())).param("impact", nz(in.impact()))
                .param("portal", criteria.portalOutageHours()).param("critical", criteria.criticalOutageHours())
                .param("people", criteria.peopleAffected()).param("records", criteria.recordsLeaked())
                .param("data", criteria.dataAffected() == null ? "NONE" : criteria.dataAffected()).param("loss", criteria.directLossWan())
                .param("discovered", ts(discovered)).param("confirmed", ts(in.confirmedAt())).param("now", ts(now))
                .param("by", actor.username())
                .update(key, "id");
        long id = key.getKey().longValue();
        event(id, discovered, "DETECTED", null, actor.username());
        event(id, in.confirmedAt(), "CONFIRMED", grade, actor.username());

        Instant dueAt = null;
        if (Grading.reportable(grade)) {
            dueAt = startClock(id, subject(actor.orgId(), actor.orgName(), system), in.confirmedAt(), "incident:" + id, grade);
        }
        if (system != null) {
            // A10.5: the provider gets a cooperation task on every system incident (云服务商须全力配合)
            for (OrganisationView provider : organisations.ofKind(OrgKind.PROVIDER)) {
                jdbc.sql("insert into incidents_cooperation (incident_id, provider_org_id, opened_at) values (:id, :org, :now)")
                        .param("id", id).param("org", provider.id()).param("now", ts(now)).update();
                inbox.deliver(new Notice("incident:" + id + ":cooperation:" + provider.id(), provider.id(), Set.of(Role.PROVIDER_OPERATOR),
                        "incidents.notice.cooperation", List.of(title, grade, system.name()), "/incidents/" + id, Notice.Severity.WARNING, now));
            }
        }
        audit.record(AuditEvent.success("incident.report", "incident:" + id, (system == null ? "platform" : "system:" + system.id())
                + " grade " + grade + " (suggested " + suggested + ") " + subType + " confirmed " + in.confirmedAt()
                + (dueAt == null ? "" : " initial report due " + dueAt)));
        return new Reported(id, grade, suggested, dueAt);
    }

    /**
     * A10.4 / A10.5: raises {@code incident.confirmed} and returns the catalog's due time for the
     * initial report (30 minutes after {@code at} today — read from the duty, not set here).
     */
    private Instant startClock(long id, Subject subject, Instant at, String reference, String grade) {
        String rule = subject.kind() == SubjectKind.PLATFORM ? "A10.4-incident-report" : "A10.5-incident-report";
        Duty duty = duties.raise(new DutyTrigger("incident.confirmed", subject, at, reference, Map.of("grade", grade))).stream()
                .filter(d -> d.ruleId().equals(rule)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the catalog raises no " + rule + " on incident.confirmed"));
        jdbc.sql("update incidents_incident set clock_started_at = :at, report_due_at = :due, report_reference = :ref where id = :id")
                .param("at", ts(at)).param("due", ts(duty.dueAt())).param("ref", reference).param("id", id).update();
        return duty.dueAt();
    }

    private static Subject subject(long orgId, String orgName, SystemRef system) {
        if (system == null) {
            return new Subject(SubjectKind.PLATFORM, orgId, orgName, orgId, Map.of());
        }
        return new Subject(SubjectKind.SYSTEM, system.id(), system.name(), system.orgId(), Map.of("mlpsLevel", system.mlpsLevel()));
    }

    private Subject subject(Incident incident) {
        if (incident.platform()) {
            String name = organisations.byId(incident.orgId()).map(OrganisationView::name).orElse("platform");
            return new Subject(SubjectKind.PLATFORM, incident.orgId(), name, incident.orgId(), Map.of());
        }
        SystemRef system = systems.find(incident.systemId()).orElseThrow();
        return subject(incident.orgId(), null, system);
    }

    private static void checkCriteria(Criteria c, Map<String, String> errors) {
        negative(c.portalOutageHours(), "portalOutageHours", errors);
        negative(c.criticalOutageHours(), "criticalOutageHours", errors);
        negative(c.peopleAffected() == null ? null : BigDecimal.valueOf(c.peopleAffected()), "peopleAffected", errors);
        negative(c.recordsLeaked() == null ? null : BigDecimal.valueOf(c.recordsLeaked()), "recordsLeaked", errors);
        negative(c.directLossWan(), "directLossWan", errors);
        if (c.dataAffected() != null && !Grading.DATA_LEVELS.contains(c.dataAffected())) {
            errors.put("dataAffected", "incidents.error.dataAffected");
        }
    }

    private static void negative(BigDecimal value, String field, Map<String, String> errors) {
        if (value != null && (value.signum() < 0 || value.compareTo(new BigDecimal("1e12")) > 0)) {
            errors.put(field, "incidents.error.number");
        }
    }

    // ---- reports -------------------------------------------------------------------------------

    @Transactional
    public Report submitReport(long id, NewReport r) {
        Actor actor = Actor.require();
        Incident incident = responsible(id, actor);
        Instant now = clock.instant();
        String kind = r.kind() == null ? "" : r.kind().strip().toUpperCase(java.util.Locale.ROOT);
        Map<String, String> errors = new LinkedHashMap<>();
        if (!List.of("INITIAL", "PROGRESS", "FINAL").contains(kind)) {
            throw new InvalidInput("incidents.error.invalid", Map.of("kind", "incidents.error.reportKind"));
        }
        require(r.summary(), "summary", errors);
        require(r.reporter(), "reporter", errors);
        if (kind.equals("INITIAL") || kind.equals("FINAL")) {
            require(r.measures(), "measures", errors);
        }
        if (kind.equals("FINAL")) {
            require(r.rootCause(), "rootCause", errors);
            require(r.timeline(), "timeline", errors);
            require(r.lessons(), "lessons", errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("incidents.error.invalid", errors);
        }
        switch (kind) {
            case "INITIAL" -> {
                if (incident.initialReported()) {
                    throw new RuleViolation(incident.article(), "incidents.refused.alreadyReported");
                }
            }
            case "PROGRESS" -> {
                if (!incident.initialReported()) {
                    throw new RuleViolation(incident.article(), "incidents.refused.initialFirst");
                }
                if (incident.status().equals("RESOLVED")) {
                    throw new RuleViolation(incident.article(), "incidents.refused.resolved");
                }
            }
            default -> {
                if (!incident.status().equals("RESOLVED")) {
                    throw new RuleViolation(incident.article(), "incidents.refused.notResolved");
                }
                if (incident.finalReported()) {
                    throw new RuleViolation(incident.article(), "incidents.refused.finalDone");
                }
            }
        }
        int number = jdbc.sql("select coalesce(max(number), 0) + 1 from incidents_report where incident_id = :id").param("id", id)
                .query(Integer.class).single();
        boolean late = kind.equals("INITIAL") && incident.reportDueAt() != null && now.isAfter(incident.reportDueAt());
        boolean contained = Boolean.TRUE.equals(r.contained()) || (kind.equals("FINAL"));
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into incidents_report (incident_id, kind, number, grade, summary, measures, contained, root_cause, timeline, lessons,
                  reporter, late, submitted_at, submitted_by)
                values (:incident, :kind, :number, :grade, :summary, :measures, :contained, :cause, :timeline, :lessons, :reporter, :late,
                  :now, :by)""")
                .param("incident", id).param("kind", kind).param("number", number).param("grade", incident.grade())
                .param("summary", r.summary().strip()).param("measures", strip(r.measures())).param("contained", contained)
                .param("cause", strip(r.rootCause())).param("timeline", strip(r.timeline())).param("lessons", strip(r.lessons()))
                .param("reporter", r.reporter().strip()).param("late", late).param("now", ts(now)).param("by", actor.username())
                .update(key, "id");
        long reportId = key.getKey().longValue();
        // "as configured": every regulator organisation of the directory (网信办, 公安局 …) receives every report
        for (OrganisationView regulator : organisations.ofKind(OrgKind.REGULATOR)) {
            jdbc.sql("insert into incidents_report_recipient (report_id, regulator_org_id, regulator_name) values (:r, :org, :name)")
                    .param("r", reportId).param("org", regulator.id()).param("name", regulator.name()).update();
            inbox.deliver(new Notice("incident-report:" + reportId + ":" + regulator.id(), regulator.id(), Set.of(Role.REGULATOR),
                    "incidents.notice.report." + kind, List.of(incident.title(), incident.grade(), String.valueOf(number)),
                    "/incidents/" + id, Notice.Severity.CRITICAL, now));
        }
        String note = kind + " #" + number + (late ? " late" : "");
        switch (kind) {
            case "INITIAL" -> {
                event(id, now, "REPORTED", note, actor.username());
                if (incident.reportReference() != null) {
                    duties.fulfil(incident.reportReference(), "incident report #" + number);
                }
                nextProgress(incident, reportId, now);
            }
            case "PROGRESS" -> {
                event(id, now, "PROGRESS", note, actor.username());
                if (incident.progressReference() != null) {
                    duties.fulfil(incident.progressReference(), "progress report #" + number);
                }
                nextProgress(incident, reportId, now);
                if (contained && incident.containedAt() == null) {
                    jdbc.sql("update incidents_incident set status = 'CONTAINED', contained_at = :now where id = :id")
                            .param("now", ts(now)).param("id", id).update();
                    event(id, now, "CONTAINED", null, actor.username());
                }
            }
            default -> {
                event(id, now, "FINAL", note, actor.username());
                duties.fulfil("incident:" + id + ":closed", "final analysis report #" + number);
            }
        }
        audit.record(AuditEvent.success("incident.report." + kind.toLowerCase(java.util.Locale.ROOT), "incident:" + id,
                "report " + reportId + " " + note + " grade " + incident.grade()));
        return report(reportId).orElseThrow();
    }

    /** {@code incident.reported}: the catalog makes the next progress report due (24 hours today) until the incident is resolved. */
    private void nextProgress(Incident incident, long reportId, Instant now) {
        String reference = "incident:" + incident.id() + ":report:" + reportId;
        duties.raise(new DutyTrigger("incident.reported", subject(incident), now, reference, Map.of("grade", incident.grade())));
        jdbc.sql("update incidents_incident set progress_reference = :ref where id = :id").param("ref", reference)
                .param("id", incident.id()).update();
    }

    @Transactional
    public void resolve(long id, String note) {
        Actor actor = Actor.require();
        Incident incident = responsible(id, actor);
        if (incident.status().equals("RESOLVED")) {
            throw new RuleViolation(incident.article(), "incidents.refused.resolved");
        }
        Instant now = clock.instant();
        jdbc.sql("update incidents_incident set status = 'RESOLVED', resolved_at = :now, contained_at = coalesce(contained_at, :now) "
                + "where id = :id").param("now", ts(now)).param("id", id).update();
        if (incident.containedAt() == null) {
            event(id, now, "CONTAINED", null, actor.username());
        }
        event(id, now, "RESOLVED", strip(note), actor.username());
        if (incident.progressReference() != null) {
            // 持续通报 ends with the incident: the progress report owed now is replaced by the final report
            duties.fulfil(incident.progressReference(), "incident resolved");
        }
        duties.raise(new DutyTrigger("incident.closed", subject(incident), now, "incident:" + id + ":closed",
                Map.of("grade", incident.grade())));
        audit.record(AuditEvent.success("incident.resolve", "incident:" + id, strip(note) == null ? "resolved" : strip(note)));
    }

    /**
     * A later change of grade is recorded with its reason. Raised from IV to I–III, the 30-minute
     * clock starts at the change; lowered to IV, no report is owed any more.
     */
    @Transactional
    public void changeGrade(long id, String grade, String reason) {
        Actor actor = Actor.require();
        Incident incident = responsible(id, actor);
        Map<String, String> errors = new LinkedHashMap<>();
        if (grade == null || !Grading.GRADES.contains(grade)) {
            errors.put("grade", "incidents.error.grade");
        } else if (grade.equals(incident.grade())) {
            errors.put("grade", "incidents.error.sameGrade");
        }
        require(reason, "reason", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput("incidents.error.invalid", errors);
        }
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into incidents_grade_change (incident_id, from_grade, to_grade, reason, changed_at, changed_by) "
                        + "values (:id, :from, :to, :reason, :now, :by)")
                .param("id", id).param("from", incident.grade()).param("to", grade).param("reason", reason.strip())
                .param("now", ts(now)).param("by", actor.username()).update(key, "id");
        long change = key.getKey().longValue();
        jdbc.sql("update incidents_incident set grade = :grade where id = :id").param("grade", grade).param("id", id).update();
        event(id, now, "GRADE_CHANGED", incident.grade() + " → " + grade + "：" + reason.strip(), actor.username());
        String clockNote = "";
        if (!Grading.reportable(incident.grade()) && Grading.reportable(grade)) {
            // A10.4 / A10.5: raised to III or above, the clock starts at the change
            Instant due = startClock(id, subject(incident), now, "incident:" + id + ":grade:" + change, grade);
            jdbc.sql("update incidents_incident set progress_reference = null where id = :id").param("id", id).update();
            clockNote = " clock started, initial report due " + due;
        } else if (Grading.reportable(incident.grade()) && !Grading.reportable(grade)) {
            if (incident.reportReference() != null && !incident.initialReported()) {
                duties.fulfil(incident.reportReference(), "grade lowered to IV: no 30-minute report owed");
            }
            if (incident.progressReference() != null) {
                duties.fulfil(incident.progressReference(), "grade lowered to IV");
            }
            jdbc.sql("update incidents_incident set report_due_at = null, progress_reference = null where id = :id").param("id", id).update();
            clockNote = " clock stopped";
        }
        audit.record(AuditEvent.success("incident.grade", "incident:" + id, incident.grade() + " -> " + grade + clockNote));
    }

    /** A regulator acknowledges receipt of a report for its organisation. */
    @Transactional
    public void acknowledge(long id, long reportId) {
        Actor actor = Actor.require();
        if (!actor.has(Role.REGULATOR)) {
            throw new AccessDeniedException("regulators acknowledge reports");
        }
        visible(id, actor);
        Report report = report(reportId).filter(r -> r.incidentId() == id).orElseThrow(() -> new NotFound("report " + reportId));
        Instant now = clock.instant();
        int updated = jdbc.sql("update incidents_report_recipient set acknowledged_at = :now, acknowledged_by = :by "
                        + "where report_id = :r and regulator_org_id = :org and acknowledged_at is null")
                .param("now", ts(now)).param("by", actor.username()).param("r", reportId).param("org", actor.orgId()).update();
        if (updated == 0) {
            boolean recipient = report.recipients().stream().anyMatch(x -> x.orgId() == actor.orgId());
            throw new RuleViolation("A10.4", recipient ? "incidents.refused.acknowledged" : "incidents.refused.notRecipient");
        }
        event(id, now, "ACKNOWLEDGED", report.kind() + " #" + report.number() + " " + actor.orgName(), actor.username());
        audit.record(AuditEvent.success("incident.acknowledge", "incident:" + id, "report " + reportId + " by " + actor.orgName()));
    }

    /** A10.5: the provider records its support on a unit's incident. */
    @Transactional
    public void cooperate(long id, String note) {
        Actor actor = Actor.require();
        Incident incident = visible(id, actor);
        boolean task = actor.orgKind() == OrgKind.PROVIDER && jdbc.sql("select count(*) from incidents_cooperation where incident_id = :id "
                + "and provider_org_id = :org").param("id", id).param("org", actor.orgId()).query(Long.class).single() > 0;
        if (!task) {
            throw new RuleViolation(incident.article(), "incidents.refused.noCooperationTask");
        }
        if (blank(note)) {
            throw new InvalidInput("incidents.error.invalid", Map.of("note", "incidents.error.required"));
        }
        event(id, clock.instant(), "COOPERATION", note.strip(), actor.username());
        audit.record(AuditEvent.success("incident.cooperate", "incident:" + id, note.strip()));
    }

    // ---- reads ---------------------------------------------------------------------------------

    private static final String SELECT = """
            select i.*,
              (select count(*) from incidents_report r where r.incident_id = i.id and r.kind = 'INITIAL'
                 and (i.clock_started_at is null or r.submitted_at >= i.clock_started_at)) as initial_reports,
              (select count(*) from incidents_report r where r.incident_id = i.id and r.kind = 'FINAL') as final_reports
            from incidents_incident i""";

    /** A10.4/A10.5 scoping: a unit its own; the provider its platform incidents and its cooperation tasks; oversight all. */
    static String scope(Actor actor, Map<String, Object> params) {
        if (actor.orgKind() == OrgKind.SUPERVISOR || actor.orgKind() == OrgKind.REGULATOR) {
            return "1=1";
        }
        params.put("scopeOrg", actor.orgId());
        if (actor.orgKind() == OrgKind.PROVIDER) {
            return "(i.org_id = :scopeOrg or exists (select 1 from incidents_cooperation c where c.incident_id = i.id "
                    + "and c.provider_org_id = :scopeOrg))";
        }
        return "i.org_id = :scopeOrg";
    }

    public List<Incident> list(Actor actor) {
        return list(actor, null, null);
    }

    /**
     * The list with the dashboard's drill-down filters (A10.4/A10.5): a grade (I … IV) and the month
     * it was confirmed in (Asia/Shanghai); null means any.
     */
    public List<Incident> list(Actor actor, String grade, java.time.YearMonth month) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(scope(actor, params));
        if (grade != null) {
            where.append(" and i.grade = :grade");
            params.put("grade", grade);
        }
        if (month != null) {
            where.append(" and i.confirmed_at >= :monthStart and i.confirmed_at < :monthEnd");
            params.put("monthStart", IncidentFiguresQuery.monthStart(month.getYear(), month.getMonthValue()));
            java.time.YearMonth next = month.plusMonths(1);
            params.put("monthEnd", IncidentFiguresQuery.monthStart(next.getYear(), next.getMonthValue()));
        }
        List<Incident> rows = jdbc.sql(SELECT + " where " + where + " order by i.confirmed_at desc, i.id desc limit 500")
                .params(params).query((rs, n) -> map(rs)).list();
        return withSystemNames(rows);
    }

    public Optional<Incident> find(long id, Actor actor) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        return withSystemNames(jdbc.sql(SELECT + " where i.id = :id and " + scope(actor, params)).params(params)
                .query((rs, n) -> map(rs)).list()).stream().findFirst();
    }

    public Incident visible(long id, Actor actor) {
        return find(id, actor).orElseThrow(() -> new NotFound("incident " + id));
    }

    /** Visible and the actor acts for the responsible organisation; otherwise 404 (not visible) or 409 naming the article. */
    private Incident responsible(long id, Actor actor) {
        Incident incident = visible(id, actor);
        boolean acting = actor.orgId() == incident.orgId()
                && (actor.has(Role.PROVIDER_OPERATOR) || actor.has(Role.UNIT_SECURITY_OFFICER) || actor.has(Role.UNIT_STAFF));
        if (!acting) {
            throw new RuleViolation(incident.article(), "incidents.refused.notResponsible");
        }
        // serialise concurrent reports on one incident
        jdbc.sql("select id from incidents_incident where id = :id for update").param("id", id).query(Long.class).single();
        return find(id, actor).orElseThrow();
    }

    public boolean mayAct(Incident incident, Actor actor) {
        return actor.orgId() == incident.orgId()
                && (actor.has(Role.PROVIDER_OPERATOR) || actor.has(Role.UNIT_SECURITY_OFFICER) || actor.has(Role.UNIT_STAFF));
    }

    public boolean hasCooperationTask(Incident incident, Actor actor) {
        return actor.orgKind() == OrgKind.PROVIDER && jdbc.sql("select count(*) from incidents_cooperation where incident_id = :id "
                + "and provider_org_id = :org").param("id", incident.id()).param("org", actor.orgId()).query(Long.class).single() > 0;
    }

    @Override
    public List<ReportClock> runningClocks(Actor actor) {
        return jdbc.sql(SELECT + " where i.org_id = :org and i.report_due_at is not null order by i.report_due_at")
                .param("org", actor.orgId()).query((rs, n) -> map(rs)).list().stream()
                .filter(Incident::clockRunning)
                .map(i -> new ReportClock(i.id(), i.title(), i.grade(), i.reportDueAt())).toList();
    }

    public List<Event> timeline(long id) {
        return jdbc.sql("select * from incidents_event where incident_id = :id order by at, id").param("id", id)
                .query((rs, n) -> new Event(rs.getLong("id"), instant(rs, "at"), rs.getString("kind"), rs.getString("details"),
                        rs.getString("actor"))).list();
    }

    public List<GradeChange> gradeChanges(long id) {
        return jdbc.sql("select * from incidents_grade_change where incident_id = :id order by changed_at, id").param("id", id)
                .query((rs, n) -> new GradeChange(rs.getString("from_grade"), rs.getString("to_grade"), rs.getString("reason"),
                        instant(rs, "changed_at"), rs.getString("changed_by"))).list();
    }

    public List<Report> reports(long incidentId) {
        List<Long> ids = jdbc.sql("select id from incidents_report where incident_id = :id order by number").param("id", incidentId)
                .query(Long.class).list();
        List<Report> out = new ArrayList<>();
        for (long id : ids) {
            report(id).ifPresent(out::add);
        }
        return out;
    }

    public Optional<Report> report(long reportId) {
        List<Recipient> recipients = jdbc.sql("select * from incidents_report_recipient where report_id = :id order by regulator_org_id")
                .param("id", reportId).query((rs, n) -> new Recipient(rs.getLong("regulator_org_id"), rs.getString("regulator_name"),
                        instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"))).list();
        return jdbc.sql("select * from incidents_report where id = :id").param("id", reportId)
                .query((rs, n) -> new Report(rs.getLong("id"), rs.getLong("incident_id"), rs.getString("kind"), rs.getInt("number"),
                        rs.getString("grade"), rs.getString("summary"), rs.getString("measures"), rs.getBoolean("contained"),
                        rs.getString("root_cause"), rs.getString("timeline"), rs.getString("lessons"), rs.getString("reporter"),
                        rs.getBoolean("late"), instant(rs, "submitted_at"), rs.getString("submitted_by"), recipients)).optional();
    }

    /** The duties this incident raised (initial, progress and final reports), by due time. */
    public List<Duty> dutiesOf(Incident incident) {
        SubjectKind kind = incident.platform() ? SubjectKind.PLATFORM : SubjectKind.SYSTEM;
        long subjectId = incident.platform() ? incident.orgId() : incident.systemId();
        String prefix = "incident:" + incident.id() + ":";
        return duties.ofSubject(kind, subjectId).stream()
                .filter(d -> d.reference() != null && (d.reference().equals("incident:" + incident.id()) || d.reference().startsWith(prefix)))
                .toList();
    }

    // ---- drills (the public API's second half) ----------------------------------------------------

    @Override
    public long recordDrill(NewDrill drill, String reportFilename, java.io.InputStream report) {
        return drills.record(drill, List.of(), reportFilename, report).id();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void event(long id, Instant at, String kind, String details, String actor) {
        jdbc.sql("insert into incidents_event (incident_id, at, kind, details, actor) values (:id, :at, :kind, :details, :actor)")
                .param("id", id).param("at", ts(at)).param("kind", kind).param("details", details).param("actor", actor).update();
    }

    private List<Incident> withSystemNames(List<Incident> rows) {
        List<Long> ids = rows.stream().map(Incident::systemId).filter(java.util.Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return rows;
        }
        Map<Long, String> names = new HashMap<>();
        systems.find(ids).forEach(s -> names.put(s.id(), s.name()));
        return rows.stream().map(i -> i.systemId() == null ? i : new Incident(i.id(), i.orgId(), i.systemId(), names.get(i.systemId()),
                i.title(), i.category(), i.subType(), i.grade(), i.suggestedGrade(), i.description(), i.impact(), i.criteria(),
                i.discoveredAt(), i.confirmedAt(), i.status(), i.clockStartedAt(), i.reportDueAt(), i.reportReference(),
                i.progressReference(), i.containedAt(), i.resolvedAt(), i.recordedAt(), i.recordedBy(), i.initialReported(),
                i.finalReported())).toList();
    }

    private static Incident map(ResultSet rs) throws SQLException {
        long system = rs.getLong("system_id");
        Long systemId = rs.wasNull() ? null : system;
        long people = rs.getLong("people_affected");
        Long peopleAffected = rs.wasNull() ? null : people;
        long records = rs.getLong("records_leaked");
        Long recordsLeaked = rs.wasNull() ? null : records;
        Criteria criteria = new Criteria(rs.getBigDecimal("portal_outage_hours"), rs.getBigDecimal("critical_outage_hours"), peopleAffected,
                recordsLeaked, rs.getString("data_affected"), rs.getBigDecimal("direct_loss_wan"));
        return new Incident(rs.getLong("id"), rs.getLong("org_id"), systemId, null, rs.getString("title"), rs.getString("category"),
                rs.getString("sub_type"), rs.getString("grade"), rs.getString("suggested_grade"), rs.getString("description"),
                rs.getString("impact"), criteria, instant(rs, "discovered_at"), instant(rs, "confirmed_at"), rs.getString("status"),
                instant(rs, "clock_started_at"), instant(rs, "report_due_at"), rs.getString("report_reference"),
                rs.getString("progress_reference"), instant(rs, "contained_at"), instant(rs, "resolved_at"), instant(rs, "recorded_at"),
                rs.getString("recorded_by"), rs.getLong("initial_reports") > 0, rs.getLong("final_reports") > 0);
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static void require(String value, String field, Map<String, String> errors) {
        if (blank(value)) {
            errors.put(field, "incidents.error.required");
        } else if (value.length() > 20_000) {
            errors.put(field, "incidents.error.tooLong");
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String nz(String s) {
        return s == null ? "" : s.strip();
    }

    private static String strip(String s) {
        return blank(s) ? null : s.strip();
    }
}
