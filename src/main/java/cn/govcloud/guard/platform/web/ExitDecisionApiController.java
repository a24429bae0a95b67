package cn.govcloud.guard.platform.web;

import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.platform.internal.ExitDecisions;
import cn.govcloud.guard.shared.InvalidInput;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A5.6 (issue 17 point 14): the supervisor accepts the provider's exit application or objects, with a reason. */
@RestController
class ExitDecisionApiController {
    private final ExitDecisions decisions;

    ExitDecisionApiController(ExitDecisions decisions) {
        this.decisions = decisions;
    }

    /** {@code {"accept": true|false, "reason"?}}; an objection needs a reason. */
    @PostMapping("/api/v1/platform/exits/{id}/decision")
    @AllowSupervisor
    Map<String, Object> decide(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
        Object accept = body == null ? null : body.get("accept");
        if (!(accept instanceof Boolean a)) {
            throw new InvalidInput("platform.exit.error.invalid", Map.of("accept", "platform.exit.decision.error.accept"));
        }
        Object reason = body.get("reason");
        return ExitApiController.json(decisions.decide(id, a, reason instanceof String r ? r : null));
    }
}
