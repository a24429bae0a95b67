package cn.govcloud.guard.platform.web;

import cn.govcloud.guard.platform.internal.ExitDecisions;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.shared.InvalidInput;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A5.6 (issue 17 point 14): the supervisor accepts the provider's exit application or objects, with a reason. */
@RestController
class ExitDecisionApiController {

    /** {@code accept} must be said; an objection needs a reason (the service names it, with the rule's message). */
    record DecisionBody(Boolean accept, String reason) {
    }

    private final ExitDecisions decisions;

    ExitDecisionApiController(ExitDecisions decisions) {
        this.decisions = decisions;
    }

    /** {@code {"accept": true|false, "reason"?}} → the exit as {@code GET /api/v1/platform/exits/{id}} shows it. */
    @PostMapping("/api/v1/platform/exits/{id}/decision")
    @AllowSupervisor
    ExitApiController.ExitView decide(@PathVariable long id, @RequestBody(required = false) DecisionBody body) {
        if (body == null || body.accept() == null) {
            throw new InvalidInput("platform.exit.error.invalid", Map.of("accept", "platform.exit.decision.error.accept"));
        }
        return ExitApiController.ExitView.of(decisions.decide(Actor.require(), id, body.accept(), body.reason()));
    }
}
