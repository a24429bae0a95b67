package cn.govcloud.guard.hazards.intake.internal;

import cn.govcloud.guard.hazards.intake.Intake.ImportSummary;
import cn.govcloud.guard.hazards.intake.parse.ScanReports;
import cn.govcloud.guard.hazards.intake.parse.ScanResult;
import cn.govcloud.guard.shared.Actor;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scan import's state while the report streams through the parser, inside the caller's transaction:
 * the import row (started with the first result), the current batch of {@link #BATCH} results (each
 * identity once, the last one read), and the counts. Not a bean: one per import.
 */
final class ScanImport {
    /** Results per set-based batch of a scan import (issue 19 point 2). */
    static final int BATCH = 5_000;

    /** Receives how far a running import has got (results read, stored, bytes read). */
    interface Progress {
        Progress NONE = (read, stored, bytes) -> { };

        void at(int read, int stored, long bytes);
    }

    private final Imports imports;
    private final Findings findings;
    final Actor actor;
    final String filename;
    final Instant now;
    private final AddressMatcher matcher;
    private final Progress progress;
    private final Map<String, ScanResult> batch = new LinkedHashMap<>();
    CountingInputStream bytes;
    Long importId;
    /** The importer's format (recorded on the import); each finding carries its scanner (its identity's). */
    private String format;
    private int results;
    private int stored;
    private int created;
    private int updated;
    private int unmatched;

    ScanImport(Imports imports, Findings findings, Actor actor, String filename, Instant now, AddressMatcher matcher, Long importId,
               Progress progress) {
        this.imports = imports;
        this.findings = findings;
        this.actor = actor;
        this.filename = filename;
        this.now = now;
        this.matcher = matcher;
        this.importId = importId;
        this.progress = progress;
    }

    /** Reads the whole report and writes its findings; the caller finishes the import (notices, triage clock). */
    ImportSummary run(InputStream in, long maxBytes, java.time.Clock clock) {
        bytes = new CountingInputStream(in);
        findings.stage();
        String read = ScanReports.parse(bytes, maxBytes, this::accept);
        if (format == null) {
            format = read;
            start();
        }
        format = read; // the import row was started under the first result's scanner; the format is the importer's
        flush();
        imports.finish(importId, format, bytes.count, results, created, updated, unmatched, true, clock.instant());
        return new ImportSummary(importId, format, results, created, updated, unmatched);
    }

    private void start() {
        if (importId == null) {
            importId = imports.insert(format, filename, actor, now, "DONE", null);
        }
    }

    private void accept(ScanResult r) {
        if (format == null) {
            format = r.scanner();
            start();
        }
        results++;
        batch.put(r.pluginId() + '\u0000' + r.host() + '\u0000' + r.port(), r);
        if (batch.size() >= BATCH) {
            flush();
        }
    }

    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        Findings.Counts counts = findings.write(batch.values(), matcher, importId, now);
        created += counts.created();
        updated += counts.updated();
        unmatched += counts.unmatched();
        stored += batch.size();
        batch.clear();
        progress.at(results, stored, bytes.count);
    }
}
