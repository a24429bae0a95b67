package cn.govcloud.guard.supervision.assessment;

import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.shared.Actor;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The annual assessment over the API (A12), with the pages' authorisation: the ranking with every
 * item's figures, one unit's items with the records behind them, and the supervisor's finalising.
 * A year before the platform's records or in the future is a 400 problem.
 */
@RestController
@RequestMapping("/api/v1/assessments")
class AssessmentApiController {
    private final AssessmentService assessments;

    AssessmentApiController(AssessmentService assessments) {
        this.assessments = assessments;
    }

    @GetMapping("/{year}")
    @AllowParties
    Map<String, Object> ranking(@PathVariable int year) {
        return json(assessments.visibleTo(Actor.require(), year));
    }

    @GetMapping("/{year}/units/{orgId}")
    @AllowOversightAndUnits
    Map<String, Object> unit(@PathVariable int year, @PathVariable long orgId) {
        UnitAssessment a = assessments.unit(Actor.require(), year, orgId);
        Map<String, Object> body = unit(a.unit());
        body.put("year", year);
        body.put("catalogVersion", a.ranking().catalogVersion());
        body.put("finalised", a.ranking().finalised());
        body.put("records", a.records());
        return body;
    }

    @PostMapping("/{year}/finalisation")
    @AllowSupervisor
    Map<String, Object> finalise(@PathVariable int year) {
        AssessmentService.Finalised done = assessments.finalise(year);
        Map<String, Object> body = json(done.ranking());
        body.put("dutiesFiled", done.dutiesFiled());
        return body;
    }

    static Map<String, Object> json(Ranking r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("year", r.year());
        body.put("catalogVersion", r.catalogVersion());
        body.put("weights", r.weights());
        body.put("finalised", r.finalised());
        body.put("finalisedAt", r.finalisedAt());
        body.put("finalisedBy", r.finalisedBy());
        body.put("computedAt", r.computedAt());
        body.put("units", r.units().stream().map(AssessmentApiController::unit).toList());
        body.put("providers", r.providers());
        return body;
    }

    static Map<String, Object> unit(UnitScore u) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orgId", u.orgId());
        body.put("orgName", u.orgName());
        body.put("rank", u.rank());
        body.put("total", u.total());
        body.put("previousTotal", u.previousTotal());
        body.put("previousRank", u.previousRank());
        body.put("delta", u.delta());
        body.put("items", u.items().stream().map(AssessmentApiController::item).toList());
        return body;
    }

    static Map<String, Object> item(ItemScore i) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", i.itemId());
        body.put("kind", i.kind());
        body.put("title", i.title());
        body.put("weight", i.weight());
        body.put("numerator", i.numerator());
        body.put("denominator", i.denominator());
        BigDecimal rate = i.ratePercent();
        body.put("ratePercent", rate);
        body.put("deduction", i.deduction());
        body.put("detail", i.detail());
        body.put("score", i.score());
        body.put("empty", i.empty());
        body.put("formula", i.formula());
        body.put("overridden", List.copyOf(i.overridden()));
        return body;
    }
}
