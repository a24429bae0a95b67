package cn.govcloud.guard.systems.web;

import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.shared.AllowUnitPeople;
import cn.govcloud.guard.systems.internal.ExposureChanges;
import cn.govcloud.guard.systems.internal.ExposureChanges.ExposureChange;
import cn.govcloud.guard.systems.internal.HostedSystem.Exposure;
import cn.govcloud.guard.systems.internal.SystemQueries;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 23 point 8 (leftover): after the draft, a change of a system's declared exposure is the unit's request and the
 * supervisor's decision (A11.2).
 */
@RestController
class ExposureChangeApiController {
    private final SystemQueries systems;
    private final ExposureChanges changes;

    ExposureChangeApiController(SystemQueries systems, ExposureChanges changes) {
        this.systems = systems;
        this.changes = changes;
    }

    record ChangeRequest(List<String> exposure, String reason) {
    }

    record Decision(Boolean approve, String note) {
    }

    record ExposureChangeJson(long id, long systemId, Set<Exposure> exposure, Set<Exposure> previousExposure, String reason, String state,
                              Instant requestedAt, String requestedBy, Instant decidedAt, String decidedBy, String decisionNote) {
        static ExposureChangeJson of(ExposureChange c) {
            return new ExposureChangeJson(c.id(), c.systemId(), c.exposure(), c.previousExposure(), c.reason(), c.state().name(),
                    c.requestedAt(), c.requestedBy(), c.decidedAt(), c.decidedBy(), c.decisionNote());
        }
    }

    @GetMapping("/api/v1/systems/{id}/exposure-changes")
    @AllowOversightAndUnits
    List<ExposureChangeJson> list(@PathVariable long id) {
        systems.visible(id, Actor.require());
        return changes.of(id).stream().map(ExposureChangeJson::of).toList();
    }

    @PostMapping("/api/v1/systems/{id}/exposure-changes")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowUnitPeople
    ExposureChangeJson request(@PathVariable long id, @RequestBody(required = false) ChangeRequest body) {
        ChangeRequest b = body == null ? new ChangeRequest(null, null) : body;
        return ExposureChangeJson.of(changes.request(id, b.exposure(), b.reason(), Actor.require()));
    }

    /** {@code approve} true or false; a rejection needs a {@code note}. */
    @PostMapping("/api/v1/systems/{id}/exposure-changes/{changeId}/decision")
    @AllowSupervisor
    ExposureChangeJson decide(@PathVariable long id, @PathVariable long changeId, @RequestBody(required = false) Decision body) {
        Decision b = body == null ? new Decision(null, null) : body;
        if (b.approve() == null) {
            throw new cn.govcloud.guard.shared.InvalidInput("systems.error.invalid", java.util.Map.of("approve", "systems.exposureChange.error.approve"));
        }
        return ExposureChangeJson.of(changes.decide(id, changeId, b.approve(), b.note(), Actor.require()));
    }
}
