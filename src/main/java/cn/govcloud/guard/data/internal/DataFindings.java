package cn.govcloud.guard.data.internal;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.data.DataSecurity.Grade;
import cn.govcloud.guard.data.DataSecurity.LegalBasis;
import cn.govcloud.guard.data.DataSecurity.Result;
import cn.govcloud.guard.data.DataSecurity.TransferStatus;
import cn.govcloud.guard.rules.BackupMinimum;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.shared.Page;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;

/**
 * The data-security findings, computed on read from the catalog, the policies, the runs, the
 * restore tests and the register — never stored, so they are always current and disappear the
 * moment their cause is fixed:
 * <ul>
 * <li>a data set without any backup policy, and a policy below its grade's catalog minimum
 *     ({@code backupMinimums}: off-site copy, interval, retention; a local copy always, A7.1) — under
 *     the minimum's rule;</li>
 * <li>a missed backup: no successful run within the policy's interval plus the minimum's grace
 *     (counted from the policy's last change when it never ran) — under the minimum's rule;</li>
 * <li>a failed latest restore test, or none successful for a year on a policy older than a year —
 *     A7.1-backup-restore-test;</li>
 * <li>important or core data registered for transfer abroad without an approved, unexpired
 *     security assessment — A8.3-cross-border-assessment.</li>
 * </ul>
 */
@Service
public class DataFindings {
    public static final String RESTORE_RULE = "A7.1-backup-restore-test";
    public static final String TRANSFER_RULE = "A8.3-cross-border-assessment";

    public enum Kind { NO_POLICY, BELOW_MINIMUM, MISSED_BACKUP, RESTORE_FAILED, NO_RESTORE_TEST, TRANSFER_WITHOUT_ASSESSMENT }

    /** The kinds, as the findings list's states. */
    public static final List<String> KINDS = Stream.of(Kind.values()).map(Kind::name).toList();

    public record Finding(String rule, Kind kind, long orgId, String orgName, long systemId, String systemName, Long datasetId,
                          String datasetName, Long policyId, Long transferId, String message) {
    }

    private final DataQueries data;
    private final DataTexts texts;
    private final RuleCatalog catalog;
    private final Clock clock;

    DataFindings(DataQueries data, DataTexts texts, RuleCatalog catalog, Clock clock) {
        this.data = data;
        this.texts = texts;
        this.catalog = catalog;
        this.clock = clock;
    }

    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    public List<Finding> findings(Actor actor) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
        List<Dataset> datasets = data.datasets(actor);
        List<Policy> policies = data.policies(actor);
        Map<Long, Instant> lastBackup = data.lastSuccessfulBackups(actor);
        Map<Long, List<RestoreTest>> tests = data.restoreTestsInScope(actor);
        Map<Long, String> orgNames = data.orgNames();
        Map<Long, Policy> byDataset = new HashMap<>();
        Map<Long, Policy> bySystem = new HashMap<>();
        for (Policy p : policies) {
            if (p.datasetId() == null) {
                bySystem.put(p.systemId(), p);
            } else {
                byDataset.put(p.datasetId(), p);
            }
        }
        Map<Long, String> systemNames = new HashMap<>();
        datasets.forEach(d -> systemNames.put(d.systemId(), d.systemName()));
        policies.forEach(p -> systemNames.put(p.systemId(), p.systemName()));

