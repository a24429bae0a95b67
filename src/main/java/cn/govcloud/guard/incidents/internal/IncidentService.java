package cn.govcloud.guard.incidents.internal;

import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.incidents.Incidents;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Page;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The incidents module's entrance (A10.4 platform, A10.5 systems) for its pages, its API and the other modules
 * ({@link Incidents}): recording ({@link IncidentRecording}), the reports ({@link IncidentReporting}), grade changes,
 * resolution and cooperation ({@link IncidentHandling}) and the reads ({@link IncidentQueries}). The signed-in actor is
 * resolved here and handed to the use cases; the {@link Incident} aggregate guards the transitions.
 */
@Service
public class IncidentService implements Incidents {

    /** A report as the responsible party files it; which fields are needed depends on the kind. */
    public record NewReport(String kind, String summary, String measures, Boolean contained, String rootCause, String timeline,
                            String lessons, String reporter) {
    }

    private final IncidentRecording recording;
    private final IncidentReporting reporting;
    private final IncidentHandling handling;
    private final IncidentQueries queries;
    private final DrillService drills;

    IncidentService(IncidentRecording recording, IncidentReporting reporting, IncidentHandling handling, IncidentQueries queries,
                    DrillService drills) {
        this.recording = recording;
        this.reporting = reporting;
        this.handling = handling;
        this.queries = queries;
        this.drills = drills;
    }

    // ---- changes (as the signed-in actor) ------------------------------------------------------

    @Override
    public Reported report(NewIncident incident) {
        return recording.record(incident, Actor.require());
    }

    public IncidentReport submitReport(long id, NewReport report) {
        return reporting.submit(id, report, Actor.require());
    }

    public void acknowledge(long id, long reportId) {
        reporting.acknowledge(id, reportId, Actor.require());
    }

    public void resolve(long id, String note) {
        handling.resolve(id, note, Actor.require());
    }

    public void changeGrade(long id, String grade, String reason) {
        handling.changeGrade(id, grade, reason, Actor.require());
    }

    public void cooperate(long id, String note) {
        handling.cooperate(id, note, Actor.require());
    }

    @Override
    public long recordDrill(NewDrill drill, String reportFilename, InputStream report) {
        return drills.record(drill, List.of(), reportFilename, report).id();
    }

    // ---- reads ---------------------------------------------------------------------------------

    /** One page of the list with its search and filters (A10.4/A10.5, issue 23 point 11), newest first. */
    public Page<Incident> page(Actor actor, IncidentFilter filter, int page, int size) {
        return queries.page(actor, filter, page, size);
    }

    public Optional<Incident> find(long id, Actor actor) {
        return queries.find(id, actor);
    }

    public Incident visible(long id, Actor actor) {
        return queries.visible(id, actor);
    }

    public boolean mayAct(Incident incident, Actor actor) {
        return incident.actingFor(actor);
    }

    public boolean hasCooperationTask(Incident incident, Actor actor) {
        return queries.hasCooperationTask(incident, actor);
    }

    @Override
    public List<ReportClock> runningClocks(Actor actor) {
        return queries.runningClocks(actor);
    }

    public List<TimelineEntry> timeline(long id) {
        return queries.timeline(id);
    }

    public List<GradeChange> gradeChanges(long id) {
        return queries.gradeChanges(id);
    }

    public List<IncidentReport> reports(long incidentId) {
        return queries.reports(incidentId);
    }

    public Optional<IncidentReport> report(long reportId) {
        return queries.report(reportId);
    }

    /** The duties this incident raised (initial, progress and final reports), by due time. */
    public List<Duty> dutiesOf(Incident incident) {
        return queries.dutiesOf(incident);
    }
}
