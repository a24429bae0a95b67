package cn.govcloud.guard.incidents.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.incidents.Incidents.NewDrill;
import cn.govcloud.guard.notify.Inbox;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.systems.Systems;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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
 * A10.3 drills: the provider organises at least one comprehensive drill every half-year, covering
 * network attack, data leak, system failure and DR switch-over; invited units confirm their
 * participation; findings on hosted systems become hazard notices (A10.2) through
 * {@link Hazards#raise}. Recording a comprehensive drill files the half-year's
 * {@code A10.3-half-yearly-drill} duty with the drill's details and its summary report.
 */
@Service
public class DrillService {
    static final String HALF_YEARLY_RULE = "A10.3-half-yearly-drill";

    public record Finding(long id, Long systemId, String title, String severity, String description, Long hazardId) {
    }

    public record NewFinding(Long systemId, String title, String severity, String description) {
    }

    public record Participant(long orgId, String name, Instant confirmedAt, String confirmedBy) {
    }

    /** The catalog parameter naming the scenarios a comprehensive drill covers (A10.3 "等典型场景", issue 17 point 16). */
    static final String COMPREHENSIVE = "A10.3-comprehensive-drill";
    /** Scenario → column; the catalog's options are these names. */
    static final Map<String, String> SCENARIO_COLUMNS = Map.of("networkAttack", "network_attack", "dataLeak", "data_leak",
            "systemFailure", "system_failure", "drSwitchover", "dr_switchover");

    /** @param required the scenarios the catalog in force asks of a comprehensive drill */
    public record Drill(long id, long orgId, LocalDate drillDate, String title, boolean networkAttack, boolean dataLeak,
                        boolean systemFailure, boolean drSwitchover, String summary, String organiser, long documentId, String filename,
                        Long dutyId, Instant recordedAt, String recordedBy, List<Participant> participants, List<Finding> findings,
                        List<String> required) {
        public boolean comprehensive() {
            return missingScenarios().isEmpty();
        }

        /** The scenarios a comprehensive drill needs (as the catalog says) that this one did not cover. */
        public List<String> missingScenarios() {
            Map<String, Boolean> covered = Map.of("networkAttack", networkAttack, "dataLeak", dataLeak, "systemFailure", systemFailure,
                    "drSwitchover", drSwitchover);
            return required.stream().filter(r -> !covered.getOrDefault(r, false)).toList();
        }
    }

    /** The scenarios the catalog in force asks of a comprehensive drill. */
    List<String> requiredScenarios() {
        return catalog.parameter(COMPREHENSIVE).choices();
    }

    /** SQL: the drill (alias {@code d}, or none when blank) covered every required scenario; columns come from a fixed map. */
    static String comprehensiveSql(List<String> required, String alias) {
        String prefix = alias.isBlank() ? "" : alias + ".";
        return required.stream().map(r -> prefix + SCENARIO_COLUMNS.get(r)).collect(java.util.stream.Collectors.joining(" and ", "(", ")"));
    }

    /** One calendar half-year (H1 Jan–Jun, H2 Jul–Dec): DONE with a comprehensive drill, OVERDUE when it ended without, else DUE. */
    public record HalfYear(int year, int half, LocalDate start, LocalDate end, String status, Long drillId, Duty duty) {
        public String label() {
            return year + "-H" + half;
        }
    }

    private final JdbcClient jdbc;
    private final Duties duties;
    private final Documents documents;
    private final Systems systems;
    private final OrganisationDirectory organisations;
    private final Inbox inbox;
    private final AuditLog audit;
    private final Hazards hazards;
    private final Clock clock;
    private final cn.govcloud.guard.rules.RuleCatalog catalog;

    DrillService(JdbcClient jdbc, Duties duties, Documents documents, Systems systems, OrganisationDirectory organisations, Inbox inbox,
                 AuditLog audit, Hazards hazards, Clock clock, cn.govcloud.guard.rules.RuleCatalog catalog) {
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.duties = duties;
        this.documents = documents;
        this.systems = systems;
        this.organisations = organisations;
        this.inbox = inbox;
        this.audit = audit;
        this.hazards = hazards;
        this.clock = clock;
    }

    @Transactional
    public Drill record(NewDrill d, List<NewFinding> findings, String filename, InputStream report) {
        Actor actor = Actor.require();
        if (actor.orgKind() != OrgKind.PROVIDER) {
            throw new AccessDeniedException("the provider organises drills");
        }
        LocalDate today = LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
        Map<String, String> errors = new LinkedHashMap<>();
        if (d.drillDate() == null || d.drillDate().isAfter(today)) {
            errors.put("drillDate", "incidents.drill.error.date");
        }
        if (IncidentService.blank(d.title()) || d.title().length() > 200) {
            errors.put("title", "incidents.error.required");
        }
        if (!(d.networkAttack() || d.dataLeak() || d.systemFailure() || d.drSwitchover())) {
            errors.put("scenarios", "incidents.drill.error.scenarios");
        }
        if (IncidentService.blank(d.summary())) {
            errors.put("summary", "incidents.error.required");
        }
        if (IncidentService.blank(d.organiser()) || d.organiser().length() > 100) {
            errors.put("organiser", "incidents.error.required");
        }
        if (report == null || IncidentService.blank(filename)) {
            errors.put("report", "incidents.drill.error.report");
        }
        Map<Long, String> units = new LinkedHashMap<>();
        for (Long unit : d.invitedUnitIds() == null ? List.<Long>of() : d.invitedUnitIds()) {
            Optional<OrganisationView> org = organisations.byId(unit == null ? -1 : unit).filter(o -> o.kind() == OrgKind.UNIT);
            if (org.isEmpty()) {
                errors.put("invitedUnitIds", "incidents.drill.error.unit");
            } else {
                units.put(org.get().id(), org.get().name());
            }
        }
        for (NewFinding f : findings) {
            if (IncidentService.blank(f.title()) || f.title().length() > 200) {
                errors.put("findings", "incidents.drill.error.finding");
            }
            if (f.severity() == null || !List.of("CRITICAL", "HIGH", "MEDIUM", "LOW").contains(f.severity())) {
                errors.put("findings", "incidents.drill.error.finding");
            }
            if (f.systemId() != null && systems.find(f.systemId()).isEmpty()) {
                errors.put("findings", "incidents.drill.error.finding");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("incidents.error.invalid", errors);
        }
        byte[] bytes = read(report);
        StoredDocument stored = documents.store(actor.orgId(), filename, new ByteArrayInputStream(bytes));
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into incidents_drill (org_id, drill_date, title, network_attack, data_leak, system_failure, dr_switchover, summary,
                  organiser, document_id, filename, recorded_at, recorded_by)
                values (:org, :date, :title, :na, :dl, :sf, :dr, :summary, :organiser, :doc, :filename, :now, :by)""")
                .param("org", actor.orgId()).param("date", d.drillDate()).param("title", d.title().strip())
                .param("na", d.networkAttack()).param("dl", d.dataLeak()).param("sf", d.systemFailure()).param("dr", d.drSwitchover())
                .param("summary", d.summary().strip()).param("organiser", d.organiser().strip()).param("doc", stored.id())
                .param("filename", stored.filename()).param("now", IncidentService.ts(now)).param("by", actor.username())
                .update(key, "id");
        long id = key.getKey().longValue();
        for (Map.Entry<Long, String> unit : units.entrySet()) {
            jdbc.sql("insert into incidents_drill_unit (drill_id, unit_org_id, unit_name) values (:d, :org, :name)")
                    .param("d", id).param("org", unit.getKey()).param("name", unit.getValue()).update();
            inbox.deliver(new Notice("drill:" + id + ":invite:" + unit.getKey(), unit.getKey(), Set.of(Role.UNIT_SECURITY_OFFICER),
                    "incidents.notice.drillInvite", List.of(d.title().strip(), d.drillDate().toString()), "/incidents/drills",
                    Notice.Severity.INFO, now));
        }
        Hazards register = hazards;
        for (NewFinding f : findings) {
            GeneratedKeyHolder fk = new GeneratedKeyHolder();
            jdbc.sql("insert into incidents_drill_finding (drill_id, system_id, title, severity, description) "
                            + "values (:d, :system, :title, :severity, :description)")
                    .param("d", id).param("system", f.systemId()).param("title", f.title().strip()).param("severity", f.severity())
                    .param("description", f.description()).update(fk, "id");
            long findingId = fk.getKey().longValue();
            if (f.systemId() != null) {
                // A10.2: a drill finding on a hosted system becomes a hazard notice to its unit
                Hazards.Raised raised = register.raise(new Hazards.NewHazard(f.systemId(), f.title().strip(),
                        Hazards.Severity.valueOf(f.severity()), f.description(), now, "DRILL", "drill-finding:" + findingId));
                jdbc.sql("update incidents_drill_finding set hazard_id = :h where id = :id").param("h", raised.id()).param("id", findingId)
                        .update();
            }
        }
        Drill drill = find(id).orElseThrow();
        Long dutyId = null;
        if (drill.comprehensive()) {
            dutyId = fileHalfYearDuty(drill, units.values(), bytes);
        }
        audit.record(AuditEvent.success("drill.record", "drill:" + id, d.drillDate() + " " + d.title().strip()
                + (drill.comprehensive() ? " comprehensive" : " missing " + drill.missingScenarios()) + " units=" + units.size()
                + " findings=" + findings.size() + (dutyId == null ? "" : " filed duty " + dutyId)));
        return find(id).orElseThrow();
    }

    /** A10.3: a comprehensive drill files the duty of its half-year, if that duty still awaits evidence. */
    private Long fileHalfYearDuty(Drill drill, java.util.Collection<String> unitNames, byte[] report) {
        LocalDate start = halfStart(drill.drillDate());
        Optional<Duty> open = duties.ofSubjectAndRule(SubjectKind.PLATFORM, drill.orgId(), HALF_YEARLY_RULE).stream()
                .filter(x -> start.equals(x.periodStart()) && x.state().awaitsSubmission())
                .findFirst();
        if (open.isEmpty()) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("drillDate", drill.drillDate().toString());
        fields.put("networkAttack", String.valueOf(drill.networkAttack()));
        fields.put("dataLeak", String.valueOf(drill.dataLeak()));
        fields.put("systemFailure", String.valueOf(drill.systemFailure()));
        fields.put("drSwitchover", String.valueOf(drill.drSwitchover()));
        fields.put("participatingUnits", unitNames.isEmpty() ? "—" : String.join("、", unitNames));
        fields.put("summary", drill.summary());
        fields.put("organiser", drill.organiser());
        duties.submit(open.get().id(), fields, List.of(new Duties.Attachment("drillReport", drill.filename(), new ByteArrayInputStream(report))));
        jdbc.sql("update incidents_drill set duty_id = :duty where id = :id").param("duty", open.get().id()).param("id", drill.id()).update();
        return open.get().id();
    }

    /** An invited unit confirms that it took part. */
    @Transactional
    public void confirm(long drillId) {
        Actor actor = Actor.require();
        Drill drill = visible(drillId, actor);
        if (drill.participants().stream().noneMatch(p -> p.orgId() == actor.orgId())) {
            throw new RuleViolation("A10.3", "incidents.drill.refused.notInvited");
        }
        int updated = jdbc.sql("update incidents_drill_unit set confirmed_at = :now, confirmed_by = :by where drill_id = :d "
                        + "and unit_org_id = :org and confirmed_at is null")
                .param("now", IncidentService.ts(clock.instant())).param("by", actor.username()).param("d", drillId)
                .param("org", actor.orgId()).update();
        if (updated == 0) {
            throw new RuleViolation("A10.3", "incidents.drill.refused.confirmed");
        }
        audit.record(AuditEvent.success("drill.confirm", "drill:" + drillId, actor.orgName() + " took part"));
    }

    /** The provider its own drills, a unit those it was invited to, oversight all. */
    public List<Drill> list(Actor actor) {
        return list(actor, null, null);
    }

    /** The list held between two days (inclusive; null means open-ended), for the dashboard's half-year drill-down. */
    public List<Drill> list(Actor actor, LocalDate from, LocalDate to) {
        Map<String, Object> params = new HashMap<>();
        String where = where(actor, params);
        if (from != null) {
            where += " and d.drill_date >= :from";
            params.put("from", from);
        }
        if (to != null) {
            where += " and d.drill_date <= :to";
            params.put("to", to);
        }
        List<Long> ids = jdbc.sql("select d.id from incidents_drill d where " + where + " order by d.drill_date desc, d.id desc limit 200")
                .params(params).query(Long.class).list();
        return ids.stream().map(this::find).flatMap(Optional::stream).toList();
    }

    public Drill visible(long id, Actor actor) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        boolean seen = jdbc.sql("select count(*) from incidents_drill d where d.id = :id and " + where(actor, params)).params(params)
                .query(Long.class).single() > 0;
        if (!seen) {
            throw new NotFound("drill " + id);
        }
        return find(id).orElseThrow();
    }

    static String where(Actor actor, Map<String, Object> params) {
        if (actor.orgKind() == OrgKind.SUPERVISOR || actor.orgKind() == OrgKind.REGULATOR) {
            return "1=1";
        }
        params.put("scopeOrg", actor.orgId());
        if (actor.orgKind() == OrgKind.UNIT) {
            return "exists (select 1 from incidents_drill_unit u where u.drill_id = d.id and u.unit_org_id = :scopeOrg)";
        }
        return "d.org_id = :scopeOrg";
    }

    Optional<Drill> find(long id) {
        List<Participant> participants = jdbc.sql("select * from incidents_drill_unit where drill_id = :id order by unit_name")
                .param("id", id).query((rs, n) -> new Participant(rs.getLong("unit_org_id"), rs.getString("unit_name"),
                        IncidentService.instant(rs, "confirmed_at"), rs.getString("confirmed_by"))).list();
        List<Finding> findings = jdbc.sql("select * from incidents_drill_finding where drill_id = :id order by id").param("id", id)
                .query((rs, n) -> {
                    long system = rs.getLong("system_id");
                    Long systemId = rs.wasNull() ? null : system;
                    long hazard = rs.getLong("hazard_id");
                    Long hazardId = rs.wasNull() ? null : hazard;
                    return new Finding(rs.getLong("id"), systemId, rs.getString("title"), rs.getString("severity"),
                            rs.getString("description"), hazardId);
                }).list();
        return jdbc.sql("select * from incidents_drill where id = :id").param("id", id).query((rs, n) -> {
            long duty = rs.getLong("duty_id");
            Long dutyId = rs.wasNull() ? null : duty;
            return new Drill(rs.getLong("id"), rs.getLong("org_id"), rs.getObject("drill_date", LocalDate.class), rs.getString("title"),
                    rs.getBoolean("network_attack"), rs.getBoolean("data_leak"), rs.getBoolean("system_failure"),
                    rs.getBoolean("dr_switchover"), rs.getString("summary"), rs.getString("organiser"), rs.getLong("document_id"),
                    rs.getString("filename"), dutyId, IncidentService.instant(rs, "recorded_at"), rs.getString("recorded_by"),
                    participants, findings, requiredScenarios());
        }).optional();
    }

    /**
     * A10.3 for one provider: the last {@code count} half-years up to the current one. A half-year
     * that ended without a comprehensive drill is OVERDUE, whatever the duty engine has generated.
     */
    public List<HalfYear> halfYears(long providerOrgId, int count) {
        LocalDate today = LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
        List<Duty> drillDuties = duties.ofSubjectAndRule(SubjectKind.PLATFORM, providerOrgId, HALF_YEARLY_RULE);
        List<HalfYear> out = new ArrayList<>();
        LocalDate start = halfStart(today);
        for (int i = 0; i < count; i++) {
            LocalDate s = start;
            LocalDate end = s.plusMonths(6).minusDays(1);
            Long drillId = jdbc.sql("select min(id) from incidents_drill where org_id = :org and drill_date between :s and :e "
                            + "and " + comprehensiveSql(requiredScenarios(), ""))
                    .param("org", providerOrgId).param("s", s).param("e", end).query(Long.class).optional().orElse(null);
            // A15 and issue 17 point 13: a half-year that ended before the Measures took effect owed nothing, as the duty
            // generator has it (it skips such periods); it is shown as such, never as overdue
            String status = drillId != null ? "DONE" : end.isBefore(catalog.version().validFrom()) ? "NOT_IN_FORCE"
                    : end.isBefore(today) ? "OVERDUE" : "DUE";
            Duty duty = drillDuties.stream().filter(x -> s.equals(x.periodStart())).findFirst().orElse(null);
            out.add(new HalfYear(s.getYear(), s.getMonthValue() == 1 ? 1 : 2, s, end, status, drillId, duty));
            start = start.minusMonths(6);
        }
        return out;
    }

    public List<OrganisationView> units() {
        return organisations.ofKind(OrgKind.UNIT);
    }

    public List<OrganisationView> providers() {
        return organisations.ofKind(OrgKind.PROVIDER);
    }

    static LocalDate halfStart(LocalDate date) {
        return LocalDate.of(date.getYear(), date.getMonthValue() <= 6 ? 1 : 7, 1);
    }

    public byte[] document(Drill drill) {
        return documents.open(drill.documentId());
    }

    public Optional<StoredDocument> describe(long documentId) {
        return documents.describe(documentId);
    }

    private static byte[] read(InputStream in) {
        try {
            byte[] bytes = in.readNBytes((int) Documents.MAX_BYTES + 1);
            if (bytes.length > Documents.MAX_BYTES) {
                throw new InvalidInput("incidents.error.invalid", Map.of("report", "incidents.error.tooLarge"));
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
