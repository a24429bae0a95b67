package cn.govcloud.guard.supervision.assessment;

import cn.govcloud.guard.duties.DutyOutcomes;
import cn.govcloud.guard.hazards.HazardOutcomes;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.incidents.IncidentOutcomes;
import cn.govcloud.guard.rules.AssessmentModel;
import cn.govcloud.guard.rules.AssessmentModel.Item;
import cn.govcloud.guard.rules.Rule.Party;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.systems.AdmissionOutcomes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Collator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes a year's assessment on read from what the other modules record (A12): one grouped query
 * per item across all units, so a city of hundreds of units costs a handful of queries; the
 * records behind one item of one unit are loaded only when someone opens it.
 */
@Component
@Transactional(readOnly = true)
class AssessmentComputation {
    static final ZoneId ZONE = cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE;
    /** A12: the provider answers for incidents of grade III and above. */
    static final List<String> PROVIDER_GRADES = List.of("I", "II", "III");
    static final Comparator<String> BY_NAME = Collator.getInstance(Locale.CHINA)::compare;

    private final RuleCatalog catalog;
    private final OrganisationDirectory organisations;
    private final DutyOutcomes duties;
    private final HazardOutcomes hazards;
    private final IncidentOutcomes incidents;
    private final AdmissionOutcomes admissions;

    AssessmentComputation(RuleCatalog catalog, OrganisationDirectory organisations, DutyOutcomes duties, HazardOutcomes hazards,
                          IncidentOutcomes incidents, AdmissionOutcomes admissions) {
        this.catalog = catalog;
        this.organisations = organisations;
        this.duties = duties;
        this.hazards = hazards;
        this.incidents = incidents;
        this.admissions = admissions;
    }

    /** Every unit's items and total, ranked by total (ties by name), with the provider's record. */
    Ranking compute(int year, Instant now) {
        AssessmentModel model = catalog.assessment();
        List<OrganisationView> units = organisations.ofKind(OrgKind.UNIT);
        Map<String, Map<Long, long[]>> figures = new LinkedHashMap<>();
        for (Item item : model.items()) {
            figures.put(item.id(), figures(item, year, now));
        }
        List<UnitScore> scores = new ArrayList<>();
        for (OrganisationView unit : units) {
            List<ItemScore> items = new ArrayList<>();
            for (Item item : model.items()) {
                items.add(score(item, figures.get(item.id()).getOrDefault(unit.id(), new long[8])));
            }
            scores.add(new UnitScore(unit.id(), unit.name(), items, total(items), 0, null, null));
        }
        return new Ranking(year, catalog.version().version(), weights(model), rank(scores), providers(year, now), now, null, null);
    }

