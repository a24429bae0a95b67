package cn.govcloud.guard.hazards.web;

import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.hazards.internal.HazardRetests.Retest;
import cn.govcloud.guard.hazards.internal.HazardQueries;
import cn.govcloud.guard.hazards.internal.Verification;
import cn.govcloud.guard.hazards.internal.HazardService.HazardView;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Re-test (复测) of a hazard's rectification (A10.2, issue 17 point 4): the warner records who tested,
 * when and the result; when the catalog's {@code A10.2-retest-required} asks it, closing waits for a
 * passed re-test of the current feedback (409 naming A10.2 otherwise).
 */
@RestController
@RequestMapping("/api/v1/hazards/{id}/retests")
@AllowParties
class HazardRetestApiController {
    private final HazardQueries hazards;
    private final Verification verification;

    HazardRetestApiController(HazardQueries hazards, Verification verification) {
        this.hazards = hazards;
        this.verification = verification;
    }

    /** {@code {"required": bool, "items": [...]}} for whoever may see the hazard. */
    @GetMapping
    Map<String, Object> list(@PathVariable long id) {
        HazardView v = hazards.visible(id, Actor.require());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("required", v.open() && hazards.retestRequired(v));
        m.put("items", hazards.retests(id).stream().map(HazardRetestApiController::json).toList());
        return m;
    }

    /** {@code {"testedBy", "testedAt": instant, "result": "PASS"|"FAIL", "note"?}} by the warner while the feedback awaits verification. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @AllowOversightAndProvider
    Map<String, Object> record(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        Map<String, String> errors = new LinkedHashMap<>();
        Instant testedAt = HazardApiController.instant("testedAt", HazardApiController.string(b.get("testedAt")), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput("hazards.error.invalid", errors);
        }
        return json(verification.retest(id, HazardApiController.string(b.get("testedBy")), testedAt, HazardApiController.string(b.get("result")),
                HazardApiController.string(b.get("note")), Actor.require()));
    }

    static Map<String, Object> json(Retest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("feedbackId", r.feedbackId());
        m.put("testedBy", r.testedBy());
        m.put("testedAt", r.testedAt());
        m.put("result", r.result());
        m.put("note", r.note());
        m.put("recordedBy", r.recordedBy());
        m.put("recordedAt", r.recordedAt());
        return m;
    }
}
