package cn.govcloud.guard.hazards.internal;

import static cn.govcloud.guard.hazards.internal.HazardRepository.blank;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.hazards.Hazards.NewHazard;
import cn.govcloud.guard.hazards.internal.HazardService.HazardView;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.Unprocessable;
import cn.govcloud.guard.systems.SystemDataGrades;
import cn.govcloud.guard.systems.Systems;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Raising a hazard notice (A10.1, A10.2): the warning department records it, the catalog's clocks start from
 * {@link cn.govcloud.guard.hazards.HazardNotified}, and the owning unit and the supervisor are told at once.
 */
@Service
public class HazardNotification {
    public static final List<String> SOURCES = List.of("MANUAL", "ALERT", "FINDING", "INSPECTION", "DRILL", "RED_TEAM");

    private final HazardRepository hazards;
    private final HazardHistory history;
    private final HazardClocks clocks;
    private final HazardDelivery delivery;
    private final HazardBackdating backdating;
    private final Systems systems;
    private final ObjectProvider<SystemDataGrades> dataGrades;
    private final ObjectProvider<cn.govcloud.guard.hazards.HeightenedPeriods> periods;
    private final RuleCatalog catalog;
    private final AuditLog audit;
    private final Clock clock;

    HazardNotification(HazardRepository hazards, HazardHistory history, HazardClocks clocks, HazardDelivery delivery,
                       HazardBackdating backdating, Systems systems, ObjectProvider<SystemDataGrades> dataGrades,
                       ObjectProvider<cn.govcloud.guard.hazards.HeightenedPeriods> periods, RuleCatalog catalog, AuditLog audit, Clock clock) {
        this.periods = periods;
        this.hazards = hazards;
        this.history = history;
        this.clocks = clocks;
        this.delivery = delivery;
        this.backdating = backdating;
        this.systems = systems;
        this.dataGrades = dataGrades;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Who may start the loop (issue 17 point 2): every party the Measures name as a warner — the supervisor (A11.3), the
     * provider (A10.1), the regulators for their 整改通知 and 通报, and a unit for its own findings.
     */
    public static boolean mayWarn(Actor actor) {
        return switch (actor.orgKind()) {
            case SUPERVISOR -> actor.has(Role.SUPERVISOR);
            case PROVIDER -> actor.has(Role.PROVIDER_OPERATOR);
            case REGULATOR -> actor.has(Role.REGULATOR);
            case UNIT -> HazardNotice.UNIT_PEOPLE.stream().anyMatch(actor::has);
            default -> false;
        };
    }

    /**
     * Raises a notice as the actor (the warning department), starts the catalog's clocks (A10.2-hazard-acknowledgement and
     * A10.2-rectify) and tells the owning unit and the supervisor at once (A10.1). Everything or nothing.
     */
    @Transactional
    public HazardView raise(NewHazard h, Actor actor) {
        if (!mayWarn(actor)) {
            throw new AccessDeniedException("only a warning department notifies hazards (A10.2)");
        }
        Instant now = clock.instant();
        String source = blank(h.source()) ? "MANUAL" : h.source().strip().toUpperCase(Locale.ROOT);
        Instant notifiedAt = h.notifiedAt() == null ? now : h.notifiedAt();
        check(h, source, notifiedAt, now);
        Systems.SystemRef system = systems.find(h.systemId()).orElseThrow(() -> new NotFound("system " + h.systemId()));
        if (actor.orgKind() == OrgKind.UNIT && system.orgId() != actor.orgId()) {
            throw new NotFound("system " + h.systemId()); // a unit records findings on its own systems only (A4)
        }
        if ("EXITED".equals(system.state())) {
            throw new Unprocessable("hazards.error.systemExited");
        }
        // issue 17 point 3: a notice dated before the record (a paper notice recorded after the fact) keeps its stated date,
        // but the clock runs from the record until the notice document is attached and the supervisor confirms the date
        boolean backdated = HazardBackdating.backdated(notifiedAt, now);
        Instant stated = notifiedAt;
        if (backdated) {
            notifiedAt = now;
        }
        long id = hazards.insert(h, system, actor, source, notifiedAt, now);
        if (backdated) {
            backdating.record(id, stated);
        }
        Subject subject = new Subject(SubjectKind.SYSTEM, system.id(), system.name(), system.orgId(), Map.of("mlpsLevel", system.mlpsLevel()));
        Duty rectify = clocks.notified(id, subject, notifiedAt, facts(h, system, notifiedAt));
        clocks.found(id, subject, now, h.severity());
        history.event(id, "NOTIFIED", actor, now, h.title().strip(), null, null);
        audit.record(AuditEvent.success("hazards.raise", HazardClocks.reference(id), system.name() + " " + h.severity() + " " + source + " "
                + h.title().strip() + " due " + rectify.dueDate() + (backdated ? " backdated to " + stated + ", awaiting the notice and the supervisor" : "")));
        HazardView v = hazards.load(id, now).orElseThrow();
        // A10.1: the owning unit and the supervisor are told at once (and the provider when it is not the warner, it has nothing to do)
        List<String> args = List.of(v.systemName(), v.title(), Notice.label("hazards.severity." + v.severity().name()), v.dueDate().toString());
        delivery.tellUnit(v, "notified", "hazards.notice.notified", args, Notice.Severity.CRITICAL, now);
        delivery.tellSupervisors(v, "notified", "hazards.notice.notified", args, Notice.Severity.WARNING, now);
        if (backdated) {
            delivery.tellSupervisors(v, "backdated", "hazards.notice.backdated", List.of(v.systemName(), v.title(), stated.toString()),
                    Notice.Severity.WARNING, now);
        }
        return v;
    }

    private void check(NewHazard h, String source, Instant notifiedAt, Instant now) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (h.systemId() <= 0) {
            errors.put("systemId", "hazards.error.systemId");
        }
        if (blank(h.title()) || h.title().strip().length() > 200) {
            errors.put("title", "hazards.error.title");
        }
        if (h.severity() == null) {
            errors.put("severity", "hazards.error.severity");
        }
        if (h.description() != null && h.description().length() > 4000) {
            errors.put("description", "hazards.error.description");
        }
        if (!SOURCES.contains(source)) {
            errors.put("source", "hazards.error.source");
        }
        if (h.sourceRef() != null && h.sourceRef().length() > 200) {
            errors.put("sourceRef", "hazards.error.sourceRef");
        }
        if (notifiedAt.isAfter(now.plus(Duration.ofMinutes(5)))) {
            errors.put("notifiedAt", "hazards.error.notifiedAtFuture");
        }
        // A15 and issue 17 point 13: nothing is due under the Measures before they took effect (the duty generator's rule too)
        if (notifiedAt.isBefore(catalog.version().validFrom().atStartOfDay(WorkingCalendar.ZONE).toInstant())) {
            errors.put("notifiedAt", "hazards.error.notifiedAtBeforeMeasures");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("hazards.error.invalid", errors);
        }
    }

    /** Issue 17 point 4: the catalog's conditions may test the hazard's severity and the system's level, data grade and 关基 flag. */
    private Map<String, Object> facts(NewHazard h, Systems.SystemRef system, Instant notifiedAt) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("severity", h.severity().name());
        facts.put("cii", systems.criticalInfrastructure(system.id()));
        SystemDataGrades grades = dataGrades.getIfAvailable();
        facts.put("dataGrade", grades == null ? "general" : grades.gradeOf(system.id()));
        // A4 (第四条（二）): inside a 实网攻防 or 重保 period the unit takes part in, the catalog's shorter acknowledgement clock applies
        cn.govcloud.guard.hazards.HeightenedPeriods heightened = periods.getIfAvailable();
        facts.put("period", heightened == null ? cn.govcloud.guard.hazards.HeightenedPeriods.NONE : heightened.periodAt(system.orgId(), notifiedAt));
        return facts;
    }
}
