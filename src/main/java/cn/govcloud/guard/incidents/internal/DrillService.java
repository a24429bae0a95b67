package cn.govcloud.guard.incidents.internal;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.incidents.Incidents.NewDrill;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A10.3 drills: the provider organises at least one comprehensive drill every half-year, covering
 * network attack, data leak, system failure and DR switch-over; invited units confirm their
 * participation; findings on hosted systems become hazard notices (A10.2) through
 * {@link Hazards#raise}. Recording a comprehensive drill files the half-year's
 * {@code A10.3-half-yearly-drill} duty with the drill's details and its summary report
 * ({@link DrillRecording}); the SQL is {@link Drills}'. This is the entrance for the pages and the API.
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

        /** A10.3: only an invited unit confirms that it took part. */
        Drill requireInvited(long orgId) {
            if (participants.stream().noneMatch(p -> p.orgId() == orgId)) {
                throw new cn.govcloud.guard.shared.RuleViolation("A10.3", "incidents.drill.refused.notInvited");
            }
            return this;
        }
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

    private final Drills drills;
    private final DrillRecording recording;
    private final Duties duties;
    private final Documents documents;
    private final OrganisationDirectory organisations;
    private final RuleCatalog catalog;
    private final Clock clock;

    DrillService(Drills drills, DrillRecording recording, Duties duties, Documents documents, OrganisationDirectory organisations,
                 RuleCatalog catalog, Clock clock) {
        this.drills = drills;
        this.recording = recording;
        this.duties = duties;
        this.documents = documents;
        this.organisations = organisations;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Records a drill as the signed-in provider. */
    public Drill record(NewDrill d, List<NewFinding> findings, String filename, InputStream report) {
        return recording.record(d, findings, filename, report, Actor.require());
    }

    /** An invited unit confirms that it took part. */
    @Transactional
    public void confirm(long drillId) {
        Actor actor = Actor.require();
        recording.confirm(visible(drillId, actor), actor);
    }

    /** The provider its own drills, a unit those it was invited to, oversight all. */
    @Transactional(readOnly = true)
    public List<Drill> list(Actor actor) {
        return drills.list(actor, null, null);
    }

    /** The list held between two days (inclusive; null means open-ended), for the dashboard's half-year drill-down. */
    @Transactional(readOnly = true)
    public List<Drill> list(Actor actor, LocalDate from, LocalDate to) {
        return drills.list(actor, from, to);
    }

    /** Issue 23 point 11: one page of the drills the actor may see, searched and filtered in SQL. */
    @Transactional(readOnly = true)
    public cn.govcloud.guard.shared.Page<Drill> search(Actor actor, DrillFilter filter, int page, int size) {
        return drills.search(actor, filter, page, size);
    }

    @Transactional(readOnly = true)
    public Drill visible(long id, Actor actor) {
        if (!drills.visible(id, actor)) {
            throw new NotFound("drill " + id);
        }
        return drills.find(id).orElseThrow();
    }

    static String where(Actor actor, Map<String, Object> params) {
        return Drills.where(actor, params);
    }

    /**
     * A10.3 for one provider: the last {@code count} half-years up to the current one. A half-year
     * that ended without a comprehensive drill is OVERDUE, whatever the duty engine has generated.
     */
    @Transactional(readOnly = true)
    public List<HalfYear> halfYears(long providerOrgId, int count) {
        LocalDate today = LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
        List<Duty> drillDuties = duties.ofSubjectAndRule(SubjectKind.PLATFORM, providerOrgId, HALF_YEARLY_RULE);
        List<HalfYear> out = new ArrayList<>();
        LocalDate start = halfStart(today);
        for (int i = 0; i < count; i++) {
            LocalDate s = start;
            LocalDate end = s.plusMonths(6).minusDays(1);
            Long drillId = drills.comprehensiveBetween(providerOrgId, s, end).orElse(null);
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
}
