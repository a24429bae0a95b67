package cn.govcloud.guard.incidents.internal;

import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.incidents.Incidents.ReportClock;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.systems.Systems;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the pages and the API read of incidents, scoped to the actor (A10.4/A10.5); nothing here writes. */
@Service
class IncidentQueries {
    private final IncidentRepository incidents;
    private final IncidentReports reports;
    private final IncidentClocks clocks;
    private final Systems systems;
    private final OrganisationDirectory organisations;

    IncidentQueries(IncidentRepository incidents, IncidentReports reports, IncidentClocks clocks, Systems systems,
                    OrganisationDirectory organisations) {
        this.organisations = organisations;
        this.incidents = incidents;
        this.reports = reports;
        this.clocks = clocks;
        this.systems = systems;
    }

    /** One page of the list; the keyword also finds the incidents of systems and units whose name holds it. */
    @Transactional(readOnly = true)
    Page<Incident> page(Actor actor, IncidentFilter f, int page, int size) {
        List<Long> qSystems = List.of();
        List<Long> qUnits = List.of();
        if (f.q() != null) {
            String needle = f.q().toLowerCase(java.util.Locale.ROOT);
            qSystems = systems.onPlatform().stream().filter(s -> s.name().toLowerCase(java.util.Locale.ROOT).contains(needle))
                    .map(Systems.SystemRef::id).toList();
            qUnits = organisations.all().stream().filter(o -> o.name().toLowerCase(java.util.Locale.ROOT).contains(needle))
                    .map(o -> o.id()).toList();
        }
        Page<Incident> p = incidents.page(actor, f, qSystems, qUnits, page, size);
        return new Page<>(withSystemNames(p.rows()), p.total(), p.page(), p.size());
    }

    @Transactional(readOnly = true)
    Optional<Incident> find(long id, Actor actor) {
        return withSystemNames(incidents.find(id, actor).stream().toList()).stream().findFirst();
    }

    @Transactional(readOnly = true)
    Incident visible(long id, Actor actor) {
        return find(id, actor).orElseThrow(() -> new NotFound("incident " + id));
    }

    /**
     * Visible (else 404) and the actor acts for the responsible organisation (else 409 naming the article), read again
     * under a lock that serialises concurrent changes of one incident. Runs in the caller's transaction.
     */
    Incident responsible(long id, Actor actor) {
        visible(id, actor).requireResponsible(actor);
        incidents.lock(id);
        return find(id, actor).orElseThrow();
    }

    boolean hasCooperationTask(Incident incident, Actor actor) {
        return actor.orgKind() == cn.govcloud.guard.shared.OrgKind.PROVIDER && incidents.hasCooperationTask(incident.id(), actor.orgId());
    }

    @Transactional(readOnly = true)
    List<ReportClock> runningClocks(Actor actor) {
        return incidents.withReportDue(actor.orgId()).stream().filter(Incident::clockRunning)
                .map(i -> new ReportClock(i.id(), i.title(), i.grade(), i.reportDueAt())).toList();
    }

    @Transactional(readOnly = true)
    List<TimelineEntry> timeline(long id) {
        return incidents.timeline(id);
    }

    @Transactional(readOnly = true)
    List<GradeChange> gradeChanges(long id) {
        return incidents.gradeChanges(id);
    }

    @Transactional(readOnly = true)
    List<IncidentReport> reports(long incidentId) {
        return reports.ofIncident(incidentId);
    }

    @Transactional(readOnly = true)
    Optional<IncidentReport> report(long reportId) {
        return reports.find(reportId);
    }

    @Transactional(readOnly = true)
    List<Duty> dutiesOf(Incident incident) {
        return clocks.dutiesOf(incident);
    }

    private List<Incident> withSystemNames(List<Incident> rows) {
        List<Long> ids = rows.stream().map(Incident::systemId).filter(Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return rows;
        }
        Map<Long, String> names = new HashMap<>();
        systems.find(ids).forEach(s -> names.put(s.id(), s.name()));
        return rows.stream().map(i -> i.systemId() == null ? i : i.withSystemName(names.get(i.systemId()))).toList();
    }
}
