package cn.govcloud.guard.supervision.assessment;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The annual assessment of the units (A12) as each reader may see it. A year is computed on read
 * from the recorded data until the supervisor finalises it; from then on everybody sees the
 * finalised snapshot (what the regulators received), and finalising again replaces it.
 * The supervisor and the regulators see every unit; a unit only its own line; the provider only its own record.
 */
@Service
public class AssessmentService {
    static final String DUTY_RULE = "A12-annual-assessment";
    /** The platform's records start with the Measures (2025-12-16); earlier years have nothing to assess. */
    static final int FIRST_YEAR = 2025;

    private final AssessmentComputation computation;
    private final AssessmentSnapshots snapshots;
    private final Duties duties;
    private final AuditLog audit;
    private final Clock clock;

    AssessmentService(AssessmentComputation computation, AssessmentSnapshots snapshots, Duties duties, AuditLog audit, Clock clock) {
        this.computation = computation;
        this.snapshots = snapshots;
        this.duties = duties;
        this.audit = audit;
        this.clock = clock;
    }

    public int currentYear() {
        return LocalDate.ofInstant(clock.instant(), AssessmentComputation.ZONE).getYear();
    }

    /** @throws InvalidInput for a year before the platform's records or after this one */
    public void checkYear(int year) {
        if (year < FIRST_YEAR || year > currentYear()) {
            throw new InvalidInput("assessment.error.year", Map.of("year", "assessment.error.year"));
        }
    }

    /** Every unit, ranked, with last year's total and rank; the snapshot once finalised. Unscoped. */
    @Transactional(readOnly = true)
    public Ranking ranking(int year) {
        checkYear(year);
        Ranking ranking = year(year, clock.instant());
        Map<Long, UnitScore> previous = new HashMap<>();
        if (year > FIRST_YEAR) {
            year(year - 1, clock.instant()).units().stream().filter(UnitScore::hasData).forEach(u -> previous.put(u.orgId(), u));
        }
        return ranking.only(ranking.units().stream().map(u -> {
            UnitScore last = previous.get(u.orgId());
            return last == null ? u : u.withPrevious(last.total(), last.rank());
        }).toList(), ranking.providers());
    }

    /** A finalised year's snapshot (the units' scores are not recomputed), else the live figures. */
    private Ranking year(int year, Instant now) {
        if (snapshots.finalised(year)) {
            return snapshots.find(year, computation.providers(year, now)).orElseThrow();
        }
        return computation.compute(year, now);
    }

    /** The ranking as the actor may see it. */
    @Transactional(readOnly = true)
    public Ranking visibleTo(Actor actor, int year) {
        Ranking all = ranking(year);
        if (seesAll(actor)) {
            return all;
        }
        if (actor.orgKind() == OrgKind.UNIT) {
            return all.only(all.unit(actor.orgId()).map(List::of).orElse(List.of()), List.of());
        }
        if (actor.orgKind() == OrgKind.PROVIDER) {
            // its own record, and of the city's serious incidents only those it is responsible for (the platform's):
            // the units' incidents stay with the units and the overseers (A8.1)
            return all.only(List.of(), all.providers().stream().filter(p -> p.orgId() == actor.orgId())
                    .map(p -> new ProviderRecord(p.orgId(), p.orgName(), p.dutiesDue(), p.dutiesOnTime(),
                            p.incidents().stream().filter(i -> i.orgId() == actor.orgId()).toList()))
                    .toList());
        }
        return all.only(List.of(), List.of());
    }

    /** One unit's items with the records behind them; another unit's → 404 for a unit user. */
    @Transactional(readOnly = true)
    public UnitAssessment unit(Actor actor, int year, long orgId) {
        checkYear(year);
        if (!seesAll(actor) && !(actor.orgKind() == OrgKind.UNIT && actor.orgId() == orgId)) {
            throw new NotFound("assessment unit " + orgId);
        }
        Ranking ranking = ranking(year);
        UnitScore unit = ranking.unit(orgId).orElseThrow(() -> new NotFound("assessment unit " + orgId));
        return new UnitAssessment(ranking.only(List.of(unit), List.of()), unit, computation.records(orgId, year, clock.instant()));
    }

    public static boolean seesAll(Actor actor) {
        return actor.has(Role.SUPERVISOR) || actor.has(Role.REGULATOR);
    }

    public static boolean mayFinalise(Actor actor) {
        return actor.orgKind() == OrgKind.SUPERVISOR && actor.has(Role.SUPERVISOR);
    }

    /** What finalising did: units stored, A12 duties filed. */
    public record Finalised(Ranking ranking, int units, int dutiesFiled) {
    }

    /**
     * The supervisor finalises a year from the live figures: stores the snapshot with the catalog
     * version and weights, files each unit's {@code A12-annual-assessment} duty for the year where one
     * is open, and audits it.
     */
    @Transactional
    public Finalised finalise(int year, String reason) {
        Actor actor = Actor.require();
        if (!mayFinalise(actor)) {
            throw new AccessDeniedException("only the supervisor finalises the annual assessment (A12)");
        }
        checkYear(year);
        // issue 23 point 8: finalising files every unit's A12 duty — a reason is required and written to the audit record
        if (reason == null || reason.isBlank()) {
            throw new cn.govcloud.guard.shared.InvalidInput("assessment.error.reason", java.util.Map.of("reason", "assessment.error.reason"));
        }
        Instant now = clock.instant();
        Ranking live = computation.compute(year, now);
        snapshots.store(live, now, actor.username());
        int filed = 0;
        // the year's A12 duties of every unit in one query (a unit's latest duties may not reach back to January)
        Map<Long, Duty> open = new HashMap<>();
        duties.ofRuleAndPeriod(DUTY_RULE, LocalDate.of(year, 1, 1)).stream()
                .filter(d -> d.subjectKind() == SubjectKind.UNIT && d.state().awaitsSubmission())
                .forEach(d -> open.putIfAbsent(d.subjectId(), d));
        for (UnitScore unit : live.units()) {
            Duty duty = open.get(unit.orgId());
            if (duty != null) {
                duties.submit(duty.id(), fields(unit));
                filed++;
            }
        }
        audit.record(AuditEvent.success("supervision.assessment.finalise", "assessment:" + year,
                live.units().size() + " units; catalog " + live.catalogVersion() + "; weights " + live.weights() + "; " + filed + " A12 duties filed; reason: " + reason.strip()));
        return new Finalised(ranking(year), live.units().size(), filed);
    }

    /** The catalog's form of {@code A12-annual-assessment}: responsibilityScore, rectificationRate, incidents, totalScore. */
    static Map<String, String> fields(UnitScore unit) {
        BigDecimal responsibility = unit.items().stream().filter(i -> i.kind().equals("DUTIES")).map(ItemScore::score)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal rate = unit.items().stream().filter(i -> i.kind().equals("HAZARDS")).findFirst()
                .map(i -> i.ratePercent() == null ? BigDecimal.valueOf(100) : i.ratePercent()).orElse(BigDecimal.valueOf(100));
        long incidents = unit.items().stream().filter(ItemScore::incidents).mapToLong(ItemScore::numerator).sum();
        return Map.of("responsibilityScore", responsibility.toPlainString(), "rectificationRate", rate.toPlainString(),
                "incidents", String.valueOf(incidents), "totalScore", unit.total().toPlainString(),
                "remarks", "由平台按规则目录考核模型计算并定稿（第 " + unit.rank() + " 名）");
    }
}
