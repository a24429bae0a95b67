package cn.govcloud.guard.supervision.dashboard;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.duties.DutyFigures;
import cn.govcloud.guard.hazards.HazardFigures;
import cn.govcloud.guard.hazards.HazardOutcomes;
import cn.govcloud.guard.hazards.intake.AlertFigures;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.incidents.IncidentFigures;
import cn.govcloud.guard.incidents.IncidentFigures.DrillCoverage;
import cn.govcloud.guard.incidents.IncidentFigures.GradeMonth;
import cn.govcloud.guard.rules.AssessmentModel;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.supervision.dashboard.Chart.Cell;
import cn.govcloud.guard.supervision.dashboard.Chart.Row;
import cn.govcloud.guard.systems.SystemFigures;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.transaction.annotation.Transactional;

/**
 * The charts of the posture dashboard (A11.3, A12) for one reader: the supervisor and the regulators
 * see the city, a unit its own records, the provider its duties and its monitoring. Each figure comes
 * from the owning module's figures interface (one GROUP BY each, scoped as that module's list is), and
 * each row links to the list that shows the same records.
 */
@Service
@Transactional(readOnly = true)
class DashboardCharts {
    static final int TOP_RULES = 10;
    private static final String[] GRADES = {"I", "II", "III", "IV"};

    private final SystemFigures systems;
    private final DutyFigures duties;
    private final HazardFigures hazards;
    private final HazardOutcomes outcomes;
    private final RuleCatalog catalog;
    private final AlertFigures alerts;
    private final IncidentFigures incidents;
    private final OrganisationDirectory organisations;
    private final MessageSource messages;
    private final Clock clock;

    DashboardCharts(SystemFigures systems, DutyFigures duties, HazardFigures hazards, HazardOutcomes outcomes, RuleCatalog catalog,
                    AlertFigures alerts, IncidentFigures incidents, OrganisationDirectory organisations, MessageSource messages, Clock clock) {
        this.outcomes = outcomes;
        this.catalog = catalog;
        this.systems = systems;
        this.duties = duties;
        this.hazards = hazards;
        this.alerts = alerts;
        this.incidents = incidents;
        this.organisations = organisations;
        this.messages = messages;
        this.clock = clock;
    }

    /** The charts this reader sees, in page order. */
    List<Chart> charts(Actor actor, Locale locale) {
        Instant now = clock.instant();
        LocalDate today = now.atZone(WorkingCalendar.ZONE).toLocalDate();
        List<Chart> charts = new ArrayList<>();
        if (actor.orgKind() == OrgKind.PROVIDER) {
            charts.add(dutiesByRule(actor, locale));
            charts.add(openAlerts(actor, locale));
            charts.add(triage(actor, locale));
            return charts;
        }
        charts.add(systemsByState(actor, locale));
        charts.add(systemsByLevel(actor, locale));
        charts.add(dutiesByRule(actor, locale));
        charts.add(hazardsBySeverity(actor, locale));
        charts.add(hazardsByAge(actor, now, locale));
        charts.add(rectification(actor, today.getYear(), now, locale));
        charts.add(incidentsByMonth(actor, today, locale));
        charts.add(drills(actor, today, locale));
        return charts;
    }

    Chart systemsByState(Actor actor, Locale locale) {
        List<Row> rows = systems.byState(actor).stream().map(c -> single(text(locale, "systems.state." + c.key()),
                link("/systems", "state", c.key()), c.count())).toList();
        return new Chart("systems-state", text(locale, "dashboard.systems.state"), text(locale, "dashboard.systems.state.note"), "bar",
                false, List.of(text(locale, "dashboard.count")), rows, "");
    }

    Chart systemsByLevel(Actor actor, Locale locale) {
        List<Row> rows = systems.byLevel(actor).stream().map(c -> single(text(locale, "systems.level", c.key()),
                link("/systems", "level", c.key()), c.count())).toList();
        return new Chart("systems-level", text(locale, "dashboard.systems.level"), text(locale, "dashboard.systems.level.note"), "pie",
                false, List.of(text(locale, "dashboard.count")), rows, "");
    }

