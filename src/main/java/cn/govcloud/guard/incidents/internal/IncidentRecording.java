package cn.govcloud.guard.incidents.internal;

import static cn.govcloud.guard.incidents.internal.Values.blank;
import static cn.govcloud.guard.incidents.internal.Values.nz;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.incidents.Incidents.Criteria;
import cn.govcloud.guard.incidents.Incidents.NewIncident;
import cn.govcloud.guard.incidents.Incidents.Reported;
import cn.govcloud.guard.notify.Inbox;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.TimeConfiguration;
import cn.govcloud.guard.shared.Unprocessable;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.Systems.SystemRef;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recording an incident (A10.4 platform by the provider, A10.5 a system by its unit) with the national classification,
 * the grade the reporter confirms and the one the criteria suggest; for I–III the initial-report clock starts at the
 * confirmation, and on a system's incident the provider gets a cooperation task (云服务商须全力配合).
 */
@Service
class IncidentRecording {
    /** Clock skew allowed for an outside tool's confirmation time. */
    private static final Duration SKEW = Duration.ofMinutes(1);

    private final IncidentRepository incidents;
    private final IncidentClocks clocks;
    private final Systems systems;
    private final OrganisationDirectory organisations;
    private final Inbox inbox;
    private final AuditLog audit;
    private final RuleCatalog catalog;
    private final Clock clock;

    IncidentRecording(IncidentRepository incidents, IncidentClocks clocks, Systems systems, OrganisationDirectory organisations,
                      Inbox inbox, AuditLog audit, RuleCatalog catalog, Clock clock) {
        this.incidents = incidents;
        this.clocks = clocks;
        this.systems = systems;
        this.organisations = organisations;
        this.inbox = inbox;
        this.audit = audit;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Transactional
    Reported record(NewIncident in, Actor actor) {
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
        SystemRef system = in.systemId() == null ? null : systems.find(in.systemId()).filter(s -> s.orgId() == actor.orgId())
                .orElseThrow(() -> new Unprocessable("incidents.error.foreignSystem"));
        String suggested = Grading.suggest(criteria, catalog);
        String title = blank(in.title()) ? category + " " + in.confirmedAt().atZone(TimeConfiguration.CITY_ZONE).toLocalDateTime()
                : in.title().strip();
        long id = incidents.insert(new IncidentRepository.NewRow(actor.orgId(), system == null ? null : system.id(), title, category,
                subType, grade, suggested, nz(in.description()), nz(in.impact()), criteria, discovered, in.confirmedAt(), now,
                actor.username()));
        incidents.event(id, discovered, "DETECTED", null, actor.username());
        incidents.event(id, in.confirmedAt(), "CONFIRMED", grade, actor.username());

        Instant dueAt = !Grading.reportable(grade) ? null
                : clocks.start(id, null, clocks.subject(actor.orgId(), actor.orgName(), system), in.confirmedAt(), grade);
        if (system != null) {
            // A10.5: the provider gets a cooperation task on every system incident (云服务商须全力配合)
            for (OrganisationView provider : organisations.ofKind(OrgKind.PROVIDER)) {
                incidents.cooperationOpened(id, provider.id(), now);
                inbox.deliver(new Notice("incident:" + id + ":cooperation:" + provider.id(), provider.id(), Set.of(Role.PROVIDER_OPERATOR),
                        "incidents.notice.cooperation", List.of(title, grade, system.name()), "/incidents/" + id, Notice.Severity.WARNING, now));
            }
        }
        audit.record(AuditEvent.success("incident.report", "incident:" + id, (system == null ? "platform" : "system:" + system.id())
                + " grade " + grade + " (suggested " + suggested + ") " + subType + " confirmed " + in.confirmedAt()
                + (dueAt == null ? "" : " initial report due " + dueAt)));
        return new Reported(id, grade, suggested, dueAt);
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
}