        // the grade each policy is held to: its set's, or for a system policy the highest of the sets it covers
        Map<Long, Grade> policyGrade = new HashMap<>();
        List<Finding> findings = new ArrayList<>();
        for (Dataset d : datasets) {
            Policy p = byDataset.containsKey(d.id()) ? byDataset.get(d.id()) : bySystem.get(d.systemId());
            if (p == null) {
                BackupMinimum min = minimum(d.grade());
                findings.add(new Finding(min.rule(), Kind.NO_POLICY, d.orgId(), d.orgName(), d.systemId(), d.systemName(), d.id(), d.name(),
                        null, null, texts.text("data.finding.noPolicy", texts.text("data.grade." + d.grade()))));
            } else {
                policyGrade.merge(p.id(), d.grade(), Grade::max);
            }
        }
        for (Policy p : policies) {
            Grade grade = policyGrade.getOrDefault(p.id(), Grade.GENERAL_1);
            BackupMinimum min = minimum(grade);
            String orgName = orgNames.getOrDefault(p.orgId(), "");
            String subject = p.datasetName();
            List<String> shortfalls = new ArrayList<>();
            if (!p.localCopy()) {
                shortfalls.add(texts.text("data.shortfall.local"));
            }
            if (min.offsite() && !p.offsiteCopy()) {
                shortfalls.add(texts.text("data.shortfall.offsite"));
            }
            if (p.everyHours() > min.maxEveryHours()) {
                shortfalls.add(texts.text("data.shortfall.every", p.everyHours(), min.maxEveryHours()));
            }
            if (p.retentionDays() < min.minRetentionDays()) {
                shortfalls.add(texts.text("data.shortfall.retention", p.retentionDays(), min.minRetentionDays()));
            }
            if (!shortfalls.isEmpty()) {
                findings.add(new Finding(min.rule(), Kind.BELOW_MINIMUM, p.orgId(), orgName, p.systemId(), p.systemName(), p.datasetId(), subject,
                        p.id(), null, texts.text("data.finding.belowMinimum", texts.text("data.grade." + grade), String.join("；", shortfalls))));
            }
            Instant last = lastBackup.get(p.id());
            Instant since = last != null ? last : p.updatedAt();
            Duration allowed = Duration.ofHours((long) p.everyHours() + min.graceHours());
            if (since.plus(allowed).isBefore(now)) {
                findings.add(new Finding(min.rule(), Kind.MISSED_BACKUP, p.orgId(), orgName, p.systemId(), p.systemName(), p.datasetId(), subject,
                        p.id(), null, last == null ? texts.text("data.finding.neverBackedUp", p.everyHours())
                        : texts.text("data.finding.missedBackup", last.toString(), p.everyHours())));
            }
            List<RestoreTest> policyTests = tests.getOrDefault(p.id(), List.of());
            if (!policyTests.isEmpty() && policyTests.get(0).result() == Result.FAILED) {
                findings.add(new Finding(RESTORE_RULE, Kind.RESTORE_FAILED, p.orgId(), orgName, p.systemId(), p.systemName(), p.datasetId(), subject,
                        p.id(), null, texts.text("data.finding.restoreFailed", policyTests.get(0).testedAt().toString())));
            } else {
                Instant yearAgo = now.minus(Duration.ofDays(365));
                boolean recent = policyTests.stream().anyMatch(t -> t.result() == Result.SUCCESS && t.testedAt().isAfter(yearAgo));
                if (!recent && p.updatedAt().isBefore(yearAgo)) {
                    findings.add(new Finding(RESTORE_RULE, Kind.NO_RESTORE_TEST, p.orgId(), orgName, p.systemId(), p.systemName(), p.datasetId(),
                            subject, p.id(), null, texts.text("data.finding.noRestoreTest")));
                }
            }
        }
        Map<Long, Dataset> sets = DataChecks.byId(datasets, Dataset::id);
        for (Transfer t : data.transfers(actor)) {
            if (!t.datasetGrade().importantOrCore() || t.status() == TransferStatus.WITHDRAWN) {
                continue;
            }
            boolean approved = t.legalBasis() == LegalBasis.SECURITY_ASSESSMENT && t.status() == TransferStatus.APPROVED
                    && (t.validUntil() == null || !t.validUntil().isBefore(today));
            if (!approved) {
                Dataset d = sets.get(t.datasetId());
                findings.add(new Finding(TRANSFER_RULE, Kind.TRANSFER_WITHOUT_ASSESSMENT, t.orgId(), t.orgName(), d == null ? 0 : d.systemId(),
                        d == null ? "" : d.systemName(), t.datasetId(), t.datasetName(), null, t.id(),
                        texts.text("data.finding.transfer", texts.text("data.grade." + t.datasetGrade()), t.recipient(), t.country(),
                                texts.text("data.basis." + t.legalBasis()), texts.text("data.transferStatus." + t.status()))));
            }
        }
        return findings;
    }

    /**
     * One page of the findings the actor may see, as {@code search} asks (issue 23 point 11): the unit, the kind (the
     * list's state), the set's grade and a keyword in the unit's, system's and set's names and the finding's words.
     * Findings are computed on read and never stored (see above), so this one list filters in memory, after the
     * scoped SQL reads the records it is computed from; it has no due filter (a finding is due now).
     */
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    public Page<Finding> findings(Actor actor, DataSearch search) {
        ListFilter f = search.filter();
        String k = f.q() == null ? null : f.q().toLowerCase(Locale.ROOT);
        Map<Long, Grade> grades = new HashMap<>();
        if (search.grade() != null) {
            data.datasets(actor).forEach(d -> grades.put(d.id(), d.grade()));
        }
        List<Finding> all = findings(actor).stream()
                .filter(x -> f.unit() == null || x.orgId() == f.unit())
                .filter(x -> f.state() == null || x.kind().name().equals(f.state()))
                .filter(x -> search.grade() == null || (x.datasetId() != null && grades.get(x.datasetId()) == search.grade()))
                .filter(x -> k == null || Stream.of(x.orgName(), x.systemName(), x.datasetName(), x.message())
                        .anyMatch(s -> s != null && s.toLowerCase(Locale.ROOT).contains(k)))
                .toList();
        int from = (int) Math.min(all.size(), (long) f.page() * f.size());
        return new Page<>(all.subList(from, Math.min(all.size(), from + f.size())), all.size(), f.page(), f.size());
    }

    /** The catalog's minimum for a grade; the catalog must hold all three (checked at start-up by the rules tests). */
    BackupMinimum minimum(Grade grade) {
        return catalog.backupMinimum(grade.catalogGrade())
                .orElseThrow(() -> new IllegalStateException("the rule catalog has no backup minimum for " + grade.catalogGrade()));
    }

    public List<BackupMinimum> minimums() {
        return catalog.backupMinimums();
    }
}