    static List<UnitScore> rank(List<UnitScore> scores) {
        List<UnitScore> sorted = new ArrayList<>(scores);
        sorted.sort(Comparator.comparing(UnitScore::total).reversed().thenComparing(UnitScore::orgName, BY_NAME));
        List<UnitScore> ranked = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            ranked.add(sorted.get(i).withRank(i + 1));
        }
        return ranked;
    }

    static BigDecimal total(List<ItemScore> items) {
        return items.stream().map(ItemScore::score).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
    }

    /** {@code duties=40;hazards=30;incidents=20(I=20,II=10,III=5,IV=0,late=5,missing=10,concealed=20);admission=10} */
    static String weights(AssessmentModel model) {
        return model.items().stream().map(i -> i.id() + "=" + i.weight() + (i.deductions().isEmpty() ? ""
                        : i.deductions().entrySet().stream().map(d -> d.getKey() + "=" + d.getValue()).collect(Collectors.joining(",", "(", ")"))))
                .collect(Collectors.joining(";"));
    }

    /**
     * Per organisation: {numerator, denominator} for rate items; for incidents the counts of grades I … IV.
     */
    private Map<Long, long[]> figures(Item item, int year, Instant now) {
        Map<Long, long[]> byOrg = new HashMap<>();
        switch (item.kind()) {
            case DUTIES:
                duties.tally(selection(item, Party.UNIT, year, now)).forEach(t -> byOrg.put(t.orgId(), new long[]{t.onTime(), t.due(), 0, 0, 0}));
                break;
            case HAZARDS:
                hazards.tally(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), now)
                        .forEach(t -> byOrg.put(t.orgId(), new long[]{t.closedOnTime(), t.due(), 0, 0, 0}));
                break;
            case INCIDENTS:
                // issue 17 point 13: nothing counts from before the Measures took effect (the duty generator's rule)
                Instant from = inForceFrom(year);
                incidents.tally(from, start(year + 1)).forEach(t -> {
                    int grade = List.of("I", "II", "III", "IV").indexOf(t.grade());
                    if (grade >= 0) {
                        byOrg.computeIfAbsent(t.orgId(), o -> new long[8])[1 + grade] += t.count();
                    }
                });
                // issue 17 point 15: 迟报、漏报、瞒报 are deducted, reporting on time is not
                incidents.reporting(from, start(year + 1), now).forEach(r -> {
                    long[] f = byOrg.computeIfAbsent(r.orgId(), o -> new long[8]);
                    f[5] += r.late();
                    f[6] += r.missing();
                    f[7] += r.concealed();
                });
                break;
            case ADMISSION:
                admissions.tally().forEach(t -> byOrg.put(t.orgId(), new long[]{t.compliant(), t.systems(), 0, 0, 0}));
                break;
            default:
                throw new IllegalStateException("unknown assessment kind " + item.kind());
        }
        return byOrg;
    }

    static DutyOutcomes.Selection selection(Item item, Party party, int year, Instant now) {
        return new DutyOutcomes.Selection(party, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), item == null ? List.of() : item.rulePrefixes(),
                item == null ? List.of() : item.articles(), now);
    }

    /** The start of the year, or of the Measures' validity when later (A15): 2025 counts from 16 December. */
    Instant inForceFrom(int year) {
        Instant from = start(year);
        Instant valid = catalog.version().validFrom().atStartOfDay(ZONE).toInstant();
        return valid.isAfter(from) ? valid : from;
    }

    static Instant start(int year) {
        return LocalDate.of(year, 1, 1).atStartOfDay(ZONE).toInstant();
    }

    /** A rate item: weight × numerator ÷ denominator, full weight when nothing was due; incidents: weight − min(weight, Σ deductions). */
    static ItemScore score(Item item, long[] f) {
        BigDecimal weight = BigDecimal.valueOf(item.weight());
        if (item.kind() == AssessmentModel.Kind.INCIDENTS) {
            List<String> grades = List.of("I", "II", "III", "IV");
            long count = 0;
            long points = 0;
            List<String> parts = new ArrayList<>();
            for (int g = 0; g < 4; g++) {
                long n = f[1 + g];
                if (n > 0) {
                    count += n;
                    points += n * item.deduction(grades.get(g));
                    parts.add(grades.get(g) + "级×" + n + "（每起 " + item.deduction(grades.get(g)) + " 分）");
                }
            }
            // 迟报、漏报、瞒报 (issue 17 point 15): per failed report, on top of the incident itself
            List<String> failures = List.of("late", "missing", "concealed");
            List<String> names = List.of("迟报", "漏报", "瞒报");
            for (int k = 0; k < 3; k++) {
                long n = f.length > 5 + k ? f[5 + k] : 0;
                if (n > 0) {
                    points += n * item.deduction(failures.get(k));
                    parts.add(names.get(k) + "×" + n + "（每起 " + item.deduction(failures.get(k)) + " 分）");
                }
            }
            BigDecimal deduction = BigDecimal.valueOf(Math.min(points, item.weight())).setScale(2, RoundingMode.HALF_UP);
            return new ItemScore(item.id(), item.kind().name(), item.title(), item.titleEn(), item.weight(), count, 0, deduction,
                    weight.subtract(deduction).setScale(2, RoundingMode.HALF_UP), String.join("，", parts), count == 0, item.overridden());
        }
        long numerator = f[0];
        long denominator = f[1];
        BigDecimal score = denominator == 0 ? weight.setScale(2, RoundingMode.HALF_UP)
                : weight.multiply(BigDecimal.valueOf(numerator)).divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_UP);
        return new ItemScore(item.id(), item.kind().name(), item.title(), item.titleEn(), item.weight(), numerator, denominator,
                BigDecimal.ZERO.setScale(2), score, "", denominator == 0, item.overridden());
    }

    /** The providers' records of the year (always live: the snapshot keeps the units' scores). */
    List<ProviderRecord> providers(int year, Instant now) {
        List<IncidentOutcomes.Outcome> serious = incidents.ofGrades(PROVIDER_GRADES, inForceFrom(year), start(year + 1));
        Map<Long, DutyOutcomes.Tally> tallies = duties.tally(selection(null, Party.PROVIDER, year, now)).stream()
                .collect(Collectors.toMap(DutyOutcomes.Tally::orgId, t -> t));
        return organisations.ofKind(OrgKind.PROVIDER).stream().map(p -> {
            DutyOutcomes.Tally t = tallies.get(p.id());
            return new ProviderRecord(p.id(), p.name(), t == null ? 0 : t.due(), t == null ? 0 : t.onTime(), serious);
        }).toList();
    }

    /** The records behind each item of one unit, by item id. */
    Map<String, List<Evidence>> records(long orgId, int year, Instant now) {
        Map<String, List<Evidence>> records = new LinkedHashMap<>();
        for (Item item : catalog.assessment().items()) {
            records.put(item.id(), records(item, orgId, year, now));
        }
        return records;
    }

    private List<Evidence> records(Item item, long orgId, int year, Instant now) {
        switch (item.kind()) {
            case DUTIES:
                return duties.outcomes(orgId, selection(item, Party.UNIT, year, now)).stream()
                        .map(d -> new Evidence("duty", d.id(), d.subjectName(), d.ruleId() + catalog.rule(d.ruleId()).map(r -> " " + r.title()).orElse(""),
                                d.dueDate(), d.doneAt(), d.onTime(), d.state(), "/duties/" + d.id())).toList();
            case HAZARDS:
                return hazards.outcomes(orgId, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), now).stream()
                        .map(h -> new Evidence("hazard", h.id(), h.title() + "（" + h.systemName() + "）", h.severity(), h.dueDate(), h.closedAt(),
                                h.onTime(), h.status(), "/hazards/" + h.id())).toList();
            case INCIDENTS:
                return incidents.outcomes(orgId, inForceFrom(year), start(year + 1)).stream()
                        .map(i -> new Evidence("incident", i.id(), i.title(), i.grade(), null, i.confirmedAt(), null, i.status(),
                                "/incidents/" + i.id())).toList();
            case ADMISSION:
                return admissions.outcomes(orgId).stream()
                        .map(s -> new Evidence("system", s.id(), s.name(), s.state(), null, null, s.compliant(),
                                (s.agreementSigned() ? "协议已签" : "未签协议") + "，" + (s.verificationPassed() ? "核验通过" : "核验未通过")
                                        + (s.internetAccess() ? "，已开通互联网访问" : ""), "/systems/" + s.id())).toList();
            default:
                return List.of();
        }
    }
}
