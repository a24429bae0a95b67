package cn.govcloud.guard.supervision.assessment;

import cn.govcloud.guard.shared.AllowOversightAndUnits;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.AllowSupervisor;
import cn.govcloud.guard.shared.Actor;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.math.BigDecimal;
import java.time.Instant;
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
    RankingJson ranking(@PathVariable int year) {
        return RankingJson.of(assessments.visibleTo(Actor.require(), year));
    }

    @GetMapping("/{year}/units/{orgId}")
    @AllowOversightAndUnits
    UnitAssessmentJson unit(@PathVariable int year, @PathVariable long orgId) {
        UnitAssessment a = assessments.unit(Actor.require(), year, orgId);
        return new UnitAssessmentJson(UnitJson.of(a.unit()), year, a.ranking().catalogVersion(), a.ranking().finalised(), a.records());
    }

    /** Why the year is finalised (issue 23 point 8: required, written to the audit record). */
    record Finalisation(String reason) {
    }

    @PostMapping("/{year}/finalisation")
    @AllowSupervisor
    FinalisedJson finalise(@PathVariable int year, @org.springframework.web.bind.annotation.RequestBody(required = false) Finalisation body) {
        AssessmentService.Finalised done = assessments.finalise(year, body == null ? null : body.reason());
        return new FinalisedJson(RankingJson.of(done.ranking()), done.dutiesFiled());
    }

    /** The ranking with every unit's items and the provider's record. */
    record RankingJson(int year, String catalogVersion, String weights, boolean finalised, Instant finalisedAt, String finalisedBy,
                       Instant computedAt, List<UnitJson> units, List<ProviderRecord> providers) {

        static RankingJson of(Ranking r) {
            return new RankingJson(r.year(), r.catalogVersion(), r.weights(), r.finalised(), r.finalisedAt(), r.finalisedBy(),
                    r.computedAt(), r.units().stream().map(UnitJson::of).toList(), r.providers());
        }
    }

    /** The finalised ranking and how many assessment duties it filed. */
    record FinalisedJson(@JsonUnwrapped RankingJson ranking, int dutiesFiled) {
    }

    /** One unit's items with the records behind each. */
    record UnitAssessmentJson(@JsonUnwrapped UnitJson unit, int year, String catalogVersion, boolean finalised,
                              Map<String, List<Evidence>> records) {
    }

    record UnitJson(long orgId, String orgName, int rank, BigDecimal total, BigDecimal previousTotal, Integer previousRank, BigDecimal delta,
                    List<ItemJson> items) {

        static UnitJson of(UnitScore u) {
            return new UnitJson(u.orgId(), u.orgName(), u.rank(), u.total(), u.previousTotal(), u.previousRank(), u.delta(),
                    u.items().stream().map(ItemJson::of).toList());
        }
    }

    /** One item's figures, rate, deduction and score, with the formula that gives them and what a district overlay changed. */
    record ItemJson(String id, String kind, String title, int weight, long numerator, long denominator, BigDecimal ratePercent,
                    BigDecimal deduction, String detail, BigDecimal score, boolean empty, String formula, List<String> overridden) {

        static ItemJson of(ItemScore i) {
            return new ItemJson(i.itemId(), i.kind(), i.title(), i.weight(), i.numerator(), i.denominator(), i.ratePercent(), i.deduction(),
                    i.detail(), i.score(), i.empty(), i.formula(), List.copyOf(i.overridden()));
        }
    }
}
