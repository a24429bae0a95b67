package cn.govcloud.guard.supervision.annualreport;

import cn.govcloud.guard.access.AccessFigures;
import cn.govcloud.guard.access.AccessFigures.ChannelCounts;
import cn.govcloud.guard.access.AccessFigures.VisitCounts;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.hazards.HazardYearFigures;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.incidents.IncidentFigures;
import cn.govcloud.guard.incidents.IncidentFigures.DrillCoverage;
import cn.govcloud.guard.incidents.IncidentOutcomes;
import cn.govcloud.guard.platform.CertificationFigures;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.systems.SystemCensus;
import cn.govcloud.guard.systems.ledger.LedgerFigures;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gathers one year's figures and the previous year's for the annual report (A12, A14) from the registers of the other
 * modules, each through its read API (grouped in SQL there, a fixed number of queries per year whatever the city's size),
 * and hands them to {@link AnnualReportAssembly} to be set side by side. Read-only; who may ask is the caller's check.
 */
@Service
@Transactional(readOnly = true)
class AnnualFigures {
    private final SystemCensus census;
    private final LedgerFigures ledger;
    private final HazardYearFigures hazards;
    private final IncidentOutcomes incidents;
    private final IncidentFigures drills;
    private final AccessFigures access;
    private final CertificationFigures certifications;
    private final OrganisationDirectory organisations;
    private final AnnualReportAssembly assembly;
    private final AnnualReportSettings settings;
    private final Clock clock;

    AnnualFigures(SystemCensus census, LedgerFigures ledger, HazardYearFigures hazards, IncidentOutcomes incidents, IncidentFigures drills,
                  AccessFigures access, CertificationFigures certifications, OrganisationDirectory organisations, AnnualReportAssembly assembly,
                  AnnualReportSettings settings, Clock clock) {
        this.census = census;
        this.ledger = ledger;
        this.hazards = hazards;
        this.incidents = incidents;
        this.drills = drills;
        this.access = access;
        this.certifications = certifications;
        this.organisations = organisations;
        this.assembly = assembly;
        this.settings = settings;
        this.clock = clock;
    }

    /** One year's registers as the modules count them. */
    record Raw(ReportPeriod period, List<SystemCensus.LevelCount> census, List<LedgerFigures.Coverage> coverage,
               List<LedgerFigures.Result> results, List<HazardYearFigures.Group> hazards, List<IncidentOutcomes.Tally> incidents,
               List<IncidentOutcomes.Reporting> reporting, DrillCoverage drills, DrillCoverage firstHalf, DrillCoverage secondHalf,
               ChannelCounts channels, VisitCounts visits, List<CertificationFigures.Report> certifications) {
    }

    int currentYear() {
        return LocalDate.ofInstant(clock.instant(), WorkingCalendar.ZONE).getYear();
    }

    /** @throws InvalidInput for a year in the future (nothing to report yet) or before {@link AnnualReportSettings#firstYear()} */
    void checkYear(int year) {
        if (year > currentYear()) {
            throw new InvalidInput("annualreport.error.future", Map.of("year", "annualreport.error.future"));
        }
        if (year < settings.firstYear()) {
            throw new InvalidInput("annualreport.error.year", Map.of("year", "annualreport.error.year"));
        }
    }

    /** The report of {@code year} as {@code reader} (the supervisor or a regulator: the whole city) sees it. */
    AnnualReport report(int year, Actor reader) {
        checkYear(year);
        var now = clock.instant();
        ReportPeriod period = ReportPeriod.of(year, now);
        ReportPeriod previous = period.previous();
        Raw current = raw(period, reader);
        Raw before = raw(previous, reader);
        return assembly.assemble(current, before, certifications.inForce(period.lastDay()),
                incidents.ofGrades(List.of("I", "II", "III"), period.from(), period.to()), organisations.all(), now);
    }

    private Raw raw(ReportPeriod p, Actor reader) {
        LocalDate first = p.firstDay();
        LocalDate last = p.lastDay();
        LocalDate midYear = LocalDate.of(p.year(), 6, 30);
        DrillCoverage none = new DrillCoverage(0, 0, 0, 0, 0, 0);
        return new Raw(p, census.byLevel(p.from(), p.to()), ledger.coverage(p.to()), ledger.results(first, last),
                hazards.notified(p.from(), p.to()), incidents.tally(p.from(), p.to()), incidents.reporting(p.from(), p.to(), clock.instant()),
                drills.drills(reader, first, last), drills.drills(reader, first, last.isBefore(midYear) ? last : midYear),
                last.isAfter(midYear) ? drills.drills(reader, midYear.plusDays(1), last) : none,
                access.channels(p.from(), p.to()), access.visits(first, last), certifications.issued(first, last));
    }
}
