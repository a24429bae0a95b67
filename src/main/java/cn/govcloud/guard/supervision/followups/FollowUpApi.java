package cn.govcloud.guard.supervision.followups;

import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.supervision.followups.InspectionFollowUps.FollowUp;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Issue 17 point 11: the daily inspection's hazard and incident drafts, and the supervisor's follow-up. */
@RestController
@RequestMapping("/api/v1/supervision/inspection-follow-ups")
@AllowOversightAndProvider
class FollowUpApi {
    private final InspectionFollowUps followUps;

    FollowUpApi(InspectionFollowUps followUps) {
        this.followUps = followUps;
    }

    @GetMapping
    List<FollowUp> list(@RequestParam(defaultValue = "false") boolean open) {
        return followUps.list(Actor.require(), open);
    }

    /** {@code {"systemId", "severity": "CRITICAL"|"HIGH"|"MEDIUM"|"LOW", "title"?}}: raises the hazard notice (A11.3). */
    @PostMapping("/{id}/hazard")
    @AllowSupervisor
    FollowUp hazard(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        Long systemId = null;
        if (b.get("systemId") instanceof Number n) {
            systemId = n.longValue();
        } else if (b.get("systemId") != null) {
            throw new InvalidInput("followups.error.invalid", Map.of("systemId", "followups.error.systemId"));
        }
        return followUps.raiseHazard(id, systemId, text(b.get("severity")), text(b.get("title")));
    }

    /** {@code {"note"?}}: asks the provider for the incident report (A10.4). */
    @PostMapping("/{id}/incident-request")
    @AllowSupervisor
    FollowUp incident(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
        return followUps.requestIncident(id, body == null ? null : text(body.get("note")));
    }

    /** {@code {"reason"}}. */
    @PostMapping("/{id}/dismissal")
    @AllowSupervisor
    FollowUp dismiss(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
        return followUps.dismiss(id, body == null ? null : text(body.get("reason")));
    }

    private static String text(Object o) {
        return o instanceof String s ? s : null;
    }
}
