package cn.govcloud.guard.hazards.intake.internal;

import static cn.govcloud.guard.hazards.intake.internal.Columns.clip;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditResult;
import cn.govcloud.guard.hazards.intake.Intake.ImportSummary;
import cn.govcloud.guard.hazards.intake.parse.MalformedInput;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Unprocessable;
import cn.govcloud.guard.systems.Systems;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scan reports in (A10.1): OpenVAS / Greenbone or Nessus, read streaming inside one transaction and
 * written in batches; a bad file rolls everything back and stores nothing. Serious findings matched to a
 * system are told at once, the unmatched start the triage clock (issue 17 point 5).
 */
@Service
public class ScanImports {
    private static final Logger log = LoggerFactory.getLogger(ScanImports.class);

    private final Imports imports;
    private final Findings findings;
    private final Systems systems;
    /** The systems' asset and exposure inventories: alerts and findings match on their ports too (issue 22 point 1). */
    private final cn.govcloud.guard.systems.inventory.AssetInventory inventory;
    private final ExposureDrift drift;
    private final FindingNotices notices;
    private final TriageClock triageClock;
    private final AuditLog audit;
    private final MessageSource messages;
    private final Clock clock;
    private final IntakeSettings settings;
    private final TransactionTemplate tx;
    /** Progress and outcome of a background import, committed beside the import's own transaction. */
    private final TransactionTemplate progressTx;
    private final ExecutorService jobs = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scan-import");
        t.setDaemon(true);
        return t;
    });

    ScanImports(Imports imports, Findings findings, Systems systems, cn.govcloud.guard.systems.inventory.AssetInventory inventory,
                ExposureDrift drift, FindingNotices notices, TriageClock triageClock, AuditLog audit,
                MessageSource messages, Clock clock, IntakeSettings settings, PlatformTransactionManager transactions) {
        this.imports = imports;
        this.findings = findings;
        this.systems = systems;
        this.inventory = inventory;
        this.drift = drift;
        this.notices = notices;
        this.triageClock = triageClock;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
        this.settings = settings;
        this.tx = new TransactionTemplate(transactions);
        this.progressTx = new TransactionTemplate(transactions);
        this.progressTx.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    public long maxScanBytes() {
        return settings.maxScanBytes();
    }

    /** Imports a whole report now, or nothing: a malformed one is refused (422) in the reader's language. */
    ImportSummary importScan(Actor actor, String filename, InputStream report) {
        IntakeAccess.requireImporter(actor, "findings:write");
        ScanImport work = work(actor, name(filename), clock.instant(), null, ScanImport.Progress.NONE);
        ImportSummary summary;
        try {
            summary = tx.execute(status -> run(work, report));
        } catch (MalformedInput e) {
            audit.record(AuditEvent.of("intake.scan.import", "import", AuditResult.FAILURE,
                    (work.filename == null ? "" : work.filename + ": ") + e.getMessage()));
            throw new Unprocessable(refusal(e, LocaleContextHolder.getLocale()));
        }
        audited(work, summary);
        return summary;
    }

    /**
     * Issue 24 point 7: a scan report imported in the background. The import's row is written (and
     * committed) at once with status RUNNING, so its id can be answered now and its progress read by
     * anyone allowed to; the import itself is still one transaction — all or nothing — and ends DONE
     * with its counts or FAILED with the reason, nothing stored. One import runs at a time (they are
     * heavy; the next waits in the queue). The file is the caller's copy and is deleted afterwards.
     */
    public long submitScan(Actor actor, String filename, Path file) throws IOException {
        IntakeAccess.requireImporter(actor, "findings:write");
        long size = Files.size(file);
        String name = name(filename);
        Instant now = clock.instant();
        Long id = tx.execute(status -> imports.insert("SCAN", name, actor, now, "RUNNING", size));
        var context = SecurityContextHolder.getContext();
        jobs.execute(() -> {
            SecurityContextHolder.setContext(context);
            try (InputStream in = Files.newInputStream(file)) {
                ScanImport work = work(actor, name, now, id, (read, stored, bytes) -> progressTx.executeWithoutResult(s ->
                        imports.progress(id, read, stored, bytes)));
                audited(work, tx.execute(status -> run(work, in)));
            } catch (MalformedInput e) {
                failed(id, e.key(), refusal(e, Locale.ENGLISH), refusal(e, Locale.SIMPLIFIED_CHINESE));
                audit.record(AuditEvent.of("intake.scan.import", "import:" + id, AuditResult.FAILURE,
                        (name == null ? "" : name + ": ") + e.getMessage()));
            } catch (RuntimeException | IOException e) {
                log.error("scan import {} failed", id, e);
                failed(id, "hazards.intake.error.internal", messages.getMessage("hazards.intake.error.internal", null, Locale.ENGLISH),
                        messages.getMessage("hazards.intake.error.internal", null, Locale.SIMPLIFIED_CHINESE));
                audit.record(AuditEvent.of("intake.scan.import", "import:" + id, AuditResult.FAILURE, "internal error: " + e.getClass().getSimpleName()));
            } finally {
                SecurityContextHolder.clearContext();
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.warn("could not delete {}", file, e);
                }
            }
        });
        return id;
    }

    private ScanImport work(Actor actor, String name, Instant now, Long importId, ScanImport.Progress progress) {
        return new ScanImport(imports, findings, drift, actor, name, now, new AddressMatcher(systems.addresses(), inventory.endpoints()), importId, progress);
    }

    private static String name(String filename) {
        return filename == null || filename.isBlank() ? null : clip(filename.strip(), 255);
    }

    /** In the import's transaction: the findings, then (issue 17 point 5, A10.1) the notices and the triage clock. */
    private ImportSummary run(ScanImport work, InputStream in) {
        ImportSummary summary = work.run(in, settings.maxScanBytes(), clock);
        // serious vulnerabilities matched to a system are told at once; the unmatched start the triage clock
        notices.imported(summary.importId(), work.now);
        triageClock.scanImported(summary.importId(), work.now);
        triageClock.settle(work.now); // findings matched now (the register learnt their address) may empty an earlier entry
        return summary;
    }

    private void failed(long id, String key, String english, String chinese) {
        progressTx.executeWithoutResult(s -> imports.failed(id, key, english, chinese));
    }

    private void audited(ScanImport work, ImportSummary summary) {
        audit.record(AuditEvent.success("intake.scan.import", "import:" + summary.importId(),
                summary.format() + " " + (work.filename == null ? "" : work.filename + " ") + work.bytes.count + " bytes: " + summary.results()
                        + " results, " + summary.newFindings() + " new, " + summary.updated() + " updated, " + summary.unmatched() + " unmatched"
                        + (work.driftRaised() == 0 ? "" : ", " + work.driftRaised() + " exposure drift")));
        log.info("scan import {}: {} results, {} new, {} updated, {} unmatched, {} exposure drift", summary.importId(), summary.results(),
                summary.newFindings(), summary.updated(), summary.unmatched(), work.driftRaised());
    }

    /** Issue 24 point 9: a refusal in the reader's language — the frame and the parser's reason. */
    String refusal(MalformedInput e, Locale locale) {
        return messages.getMessage("hazards.intake.error.refused", new Object[] {e.render(messages, locale)}, locale);
    }

    @PreDestroy
    void stopJobs() {
        jobs.shutdownNow();
    }
}
