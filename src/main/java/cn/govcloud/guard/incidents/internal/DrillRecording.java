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
import cn.govcloud.guard.incidents.internal.DrillService.Drill;
import cn.govcloud.guard.incidents.internal.DrillService.NewFinding;
import cn.govcloud.guard.notify.Inbox;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recording a drill (A10.3) as the provider with its summary report, inviting units (who confirm they took part) and
 * turning findings on hosted systems into hazard notices (A10.2); a comprehensive drill files its half-year's
 * {@code A10.3-half-yearly-drill} duty.
 */
@Service
class DrillRecording {
    private static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW");

    private final Drills drills;
    private final Duties duties;
    private final Documents documents;
    private final Systems systems;
    private final OrganisationDirectory organisations;
    private final Inbox inbox;
    private final Hazards hazards;
    private final AuditLog audit;
    private final Clock clock;

    DrillRecording(Drills drills, Duties duties, Documents documents, Systems systems, OrganisationDirectory organisations, Inbox inbox,
                   Hazards hazards, AuditLog audit, Clock clock) {
        this.drills = drills;
        this.duties = duties;
        this.documents = documents;
        this.systems = systems;
        this.organisations = organisations;
        this.inbox = inbox;
        this.hazards = hazards;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    Drill record(NewDrill d, List<NewFinding> findings, String filename, InputStream report, Actor actor) {
        if (actor.orgKind() != OrgKind.PROVIDER) {
            throw new AccessDeniedException("the provider organises drills");
        }
        Map<Long, String> units = validate(d, findings, filename, report);
        byte[] bytes = read(report);
        StoredDocument stored = documents.store(actor.orgId(), filename, new ByteArrayInputStream(bytes));
        Instant now = clock.instant();
        long id = drills.insert(new Drills.NewRow(actor.orgId(), d.drillDate(), d.title().strip(), d.networkAttack(), d.dataLeak(),
                d.systemFailure(), d.drSwitchover(), d.summary().strip(), d.organiser().strip(), stored.id(), stored.filename(), now,
                actor.username()));
        for (Map.Entry<Long, String> unit : units.entrySet()) {
            drills.invite(id, unit.getKey(), unit.getValue());
            inbox.deliver(new Notice("drill:" + id + ":invite:" + unit.getKey(), unit.getKey(), Set.of(Role.UNIT_SECURITY_OFFICER),
                    "incidents.notice.drillInvite", List.of(d.title().strip(), d.drillDate().toString()), "/incidents/drills",
                    Notice.Severity.INFO, now));
        }
        for (NewFinding f : findings) {
            long findingId = drills.addFinding(id, f.systemId(), f.title().strip(), f.severity(), f.description());
            if (f.systemId() != null) {
                // A10.2: a drill finding on a hosted system becomes a hazard notice to its unit
                Hazards.Raised raised = hazards.raise(new Hazards.NewHazard(f.systemId(), f.title().strip(),
                        Hazards.Severity.valueOf(f.severity()), f.description(), now, "DRILL", "drill-finding:" + findingId));
                drills.findingRaised(findingId, raised.id());
            }
        }
        Drill drill = drills.find(id).orElseThrow();
        Long dutyId = drill.comprehensive() ? fileHalfYearDuty(drill, units.values(), bytes) : null;
        audit.record(AuditEvent.success("drill.record", "drill:" + id, d.drillDate() + " " + d.title().strip()
                + (drill.comprehensive() ? " comprehensive" : " missing " + drill.missingScenarios()) + " units=" + units.size()
                + " findings=" + findings.size() + (dutyId == null ? "" : " filed duty " + dutyId)));
        return drills.find(id).orElseThrow();
    }

    /** Every problem named on its field (400); the invited units by id when there is none. */
    private Map<Long, String> validate(NewDrill d, List<NewFinding> findings, String filename, InputStream report) {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate today = LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
        if (d.drillDate() == null || d.drillDate().isAfter(today)) {
            errors.put("drillDate", "incidents.drill.error.date");
        }
        if (Values.blank(d.title()) || d.title().length() > 200) {
            errors.put("title", "incidents.error.required");
        }
        if (!(d.networkAttack() || d.dataLeak() || d.systemFailure() || d.drSwitchover())) {
            errors.put("scenarios", "incidents.drill.error.scenarios");
        }
        if (Values.blank(d.summary())) {
            errors.put("summary", "incidents.error.required");
        }
        if (Values.blank(d.organiser()) || d.organiser().length() > 100) {
            errors.put("organiser", "incidents.error.required");
        }
        if (report == null || Values.blank(filename)) {
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
            if (Values.blank(f.title()) || f.title().length() > 200 || f.severity() == null || !SEVERITIES.contains(f.severity())
                    || f.systemId() != null && systems.find(f.systemId()).isEmpty()) {
                errors.put("findings", "incidents.drill.error.finding");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("incidents.error.invalid", errors);
        }
        return units;
    }

    /** A10.3: a comprehensive drill files the duty of its half-year, if that duty still awaits evidence. */
    private Long fileHalfYearDuty(Drill drill, Collection<String> unitNames, byte[] report) {
        LocalDate start = DrillService.halfStart(drill.drillDate());
        Optional<Duty> open = duties.ofSubjectAndRule(SubjectKind.PLATFORM, drill.orgId(), DrillService.HALF_YEARLY_RULE).stream()
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
        drills.dutyFiled(drill.id(), open.get().id());
        return open.get().id();
    }

    /** An invited unit confirms that it took part. */
    @Transactional
    void confirm(Drill drill, Actor actor) {
        drill.requireInvited(actor.orgId());
        if (!drills.confirm(drill.id(), actor.orgId(), clock.instant(), actor.username())) {
            throw new RuleViolation("A10.3", "incidents.drill.refused.confirmed");
        }
        audit.record(AuditEvent.success("drill.confirm", "drill:" + drill.id(), actor.orgName() + " took part"));
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
