package cn.govcloud.guard.hazards.web;

import cn.govcloud.guard.shared.AllowOversightAndProvider;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.hazards.internal.HazardQueries;
import cn.govcloud.guard.hazards.internal.HazardVerification;
import cn.govcloud.guard.hazards.internal.HazardService.HazardView;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.hazards.web.HazardDto.RetestBody;
import cn.govcloud.guard.hazards.web.HazardDto.RetestJson;
import cn.govcloud.guard.hazards.web.HazardDto.Retests;
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
    private final HazardVerification verification;

    HazardRetestApiController(HazardQueries hazards, HazardVerification verification) {
        this.hazards = hazards;
        this.verification = verification;
    }

    /** {@code {"required": bool, "items": [...]}} for whoever may see the hazard. */
    @GetMapping
    Retests list(@PathVariable long id) {
        HazardView v = hazards.visible(id, Actor.require());
        return new Retests(v.open() && hazards.retestRequired(v), hazards.retests(id).stream().map(RetestJson::of).toList());
    }

    /** {@code {"testedBy", "testedAt": instant, "result": "PASS"|"FAIL", "note"?}} by the warner while the feedback awaits verification. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @AllowOversightAndProvider
    RetestJson record(@PathVariable long id, @RequestBody(required = false) RetestBody body) {
        RetestBody b = body == null ? new RetestBody(null, null, null, null) : body;
        return RetestJson.of(verification.retest(id, b.testedBy(), b.testedAt() == null ? null : b.testedAt().toInstant(), b.result(), b.note(),
                Actor.require()));
    }
}
