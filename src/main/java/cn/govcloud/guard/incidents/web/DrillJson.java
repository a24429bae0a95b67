package cn.govcloud.guard.incidents.web;

import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.incidents.internal.DrillService.Drill;
import cn.govcloud.guard.incidents.internal.DrillService.Finding;
import cn.govcloud.guard.incidents.internal.DrillService.HalfYear;
import cn.govcloud.guard.incidents.internal.DrillService.Participant;
import cn.govcloud.guard.incidents.internal.PlanService.Plan;
import cn.govcloud.guard.incidents.internal.PlanService.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A drill (A10.3) as {@code /api/v1/drills} answers it. */
record DrillJson(long id, long orgId, LocalDate drillDate, String title, boolean networkAttack, boolean dataLeak, boolean systemFailure,
                 boolean drSwitchover, boolean comprehensive, List<String> missingScenarios, String summary, String organiser,
                 List<Participant> participants, List<Finding> findings, Long dutyId, String report, Instant recordedAt) {

    static DrillJson of(Drill d) {
        return new DrillJson(d.id(), d.orgId(), d.drillDate(), d.title(), d.networkAttack(), d.dataLeak(), d.systemFailure(),
                d.drSwitchover(), d.comprehensive(), d.missingScenarios(), d.summary(), d.organiser(), d.participants(), d.findings(),
                d.dutyId(), "/api/v1/drills/" + d.id() + "/report", d.recordedAt());
    }
}

/** One half-year of the provider's comprehensive drills (A10.3): DONE, DUE or OVERDUE. */
record HalfYearJson(String period, LocalDate start, LocalDate end, String status, Long drillId, Long dutyId, DutyState dutyState) {

    static HalfYearJson of(HalfYear h) {
        return new HalfYearJson(h.label(), h.start(), h.end(), h.status(), h.drillId(), h.duty() == null ? null : h.duty().id(),
                h.duty() == null ? null : h.duty().state());
    }
}

/** One line of the emergency plans' compliance list (A10.3): the platform or a system with its plan in force. */
record PlanRowJson(String kind, long orgId, String orgName, Long systemId, String name, boolean compliant, PlanJson current, int versions) {

    static PlanRowJson of(Row r) {
        return new PlanRowJson(r.kind(), r.orgId(), r.orgName(), r.systemId(), r.name(), r.compliant(),
                r.current() == null ? null : PlanJson.of(r.current()), r.versions().size());
    }
}

/** One version of an emergency plan with the link to its document. */
record PlanJson(long id, long orgId, Long systemId, String version, String title, String filename, String approvedBy, LocalDate approvedOn,
                LocalDate effectiveOn, LocalDate nextRevisionOn, String changes, Long reviewDutyId, Instant recordedAt, String document) {

    static PlanJson of(Plan p) {
        return new PlanJson(p.id(), p.orgId(), p.systemId(), p.version(), p.title(), p.filename(), p.approvedBy(), p.approvedOn(),
                p.effectiveOn(), p.nextRevisionOn(), p.changes(), p.dutyId(), p.recordedAt(), "/api/v1/emergency-plans/" + p.id() + "/document");
    }
}