    Chart dutiesByRule(Actor actor, Locale locale) {
        boolean english = "en".equals(locale.getLanguage());
        // the rule's article and title, as the duty list shows them; the id itself is in the link
        List<Row> rows = duties.byRule(actor, TOP_RULES).stream().map(r -> new Row(catalog.rule(r.ruleId())
                .map(rule -> rule.article() + " " + (english ? rule.titleEn() : rule.title())).orElse(r.ruleId()), link("/duties", "rule", r.ruleId()), List.of(
                Cell.of(r.due(), link("/duties", "rule", r.ruleId(), "state", "OPEN")),
                Cell.of(r.overdue(), link("/duties", "rule", r.ruleId(), "state", "OVERDUE"))))).toList();
        return new Chart("duties-rule", text(locale, "dashboard.duties"), text(locale, "dashboard.duties.note", TOP_RULES), "stacked", true,
                List.of(text(locale, "dashboard.duties.due"), text(locale, "dashboard.duties.overdue")), rows, "");
    }

    Chart hazardsBySeverity(Actor actor, Locale locale) {
        List<Row> rows = hazards.openBySeverity(actor).stream().map(c -> single(text(locale, "hazards.severity." + c.key()),
                link("/hazards", "severity", c.key(), "status", "open"), c.count())).toList();
        return new Chart("hazards-severity", text(locale, "dashboard.hazards.severity"), text(locale, "dashboard.hazards.severity.note"),
                "pie", false, List.of(text(locale, "dashboard.count")), rows, "");
    }

    Chart hazardsByAge(Actor actor, Instant now, Locale locale) {
        List<Row> rows = hazards.openByAge(actor, now).stream().map(c -> single(text(locale, "hazards.age." + c.key()),
                link("/hazards", "status", "open", "age", c.key()), c.count())).toList();
        return new Chart("hazards-age", text(locale, "dashboard.hazards.age"), text(locale, "dashboard.hazards.age.note"), "bar", false,
                List.of(text(locale, "dashboard.count")), rows, "");
    }

    /**
     * A12: closed on time ÷ due per unit, counted exactly as the annual assessment's hazards item counts
     * (same query: hazards whose effective due date falls in the year), so the dashboard and the
     * assessment never disagree; a row drills down to that item's records on the unit's assessment page.
     * Org names in one call to identity, never per row.
     */
    Chart rectification(Actor actor, int year, Instant now, Locale locale) {
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = LocalDate.of(year, 12, 31);
        Map<Long, HazardOutcomes.Tally> byOrg = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        if (actor.orgKind() == OrgKind.UNIT) {
            names.put(actor.orgId(), actor.orgName());
            outcomes.tallyOf(actor.orgId(), from, to, now).ifPresent(t -> byOrg.put(t.orgId(), t));
        } else {
            organisations.ofKind(OrgKind.UNIT).forEach(o -> names.put(o.id(), o.name()));
            outcomes.tally(from, to, now).forEach(t -> byOrg.put(t.orgId(), t));
        }
        String item = catalog.assessment().items().stream().filter(i -> i.kind() == AssessmentModel.Kind.HAZARDS)
                .map(AssessmentModel.Item::id).findFirst().orElse("hazards");
        List<Row> rows = names.entrySet().stream()
                .map(e -> {
                    HazardOutcomes.Tally t = byOrg.getOrDefault(e.getKey(), new HazardOutcomes.Tally(e.getKey(), 0, 0));
                    Double rate = t.due() == 0 ? null : Math.round(1000.0 * t.closedOnTime() / t.due()) / 10.0;
                    String href = link("/supervision/assessment/" + e.getKey(), "year", String.valueOf(year)) + "#item-" + item;
                    return new Row(e.getValue(), href, List.of(new Cell(rate, null), new Cell((double) t.closedOnTime(), null),
                            new Cell((double) t.due(), null)));
                })
                .sorted(Comparator.<Row, Double>comparing(r -> r.cells().get(0).value(), Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Row::label))
                .toList();
        return new Chart("rectification", text(locale, "dashboard.rectification", String.valueOf(year)), text(locale, "dashboard.rectification.note"),
                "bar", false, List.of(text(locale, "dashboard.rectification.rate"), text(locale, "dashboard.rectification.onTime"),
                text(locale, "dashboard.rectification.due")), rows, "%");
    }

