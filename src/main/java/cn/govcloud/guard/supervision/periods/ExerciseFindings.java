package cn.govcloud.guard.supervision.periods;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.supervision.periods.Periods.Finding;
import cn.govcloud.guard.supervision.periods.Periods.NewFinding;
import cn.govcloud.guard.supervision.periods.Periods.Participant;
import cn.govcloud.guard.supervision.periods.Periods.Period;
import cn.govcloud.guard.supervision.scheduling.Db;
import cn.govcloud.guard.systems.Systems;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An exercise's red-team findings (A4 with A10.2): each becomes a hazard notice raised by the supervisor. */
@Service
class ExerciseFindings {
    private final PeriodRepository store;
    private final Systems systems;
    private final Hazards hazards;
    private final AuditLog audit;
    private final Clock clock;

    ExerciseFindings(PeriodRepository store, Systems systems, Hazards hazards, AuditLog audit, Clock clock) {
        this.store = store;
        this.systems = systems;
        this.hazards = hazards;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The supervisor records a finding of an exercise's red team on a participating unit's system: it becomes a hazard
     * notice raised by the supervisor as the warning department (A10.2), source {@code RED_TEAM}, reference
     * {@code supervision-period:ID}, and so runs on the period's shorter acknowledgement clock.
     */
    @Transactional
    Finding record(long id, NewFinding f) {
        Actor actor = Periods.supervisor();
        Period p = store.require(id);
        Instant now = clock.instant();
        p.requireFindingsOpen(now);
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Systems.SystemRef> system = f.systemId() == null ? Optional.empty() : systems.find(f.systemId());
        java.util.Set<Long> units = store.participants(id).stream().filter(x -> x.kind() == OrgKind.UNIT).map(Participant::orgId)
                .collect(Collectors.toSet());
        if (system.isEmpty() || !units.contains(system.get().orgId())) {
            errors.put("systemId", "periods.error.findingSystem");
        }
        Hazards.Severity severity = null;
        try {
            severity = f.severity() == null ? null : Hazards.Severity.valueOf(f.severity().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            severity = null;
        }
        if (severity == null) {
            errors.put("severity", "periods.error.severity");
        }
        if (Db.blank(f.title()) || f.title().strip().length() > 200) {
            errors.put("title", "periods.error.findingTitle");
        }
        if (f.description() != null && f.description().length() > 4000) {
            errors.put("description", "periods.error.description");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("periods.error.invalid", errors);
        }
        String description = (Db.blank(f.description()) ? "" : f.description().strip() + "\n") + "实网攻防演练：" + p.name();
        Hazards.Raised hazard = hazards.raise(new Hazards.NewHazard(system.get().id(), f.title().strip(), severity, description, null,
                "RED_TEAM", "supervision-period:" + id));
        long findingId = store.insertFinding(id, system.get(), f.title().strip(), severity.name(), hazard.id(), now, actor.username());
        audit.record(AuditEvent.success("period.finding", "supervision-period:" + id, "finding " + findingId + " → hazard:" + hazard.id()
                + " " + system.get().name() + " " + f.title().strip()));
        return store.finding(findingId);
    }

    /** The findings of a period: oversight sees all, a participant the findings on its own systems. */
    @Transactional(readOnly = true)
    List<Finding> of(long id, Actor actor) {
        store.visible(id, actor);
        return store.findings(id, Periods.oversees(actor), actor.orgId());
    }
}
