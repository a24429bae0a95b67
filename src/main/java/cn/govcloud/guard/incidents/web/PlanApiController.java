package cn.govcloud.guard.incidents.web;

import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowProviderAndUnits;
import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.incidents.internal.PlanService;
import cn.govcloud.guard.incidents.internal.PlanService.NewPlan;
import cn.govcloud.guard.incidents.internal.PlanService.Plan;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** A10.3 emergency plans over the API: the list says, for the platform and each system, whether a plan is in force. */
@RestController
@RequestMapping("/api/v1/emergency-plans")
@AllowParties
class PlanApiController {
    private final PlanService plans;

    PlanApiController(PlanService plans) {
        this.plans = plans;
    }

    /**
     * Issue 23 point 11: optionally searched and filtered like the list page ({@code q}, {@code unit}, {@code state}
     * {@code inForce}/{@code missing}), at most {@code limit} rows (500 when not given); an unreadable value is a 400 naming it.
     */
    @GetMapping
    List<PlanRowJson> list(@RequestParam Map<String, String> params) {
        PlanListQuery query = ListLinks.api(params, p -> PlanListQuery.parse(p, PlanListQuery.API_MAX, PlanListQuery.API_MAX));
        return plans.search(Actor.require(), query.filter(), query.page(), query.size()).rows().stream().map(PlanRowJson::of).toList();
    }

    /** Multipart: the plan file in part {@code file}, the rest as fields. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @AllowProviderAndUnits
    PlanJson record(@RequestParam Map<String, String> form, @RequestParam(name = "file", required = false) MultipartFile file)
            throws IOException {
        boolean present = file != null && !file.isEmpty();
        return PlanJson.of(plans.record(plan(form), present ? file.getOriginalFilename() : null, present ? file.getInputStream() : null));
    }

    @GetMapping("/{id}/document")
    ResponseEntity<byte[]> document(@PathVariable long id) {
        Plan plan = plans.visible(id, Actor.require());
        return Downloads.attachment(plans.describe(plan).orElseThrow(() -> new NotFound("plan document " + id)), plans.content(plan));
    }

    static NewPlan plan(Map<String, String> form) {
        Map<String, String> errors = new LinkedHashMap<>();
        Long systemId = FormValues.number(form, "systemId", errors);
        NewPlan plan = new NewPlan(systemId, form.get("version"), form.get("title"), form.get("approvedBy"),
                FormValues.date(form, "approvedOn", errors), FormValues.date(form, "effectiveOn", errors), FormValues.date(form, "nextRevisionOn", errors), form.get("changes"));
        if (!errors.isEmpty()) {
            throw new InvalidInput("incidents.error.invalid", errors);
        }
        return plan;
    }
}