    Chart incidentsByMonth(Actor actor, LocalDate today, Locale locale) {
        int year = today.getYear();
        Map<String, Long> counts = new HashMap<>();
        for (GradeMonth g : incidents.byGradeAndMonth(actor, year)) {
            counts.put(g.grade() + "/" + g.month(), g.count());
        }
        List<Row> rows = new ArrayList<>();
        for (int m = 1; m <= today.getMonthValue(); m++) {
            String month = String.format("%d-%02d", year, m);
            List<Cell> cells = new ArrayList<>();
            for (String grade : GRADES) {
                cells.add(Cell.of(counts.getOrDefault(grade + "/" + m, 0L), link("/incidents", "grade", grade, "month", month)));
            }
            rows.add(new Row(month, link("/incidents", "month", month), cells));
        }
        List<String> series = new ArrayList<>();
        for (String grade : GRADES) {
            series.add(text(locale, "incidents.grade." + grade));
        }
        return new Chart("incidents-month", text(locale, "dashboard.incidents", String.valueOf(year)), text(locale, "dashboard.incidents.note"), "line",
                false, series, rows, "");
    }

    /** A10.3: the drills of the current half-year and which of the four scenarios they covered. */
    Chart drills(Actor actor, LocalDate today, Locale locale) {
        boolean first = today.getMonthValue() <= 6;
        LocalDate from = LocalDate.of(today.getYear(), first ? 1 : 7, 1);
        String half = today.getYear() + (first ? "-H1" : "-H2");
        DrillCoverage d = incidents.drills(actor, from, from.plusMonths(6).minusDays(1));
        String href = link("/incidents/drills", "half", half);
        List<Row> rows = List.of(single(text(locale, "dashboard.drills.held"), href, d.drills()),
                single(text(locale, "dashboard.drills.comprehensive"), href, d.comprehensive()),
                single(text(locale, "dashboard.drills.networkAttack"), href, d.networkAttack()),
                single(text(locale, "dashboard.drills.dataLeak"), href, d.dataLeak()),
                single(text(locale, "dashboard.drills.systemFailure"), href, d.systemFailure()),
                single(text(locale, "dashboard.drills.drSwitchover"), href, d.drSwitchover()));
        return new Chart("drills", text(locale, "dashboard.drills", half), text(locale, d.comprehensive() > 0 ? "dashboard.drills.done"
                : "dashboard.drills.missing"), "bar", false, List.of(text(locale, "dashboard.count")), rows, "");
    }

    Chart openAlerts(Actor actor, Locale locale) {
        List<Row> rows = alerts.openAlertsBySeverity(actor).stream().map(c -> single(text(locale, "dashboard.severity." + c.key()),
                link("/intake/alerts", "state", "OPEN", "severity", c.key()), c.count())).toList();
        return new Chart("alerts-severity", text(locale, "dashboard.alerts"), text(locale, "dashboard.alerts.note"), "pie", false,
                List.of(text(locale, "dashboard.count")), rows, "");
    }

    Chart triage(Actor actor, Locale locale) {
        List<Row> rows = alerts.awaitingTriage(actor).stream().map(c -> single(text(locale, "dashboard.triage." + c.key()),
                link("/intake/" + c.key(), "state", "TRIAGE"), c.count())).toList();
        return new Chart("triage", text(locale, "dashboard.triage"), text(locale, "dashboard.triage.note"), "bar", false,
                List.of(text(locale, "dashboard.count")), rows, "");
    }

    private static Row single(String label, String href, long count) {
        return new Row(label, href, List.of(Cell.of(count, null)));
    }

    /** A list path with its filters as query parameters, encoded. */
    static String link(String path, String... nameValues) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            b.queryParam(nameValues[i], nameValues[i + 1]);
        }
        return b.encode().build().toUriString();
    }

    private String text(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}
