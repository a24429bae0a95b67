package cn.govcloud.guard.systems.web;

import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.systems.internal.CriticalInfrastructure;
import cn.govcloud.guard.systems.internal.SystemQueries;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 17 point 4: whether a system is critical information infrastructure (关基) and its protection department
 * (保护工作部门). Everybody who may read the system reads it; only the supervisor records it, as the protection
 * department identified it.
 */
@RestController
@RequestMapping("/api/v1/systems/{id}/critical-infrastructure")
class CriticalInfrastructureApiController {
    private final SystemQueries systems;
    private final CriticalInfrastructure cii;

    CriticalInfrastructureApiController(SystemQueries systems, CriticalInfrastructure cii) {
        this.systems = systems;
        this.cii = cii;
    }

    record Body(Boolean criticalInfrastructure, String protectionDepartment) {
    }

    record Answer(long systemId, boolean criticalInfrastructure, String protectionDepartment, Instant recordedAt, String recordedBy) {
        static Answer of(long id, CriticalInfrastructure.Status s) {
            return new Answer(id, s.cii(), s.department(), s.recordedAt(), s.recordedBy());
        }
    }

    @GetMapping
    @AllowParties
    Answer get(@PathVariable long id) {
        systems.readable(id, Actor.require()); // 404 for a system the reader may not see
        return Answer.of(id, cii.of(id));
    }

    @PutMapping
    @AllowSupervisor
    Answer put(@PathVariable long id, @RequestBody Body body) {
        Actor actor = Actor.require();
        systems.readable(id, actor);
        return Answer.of(id, cii.record(id, body.criticalInfrastructure(), body.protectionDepartment(), actor));
    }
}
